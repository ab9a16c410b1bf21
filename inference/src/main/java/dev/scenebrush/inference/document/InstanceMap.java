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

  /** Bounding box of one id's pixels (EMPTY if it has none); scans the whole map. */
  public DirtyRect boundsOf(int id) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    for (int p = 0; p < ids.length; p++) {
      if ((ids[p] & 0xFFFF) == id) {
        int x = p % width;
        int y = p / width;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    return maxX < 0 ? DirtyRect.EMPTY : new DirtyRect(minX, minY, maxX - minX + 1, maxY - minY + 1);
  }

  public InstanceMap copy() {
    return new InstanceMap(width, height, ids.clone());
  }
}
