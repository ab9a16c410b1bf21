package dev.scenebrush.inference.document;

/**
 * Hard-edged label painting: labels are never anti-aliased, so every pixel a tool touches gets
 * exactly one class.
 */
public final class Painter {
  private Painter() {}

  /** A filled disc of the given diameter centred on (cx, cy), clipped to the map. */
  public static DirtyRect dab(LabelMap map, double cx, double cy, int diameter, int label) {
    double r = Math.max(0.5, diameter / 2.0);
    int x0 = Math.max(0, (int) Math.floor(cx - r));
    int x1 = Math.min(map.width() - 1, (int) Math.ceil(cx + r));
    int y0 = Math.max(0, (int) Math.floor(cy - r));
    int y1 = Math.min(map.height() - 1, (int) Math.ceil(cy + r));
    if (x0 > x1 || y0 > y1) {
      return DirtyRect.EMPTY;
    }
    byte[] raw = map.raw();
    int w = map.width();
    double r2 = r * r;
    byte v = (byte) label;
    for (int y = y0; y <= y1; y++) {
      double dy = y + 0.5 - cy;
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        if (dx * dx + dy * dy <= r2) {
          raw[y * w + x] = v;
        }
      }
    }
    return new DirtyRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
  }

  /** Dabs spaced a quarter diameter apart from (ax, ay) to (bx, by): a continuous stroke. */
  public static DirtyRect line(
      LabelMap map, double ax, double ay, double bx, double by, int diameter, int label) {
    double len = Math.hypot(bx - ax, by - ay);
    double step = Math.max(0.5, diameter / 4.0);
    int n = Math.max(1, (int) Math.ceil(len / step));
    DirtyRect dirty = DirtyRect.EMPTY;
    for (int i = 0; i <= n; i++) {
      double t = i / (double) n;
      dirty = dirty.union(dab(map, ax + (bx - ax) * t, ay + (by - ay) * t, diameter, label));
    }
    return dirty;
  }

  /** 4-connected exact flood fill (scanline, iterative: no recursion depth limits). */
  public static DirtyRect fill(LabelMap map, int sx, int sy, int label) {
    int w = map.width();
    int h = map.height();
    if (sx < 0 || sy < 0 || sx >= w || sy >= h) {
      return DirtyRect.EMPTY;
    }
    byte[] raw = map.raw();
    byte target = raw[sy * w + sx];
    byte v = (byte) label;
    if (target == v) {
      return DirtyRect.EMPTY;
    }
    int minX = sx;
    int maxX = sx;
    int minY = sy;
    int maxY = sy;
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = sy * w + sx;
    while (top > 0) {
      int p = stack[--top];
      int y = p / w;
      int x = p % w;
      if (raw[p] != target) {
        continue;
      }
      int l = x;
      while (l > 0 && raw[y * w + l - 1] == target) {
        l--;
      }
      int r = x;
      while (r < w - 1 && raw[y * w + r + 1] == target) {
        r++;
      }
      for (int i = l; i <= r; i++) {
        raw[y * w + i] = v;
      }
      minX = Math.min(minX, l);
      maxX = Math.max(maxX, r);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      for (int ny = y - 1; ny <= y + 1; ny += 2) {
        if (ny < 0 || ny >= h) {
          continue;
        }
        boolean inRun = false;
        for (int i = l; i <= r; i++) {
          boolean match = raw[ny * w + i] == target;
          if (match && !inRun) {
            if (top == stack.length) {
              stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top++] = ny * w + i;
          }
          inRun = match;
        }
      }
    }
    return new DirtyRect(minX, minY, maxX - minX + 1, maxY - minY + 1);
  }
}
