package dev.scenebrush.inference.retrieval;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One segment of a painting, as retrieval sees it: an object (an instance of a thing class) or a
 * connected region of one stuff class. {@code inside} marks its pixels within its box.
 */
public record PaintedSegment(
    int classIndex, boolean thing, int x, int y, int w, int h, long area, boolean[] inside) {

  public boolean contains(int px, int py) {
    return px >= x && py >= y && px < x + w && py < y + h && inside[(py - y) * w + (px - x)];
  }

  /**
   * What identifies the segment for caching: an edit that leaves class, box and pixels alone keeps
   * its retrieved segment.
   */
  public String key() {
    return classIndex + ":" + x + "," + y + "," + w + "x" + h + ":" + Arrays.hashCode(inside);
  }

  /** The query for the library: its shape in its box, area share and proportions. */
  public SegmentQuery query(int mapWidth, int mapHeight, int maskSize) {
    return SegmentQuery.of(classIndex, i -> inside[i], w, h, maskSize, 0, 0, w, h, area)
        .withArea((float) (area / ((double) mapWidth * mapHeight)));
  }

  /**
   * Splits a painting into segments: each instance of a thing class, and each 4-connected region of
   * a stuff class (and of a thing class painted without an instance). Unpainted pixels and segments
   * under minArea pixels are left out.
   */
  public static List<PaintedSegment> split(
      LabelMap labels, InstanceMap instances, Palette palette, int minArea) {
    int w = labels.width();
    int h = labels.height();
    byte[] lab = labels.raw();
    short[] ids = instances.raw();
    int[] seen = new int[w * h];
    Arrays.fill(seen, -1);
    int[] stack = new int[w * h];
    List<PaintedSegment> out = new ArrayList<>();
    int label = 0;
    for (int start = 0; start < w * h; start++) {
      int cls = lab[start] & 0xFF;
      if (seen[start] >= 0 || cls == Palette.UNKNOWN || cls >= palette.size()) {
        continue;
      }
      int id = ids[start] & 0xFFFF;
      boolean thing = palette.get(cls).isThing() && id != 0;
      // Flood the segment: same class, and for objects the same instance id.
      int top = 0;
      stack[top++] = start;
      seen[start] = label;
      int x0 = w;
      int y0 = h;
      int x1 = -1;
      int y1 = -1;
      List<Integer> pixels = new ArrayList<>();
      while (top > 0) {
        int p = stack[--top];
        pixels.add(p);
        int px = p % w;
        int py = p / w;
        x0 = Math.min(x0, px);
        x1 = Math.max(x1, px);
        y0 = Math.min(y0, py);
        y1 = Math.max(y1, py);
        int[] next = {
          px > 0 ? p - 1 : -1, px < w - 1 ? p + 1 : -1, py > 0 ? p - w : -1, py < h - 1 ? p + w : -1
        };
        for (int q : next) {
          if (q >= 0
              && seen[q] < 0
              && (lab[q] & 0xFF) == cls
              && (!thing || (ids[q] & 0xFFFF) == id)
              && (thing || !palette.get(cls).isThing() || (ids[q] & 0xFFFF) == 0)) {
            seen[q] = label;
            stack[top++] = q;
          }
        }
      }
      label++;
      if (pixels.size() < minArea) {
        continue;
      }
      int bw = x1 - x0 + 1;
      int bh = y1 - y0 + 1;
      boolean[] inside = new boolean[bw * bh];
      for (int p : pixels) {
        inside[(p / w - y0) * bw + (p % w - x0)] = true;
      }
      out.add(new PaintedSegment(cls, thing, x0, y0, bw, bh, pixels.size(), inside));
    }
    return out;
  }
}
