package dev.scenebrush.inference.document;

/** One instance id per pixel (0 = none), 16 bits. Edges between instances are derived. */
public final class InstanceMap {
  private final int width;
  private final int height;
  private final short[] ids;

  public InstanceMap(int width, int height) {
    this(width, height, new short[checkedArea(width, height)]);
  }

  public InstanceMap(int width, int height, short[] ids) {
    LabelMap.checkSize(width, height);
    if (ids.length != width * height) {
      throw new IllegalArgumentException("instance data does not match " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.ids = ids;
  }

  private static int checkedArea(int w, int h) {
    LabelMap.checkSize(w, h);
    return w * h;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int get(int x, int y) {
    return ids[y * width + x] & 0xFFFF;
  }

  public void set(int x, int y, int id) {
    ids[y * width + x] = (short) id;
  }

  public short[] raw() {
    return ids;
  }

  public InstanceMap copy() {
    return new InstanceMap(width, height, ids.clone());
  }
}
