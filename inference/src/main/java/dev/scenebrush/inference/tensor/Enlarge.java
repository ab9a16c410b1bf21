package dev.scenebrush.inference.tensor;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;

/**
 * Enlarging a label map by a smooth vote (see {@link Resampler}). Each output pixel takes the class
 * with the largest Gaussian weight among the 4×4 document pixels around it, so staircases become
 * smooth edges. Where that vote would leave a document pixel's class nowhere among the output
 * pixels nearest it (a one-pixel line or dot), those output pixels take the bilinear vote of their
 * four nearest document pixels instead, which keeps every painted feature. Output pixel centres are
 * placed in the source as {@link ImageTensors#source} places them for pictures, so the labels line
 * up with the picture the ladder enlarges under them.
 */
final class Enlarge {
  /** Width of the vote's Gaussian, in document pixels: smooth at 4×, corners round ~1 pixel. */
  static final float SIGMA = 0.8f;

  private static final int TAPS = 4;
  private static final float TIE = 1e-6f;

  private final byte[] src;
  private final int sw;
  private final int w;
  private final int h;
  private final Axis ax;
  private final Axis ay;
  private byte[] labels;

  /**
   * Per output coordinate: 4 taps with Gaussian weights, 2 bilinear corners (the first, {@code lo},
   * is also the cell whose 4×4 window the taps cover), the nearest pixel.
   */
  private static final class Axis {
    final int[] tap;
    final float[] gauss;
    final int[] lo;
    final int[] hi;
    final float[] t;
    final int[] nearest;

    Axis(int srcSize, int size) {
      tap = new int[size * TAPS];
      gauss = new float[size * TAPS];
      lo = new int[size];
      hi = new int[size];
      t = new float[size];
      nearest = new int[size];
      for (int d = 0; d < size; d++) {
        float f = ImageTensors.source(d, srcSize, size);
        int fl = (int) Math.floor(f);
        for (int k = 0; k < TAPS; k++) {
          int p = fl - 1 + k;
          float dist = f - p;
          tap[d * TAPS + k] = Math.max(0, Math.min(srcSize - 1, p));
          gauss[d * TAPS + k] = (float) Math.exp(-dist * dist / (2 * SIGMA * SIGMA));
        }
        lo[d] = Math.min(fl, srcSize - 1);
        hi[d] = Math.min(lo[d] + 1, srcSize - 1);
        t[d] = Math.min(1f, f - lo[d]);
        nearest[d] = Math.min(srcSize - 1, Math.round(f));
      }
    }
  }

  Enlarge(LabelMap source, int w, int h) {
    this.src = source.raw();
    this.sw = source.width();
    this.w = w;
    this.h = h;
    this.ax = new Axis(sw, w);
    this.ay = new Axis(source.height(), h);
  }

  /**
   * Per document pixel p: whether every tap of the 4×4 window an output pixel whose cell is p reads
   * holds the same class (and, with ids, the same id), so most pixels skip the vote.
   */
  private boolean[] uniformWindows(short[] ids) {
    int sh = src.length / sw;
    boolean[] uniform = new boolean[src.length];
    for (int i = 0; i < sh; i++) {
      for (int j = 0; j < sw; j++) {
        int p = i * sw + j;
        boolean same = true;
        for (int dy = -1; dy <= 2 && same; dy++) {
          int row = Math.max(0, Math.min(sh - 1, i + dy)) * sw;
          for (int dx = -1; dx <= 2 && same; dx++) {
            int q = row + Math.max(0, Math.min(sw - 1, j + dx));
            same = src[q] == src[p] && (ids == null || ids[q] == ids[p]);
          }
        }
        uniform[p] = same;
      }
    }
    return uniform;
  }

  /** The enlarged label map (computed once). */
  byte[] labels() {
    if (labels != null) {
      return labels;
    }
    byte[] out = new byte[w * h];
    int[] cand = new int[TAPS * TAPS];
    float[] sum = new float[TAPS * TAPS];
    boolean[] uniform = uniformWindows(null);
    for (int y = 0; y < h; y++) {
      int cellRow = ay.lo[y] * sw;
      for (int x = 0; x < w; x++) {
        int c = cellRow + ax.lo[x];
        out[y * w + x] = uniform[c] ? src[c] : (byte) smoothVote(x, y, cand, sum);
      }
    }
    keepEveryPixelsClass(out);
    labels = out;
    return out;
  }

  /** The instance map: ids voted like labels, among the taps of the pixel's class only. */
  short[] instances(InstanceMap ids) {
    byte[] lab = labels();
    short[] s = ids.raw();
    short[] out = new short[w * h];
    int[] cand = new int[TAPS * TAPS];
    float[] sum = new float[TAPS * TAPS];
    boolean[] uniform = uniformWindows(s);
    for (int y = 0; y < h; y++) {
      int cellRow = ay.lo[y] * sw;
      for (int x = 0; x < w; x++) {
        int c = cellRow + ax.lo[x];
        int label = lab[y * w + x] & 0xFF;
        if (uniform[c] && label == (src[c] & 0xFF)) {
          out[y * w + x] = s[c];
          continue;
        }
        int n = 0;
        int best = -1;
        float bestWeight = -1f;
        for (int ky = 0; ky < TAPS; ky++) {
          int row = ay.tap[y * TAPS + ky] * sw;
          float wy = ay.gauss[y * TAPS + ky];
          for (int kx = 0; kx < TAPS; kx++) {
            int i = row + ax.tap[x * TAPS + kx];
            if ((src[i] & 0xFF) != label) {
              continue;
            }
            float wgt = wy * ax.gauss[x * TAPS + kx];
            int id = s[i] & 0xFFFF;
            n = add(cand, sum, n, id, wgt);
            if (wgt > bestWeight) {
              bestWeight = wgt;
              best = id;
            }
          }
        }
        out[y * w + x] = (short) winner(cand, sum, n, best);
      }
    }
    return out;
  }

  private int smoothVote(int x, int y, int[] cand, float[] sum) {
    int n = 0;
    for (int ky = 0; ky < TAPS; ky++) {
      int row = ay.tap[y * TAPS + ky] * sw;
      float wy = ay.gauss[y * TAPS + ky];
      for (int kx = 0; kx < TAPS; kx++) {
        int v = src[row + ax.tap[x * TAPS + kx]] & 0xFF;
        n = add(cand, sum, n, v, wy * ax.gauss[x * TAPS + kx]);
      }
    }
    return winner(cand, sum, n, src[ay.nearest[y] * sw + ax.nearest[x]] & 0xFF);
  }

  /**
   * Where no output pixel nearest a document pixel got that pixel's class, those output pixels take
   * the bilinear vote instead.
   */
  private void keepEveryPixelsClass(byte[] out) {
    boolean[] kept = new boolean[src.length];
    for (int y = 0; y < h; y++) {
      int row = ay.nearest[y] * sw;
      for (int x = 0; x < w; x++) {
        int p = row + ax.nearest[x];
        if (out[y * w + x] == src[p]) {
          kept[p] = true;
        }
      }
    }
    int[] cand = new int[4];
    float[] sum = new float[4];
    for (int y = 0; y < h; y++) {
      int row = ay.nearest[y] * sw;
      for (int x = 0; x < w; x++) {
        if (!kept[row + ax.nearest[x]]) {
          out[y * w + x] = (byte) bilinearVote(x, y, cand, sum);
        }
      }
    }
  }

  private int bilinearVote(int x, int y, int[] cand, float[] sum) {
    float tx = ax.t[x];
    float ty = ay.t[y];
    int r0 = ay.lo[y] * sw;
    int r1 = ay.hi[y] * sw;
    int n = 0;
    n = add(cand, sum, n, src[r0 + ax.lo[x]] & 0xFF, (1 - tx) * (1 - ty));
    n = add(cand, sum, n, src[r0 + ax.hi[x]] & 0xFF, tx * (1 - ty));
    n = add(cand, sum, n, src[r1 + ax.lo[x]] & 0xFF, (1 - tx) * ty);
    n = add(cand, sum, n, src[r1 + ax.hi[x]] & 0xFF, tx * ty);
    return winner(cand, sum, n, src[ay.nearest[y] * sw + ax.nearest[x]] & 0xFF);
  }

  /** Adds weight to value's running sum; returns the new count of distinct values. */
  private static int add(int[] cand, float[] sum, int n, int value, float weight) {
    for (int i = 0; i < n; i++) {
      if (cand[i] == value) {
        sum[i] += weight;
        return n;
      }
    }
    cand[n] = value;
    sum[n] = weight;
    return n + 1;
  }

  /** The value with the largest sum; {@code preferred} (the nearest pixel's) wins ties. */
  private static int winner(int[] cand, float[] sum, int n, int preferred) {
    int best = preferred;
    float bestSum = -1f;
    for (int i = 0; i < n; i++) {
      if (cand[i] == preferred) {
        bestSum = sum[i];
      }
    }
    for (int i = 0; i < n; i++) {
      if (cand[i] != best && sum[i] > bestSum + TIE) {
        best = cand[i];
        bestSum = sum[i];
      }
    }
    return best;
  }
}
