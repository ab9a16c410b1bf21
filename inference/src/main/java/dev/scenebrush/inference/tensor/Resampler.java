package dev.scenebrush.inference.tensor;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import java.util.Arrays;

/**
 * Brings label and instance maps to a model's working size: the majority value per cell when
 * shrinking (so thin regions are not dropped at random), nearest neighbour otherwise.
 */
public final class Resampler {
  private Resampler() {}

  public static LabelMap labels(LabelMap src, int w, int h) {
    if (src.width() == w && src.height() == h) {
      return src.copy();
    }
    byte[] s = src.raw();
    byte[] d = new byte[w * h];
    int sw = src.width();
    int sh = src.height();
    boolean shrink = w <= sw && h <= sh;
    int[] counts = new int[256];
    for (int y = 0; y < h; y++) {
      int y0 = (int) ((long) y * sh / h);
      int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / h));
      for (int x = 0; x < w; x++) {
        if (!shrink) {
          int sx = (int) ((x + 0.5) * sw / w);
          int sy = (int) ((y + 0.5) * sh / h);
          d[y * w + x] = s[sy * sw + sx];
          continue;
        }
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

  public static InstanceMap instances(InstanceMap src, int w, int h) {
    if (src.width() == w && src.height() == h) {
      return src.copy();
    }
    short[] s = src.raw();
    short[] d = new short[w * h];
    int sw = src.width();
    int sh = src.height();
    boolean shrink = w <= sw && h <= sh;
    int[] cell = new int[16];
    for (int y = 0; y < h; y++) {
      int y0 = (int) ((long) y * sh / h);
      int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / h));
      for (int x = 0; x < w; x++) {
        if (!shrink) {
          int sx = (int) ((x + 0.5) * sw / w);
          int sy = (int) ((y + 0.5) * sh / h);
          d[y * w + x] = s[sy * sw + sx];
          continue;
        }
        int x0 = (int) ((long) x * sw / w);
        int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * sw / w));
        int n = (y1 - y0) * (x1 - x0);
        if (cell.length < n) {
          cell = new int[n];
        }
        int k = 0;
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            cell[k++] = s[yy * sw + xx] & 0xFFFF;
          }
        }
        d[y * w + x] = (short) mode(cell, n);
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
