package dev.scenebrush.inference.document;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Hard-edged label painting: labels are never anti-aliased, so every pixel a tool touches gets
 * exactly one class.
 */
public final class Painter {
  private Painter() {}

  /** A filled disc of the given diameter centred on (cx, cy), clipped to the map. */
  public static DirtyRect dab(LabelMap map, double cx, double cy, int diameter, int label) {
    return dab(map, null, cx, cy, diameter, label, 0);
  }

  /** The disc's bounding box, clipped, without painting (for undo recording). */
  public static DirtyRect dabBounds(LabelMap map, double cx, double cy, int diameter) {
    double r = Math.max(0.5, diameter / 2.0);
    int x0 = Math.max(0, (int) Math.floor(cx - r));
    int x1 = Math.min(map.width() - 1, (int) Math.ceil(cx + r));
    int y0 = Math.max(0, (int) Math.floor(cy - r));
    int y1 = Math.min(map.height() - 1, (int) Math.ceil(cy + r));
    return x0 > x1 || y0 > y1 ? DirtyRect.EMPTY : new DirtyRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
  }

  /** A disc that also sets instance ids (when ids is not null). */
  public static DirtyRect dab(
      LabelMap map, InstanceMap ids, double cx, double cy, int diameter, int label, int id) {
    double r = Math.max(0.5, diameter / 2.0);
    int x0 = Math.max(0, (int) Math.floor(cx - r));
    int x1 = Math.min(map.width() - 1, (int) Math.ceil(cx + r));
    int y0 = Math.max(0, (int) Math.floor(cy - r));
    int y1 = Math.min(map.height() - 1, (int) Math.ceil(cy + r));
    if (x0 > x1 || y0 > y1) {
      return DirtyRect.EMPTY;
    }
    byte[] raw = map.raw();
    short[] idRaw = ids == null ? null : ids.raw();
    int w = map.width();
    double r2 = r * r;
    byte v = (byte) label;
    short iv = (short) id;
    for (int y = y0; y <= y1; y++) {
      double dy = y + 0.5 - cy;
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        if (dx * dx + dy * dy <= r2) {
          raw[y * w + x] = v;
          if (idRaw != null) {
            idRaw[y * w + x] = iv;
          }
        }
      }
    }
    return new DirtyRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
  }

  /** Dabs spaced a quarter diameter apart from (ax, ay) to (bx, by): a continuous stroke. */
  public static DirtyRect line(
      LabelMap map, double ax, double ay, double bx, double by, int diameter, int label) {
    return line(map, null, ax, ay, bx, by, diameter, label, 0);
  }

  /** Bounding box of a stroke segment, clipped, without painting. */
  public static DirtyRect lineBounds(
      LabelMap map, double ax, double ay, double bx, double by, int diameter) {
    return dabBounds(map, ax, ay, diameter)
        .union(dabBounds(map, bx, by, diameter))
        .union(dabBounds(map, (ax + bx) / 2, (ay + by) / 2, diameter))
        .union(spanBounds(map, ax, ay, bx, by, diameter));
  }

  private static DirtyRect spanBounds(
      LabelMap map, double ax, double ay, double bx, double by, int diameter) {
    double r = Math.max(0.5, diameter / 2.0) + 1;
    int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - r));
    int x1 = Math.min(map.width() - 1, (int) Math.ceil(Math.max(ax, bx) + r));
    int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - r));
    int y1 = Math.min(map.height() - 1, (int) Math.ceil(Math.max(ay, by) + r));
    return x0 > x1 || y0 > y1 ? DirtyRect.EMPTY : new DirtyRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
  }

  public static DirtyRect line(
      LabelMap map,
      InstanceMap ids,
      double ax,
      double ay,
      double bx,
      double by,
      int diameter,
      int label,
      int id) {
    double len = Math.hypot(bx - ax, by - ay);
    double step = Math.max(0.5, diameter / 4.0);
    int n = Math.max(1, (int) Math.ceil(len / step));
    DirtyRect dirty = DirtyRect.EMPTY;
    for (int i = 0; i <= n; i++) {
      double t = i / (double) n;
      dirty =
          dirty.union(dab(map, ids, ax + (bx - ax) * t, ay + (by - ay) * t, diameter, label, id));
    }
    return dirty;
  }

  /** 4-connected exact flood fill of a label map alone (no instances). */
  public static DirtyRect fill(LabelMap map, int sx, int sy, int label) {
    if (sx < 0 || sy < 0 || sx >= map.width() || sy >= map.height() || map.get(sx, sy) == label) {
      return DirtyRect.EMPTY;
    }
    InstanceMap none = new InstanceMap(map.width(), map.height());
    Region r = region(map, none, sx, sy);
    apply(map, none, r, label, 0);
    return r.bounds();
  }

  /**
   * The 4-connected region of equal label and instance id around (sx, sy), as a mask over the whole
   * map plus its bounds; nothing is changed.
   */
  public static Region region(LabelMap map, InstanceMap ids, int sx, int sy) {
    int w = map.width();
    int h = map.height();
    if (sx < 0 || sy < 0 || sx >= w || sy >= h) {
      return new Region(new BitSet(), DirtyRect.EMPTY);
    }
    byte[] raw = map.raw();
    short[] idRaw = ids.raw();
    int start = sy * w + sx;
    byte target = raw[start];
    short targetId = idRaw[start];
    BitSet mask = new BitSet(w * h);
    int minX = sx;
    int maxX = sx;
    int minY = sy;
    int maxY = sy;
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = start;
    while (top > 0) {
      int p = stack[--top];
      if (mask.get(p)) {
        continue;
      }
      int y = p / w;
      int x = p % w;
      int l = x;
      while (l > 0
          && !mask.get(y * w + l - 1)
          && raw[y * w + l - 1] == target
          && idRaw[y * w + l - 1] == targetId) {
        l--;
      }
      int r = x;
      while (r < w - 1
          && !mask.get(y * w + r + 1)
          && raw[y * w + r + 1] == target
          && idRaw[y * w + r + 1] == targetId) {
        r++;
      }
      mask.set(y * w + l, y * w + r + 1);
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
          int q = ny * w + i;
          boolean match = !mask.get(q) && raw[q] == target && idRaw[q] == targetId;
          if (match && !inRun) {
            if (top == stack.length) {
              stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top++] = q;
          }
          inRun = match;
        }
      }
    }
    return new Region(mask, new DirtyRect(minX, minY, maxX - minX + 1, maxY - minY + 1));
  }

  /** A set of pixels (bit y * width + x) and their bounds. */
  public record Region(BitSet mask, DirtyRect bounds) {}

  /** Sets label and id on every pixel of the mask. */
  public static void apply(LabelMap map, InstanceMap ids, Region region, int label, int id) {
    byte[] raw = map.raw();
    short[] idRaw = ids.raw();
    BitSet m = region.mask();
    for (int p = m.nextSetBit(0); p >= 0; p = m.nextSetBit(p + 1)) {
      raw[p] = (byte) label;
      idRaw[p] = (short) id;
    }
  }

  /** Pixels whose centres lie inside the polygon (even-odd rule), clipped to the map. */
  public static Region polygon(LabelMap map, double[] xs, double[] ys) {
    int w = map.width();
    int h = map.height();
    BitSet mask = new BitSet(w * h);
    if (xs.length < 3) {
      return new Region(mask, DirtyRect.EMPTY);
    }
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (double y : ys) {
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    int y0 = Math.max(0, (int) Math.floor(minY));
    int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
    DirtyRect bounds = DirtyRect.EMPTY;
    double[] cross = new double[xs.length];
    for (int y = y0; y <= y1; y++) {
      double cy = y + 0.5;
      int n = 0;
      for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
        if ((ys[i] <= cy && ys[j] > cy) || (ys[j] <= cy && ys[i] > cy)) {
          cross[n++] = xs[i] + (cy - ys[i]) / (ys[j] - ys[i]) * (xs[j] - xs[i]);
        }
      }
      Arrays.sort(cross, 0, n);
      for (int k = 0; k + 1 < n; k += 2) {
        int xa = Math.max(0, (int) Math.ceil(cross[k] - 0.5));
        int xb = Math.min(w - 1, (int) Math.floor(cross[k + 1] - 0.5));
        if (xa <= xb) {
          mask.set(y * w + xa, y * w + xb + 1);
          bounds = bounds.union(new DirtyRect(xa, y, xb - xa + 1, 1));
        }
      }
    }
    return new Region(mask, bounds);
  }

  /** A region drawn between two corners (rectangle, ellipse): how shape tools pick theirs. */
  @FunctionalInterface
  public interface Corners {
    Region region(LabelMap map, double ax, double ay, double bx, double by);
  }

  /**
   * Axis-aligned rectangle between two corners (inclusive of the pixels whose centres lie inside).
   */
  public static Region rectangle(LabelMap map, double ax, double ay, double bx, double by) {
    double x0 = Math.min(ax, bx);
    double x1 = Math.max(ax, bx);
    double y0 = Math.min(ay, by);
    double y1 = Math.max(ay, by);
    return polygon(map, new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1});
  }

  /** Ellipse inscribed in the box between two corners. */
  public static Region ellipse(LabelMap map, double ax, double ay, double bx, double by) {
    int n = 96;
    double cx = (ax + bx) / 2;
    double cy = (ay + by) / 2;
    double rx = Math.abs(bx - ax) / 2;
    double ry = Math.abs(by - ay) / 2;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      double t = 2 * Math.PI * i / n;
      xs[i] = cx + rx * Math.cos(t);
      ys[i] = cy + ry * Math.sin(t);
    }
    return polygon(map, xs, ys);
  }
}
