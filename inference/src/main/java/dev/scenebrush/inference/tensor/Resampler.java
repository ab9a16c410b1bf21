package dev.scenebrush.inference.tensor;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import java.util.Arrays;

/**
 * Brings label and instance maps to a model's working size. Shrinking takes the majority value per
 * cell (so thin regions are not dropped at random). Enlarging votes smoothly ({@link Enlarge}): a
 * painted diagonal becomes a smooth edge at 4× instead of a staircase of 4-pixel steps, and no
 * painted class vanishes; the object id is voted among the pixels of the chosen class, so the two
 * maps stay consistent.
 */
public final class Resampler {
  private Resampler() {}

  public static LabelMap labels(LabelMap src, int w, int h) {
    if (src.width() == w && src.height() == h) {
      return src.copy();
    }
    if (!(w <= src.width() && h <= src.height())) {
      return new LabelMap(w, h, new Enlarge(src, w, h).labels());
    }
    byte[] s = src.raw();
    byte[] d = new byte[w * h];
    int sw = src.width();
    int sh = src.height();
    int[] counts = new int[256];
    for (int y = 0; y < h; y++) {
      int y0 = (int) ((long) y * sh / h);
      int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / h));
      for (int x = 0; x < w; x++) {
        int x0 = (int) ((long) x * sw / w);
        int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * sw / w));
        int best = -1;
        int bestCount = 0;
        for (int yy = y0; yy < y1; yy++) {
          int row = yy * sw;
          for (int xx = x0; xx < x1; xx++) {
            counts[s[row + xx] & 0xFF]++;
          }
        }
        // Second pass reads the counts back and clears only what was touched.
        for (int yy = y0; yy < y1; yy++) {
          int row = yy * sw;
          for (int xx = x0; xx < x1; xx++) {
            int v = s[row + xx] & 0xFF;
            int c = counts[v];
            if (c > bestCount || (c == bestCount && c > 0 && v < best)) {
              best = v;
              bestCount = c;
            }
          }
        }
        for (int yy = y0; yy < y1; yy++) {
          int row = yy * sw;
          for (int xx = x0; xx < x1; xx++) {
            counts[s[row + xx] & 0xFF] = 0;
          }
        }
        d[y * w + x] = (byte) best;
      }
    }
    return new LabelMap(w, h, d);
  }

  /** A label map and its instance map at one size. */
  public record Maps(LabelMap labels, InstanceMap instances) {}

  /**
   * Both maps at (w, h), from one vote: when enlarging, each pixel's id comes from a document pixel
   * of the class the pixel gets.
   */
  public static Maps maps(LabelMap labels, InstanceMap instances, int w, int h) {
    if (labels.width() != instances.width() || labels.height() != instances.height()) {
      throw new IllegalArgumentException(
          String.format(
              "label map %dx%d does not match instance map %dx%d",
              labels.width(), labels.height(), instances.width(), instances.height()));
    }
    if (!(w <= labels.width() && h <= labels.height())) {
      Enlarge e = new Enlarge(labels, w, h);
      return new Maps(
          new LabelMap(w, h, e.labels()), new InstanceMap(w, h, e.instances(instances)));
    }
    LabelMap small = labels(labels, w, h);
    return new Maps(small, shrunk(labels, instances, small));
  }

  /**
   * The instance map at the shrunk labels' size: per cell, the most frequent id among the pixels of
   * the class the cell took, so an id never lands on a cell of another class (nor 0 on an object's
   * cell because its pixels were split between two objects).
   */
  private static InstanceMap shrunk(LabelMap labels, InstanceMap src, LabelMap small) {
    int w = small.width();
    int h = small.height();
    if (src.width() == w && src.height() == h) {
      return src.copy();
    }
    byte[] lab = labels.raw();
    byte[] chosen = small.raw();
    short[] s = src.raw();
    short[] d = new short[w * h];
    int sw = src.width();
    int sh = src.height();
    int[] cell = new int[16];
    for (int y = 0; y < h; y++) {
      int y0 = (int) ((long) y * sh / h);
      int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / h));
      for (int x = 0; x < w; x++) {
        int x0 = (int) ((long) x * sw / w);
        int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * sw / w));
        int n = (y1 - y0) * (x1 - x0);
        if (cell.length < n) {
          cell = new int[n];
        }
        int k = 0;
        byte cls = chosen[y * w + x];
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            if (lab[yy * sw + xx] == cls) {
              cell[k++] = s[yy * sw + xx] & 0xFFFF;
            }
          }
        }
        d[y * w + x] = (short) mode(cell, k);
      }
    }
    return new InstanceMap(w, h, d);
  }

  /** Most frequent value of the first n entries; ties go to the smaller value. */
  static int mode(int[] values, int n) {
    Arrays.sort(values, 0, n);
    int best = values[0];
    int bestRun = 0;
    int run = 0;
    for (int i = 0; i < n; i++) {
      run = (i > 0 && values[i] == values[i - 1]) ? run + 1 : 1;
      if (run > bestRun) {
        bestRun = run;
        best = values[i];
      }
    }
    return best;
  }
}
