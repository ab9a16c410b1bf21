package dev.scenebrush.inference.document;

/** The pixels an edit touched: x, y inclusive, width and height; EMPTY when nothing changed. */
public record DirtyRect(int x, int y, int width, int height) {
  public static final DirtyRect EMPTY = new DirtyRect(0, 0, 0, 0);

  public boolean isEmpty() {
    return width <= 0 || height <= 0;
  }

  public DirtyRect union(DirtyRect o) {
    if (isEmpty()) {
      return o;
    }
    if (o.isEmpty()) {
      return this;
    }
    int x0 = Math.min(x, o.x);
    int y0 = Math.min(y, o.y);
    int x1 = Math.max(x + width, o.x + o.width);
    int y1 = Math.max(y + height, o.y + o.height);
    return new DirtyRect(x0, y0, x1 - x0, y1 - y0);
  }
}
