package dev.scenebrush.inference.document;

/** One object of a thing class: its id in the instance map, class, own style seed, mode, lock. */
public record Instance(int id, int classIndex, long seed, RenderMode mode, boolean locked) {
  public static final int MAX_ID = 65535;

  public Instance {
    if (id < 1 || id > MAX_ID) {
      throw new IllegalArgumentException("instance id must be 1.." + MAX_ID + ", got " + id);
    }
  }

  public Instance withMode(RenderMode m) {
    return new Instance(id, classIndex, seed, m, locked);
  }

  public Instance withSeed(long s) {
    return new Instance(id, classIndex, s, mode, locked);
  }

  public Instance withLocked(boolean l) {
    return new Instance(id, classIndex, seed, mode, l);
  }
}
