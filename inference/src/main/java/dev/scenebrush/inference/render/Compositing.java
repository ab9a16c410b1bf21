package dev.scenebrush.inference.render;

/**
 * The arithmetic of pasting a class generator's object into the picture (CollageGAN): a crop box
 * twice the object's size, an alpha that is the object's mask faded over its outermost pixels, and
 * the blend.
 */
public final class Compositing {
  private Compositing() {}

  /** A square box twice the object's larger side, centred on it, shifted to stay inside. */
  public static int[] cropBox(int x0, int y0, int x1, int y1, int width, int height) {
    double cx = (x0 + x1 + 1) / 2.0;
    double cy = (y0 + y1 + 1) / 2.0;
    int side = Math.min(Math.max(width, height), 2 * Math.max(x1 - x0 + 1, y1 - y0 + 1));
    side = Math.min(Math.max(side, 8), Math.min(width, height));
    int bx = (int) Math.max(0, Math.min(Math.round(cx - side / 2.0), width - side));
    int by = (int) Math.max(0, Math.min(Math.round(cy - side / 2.0), height - side));
    return new int[] {bx, by, side};
  }

  /**
   * Alpha for a mask (side × side, true inside the object): 0 outside, 1 from {@code soften} pixels
   * inside the edge, and between those the share of the object in a box of that radius, so the
   * generated object fades into the picture's own version of it over its outermost pixels. Nothing
   * outside the mask is taken from the generator: it was trained pasted into the real picture by
   * the mask, and what it draws outside is never judged (a coloured fringe).
   */
  public static float[] alpha(boolean[] mask, int side, int soften) {
    return alpha(mask, side, side, soften);
  }

  /** As above, for a w × h mask. */
  public static float[] alpha(boolean[] mask, int w, int h, int soften) {
    float[] a = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!mask[y * w + x]) {
          continue;
        }
        int in = 0;
        int all = 0;
        for (int dy = -soften; dy <= soften; dy++) {
          for (int dx = -soften; dx <= soften; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && xx >= 0 && yy < h && xx < w) {
              all++;
              in += mask[yy * w + xx] ? 1 : 0;
            }
          }
        }
        a[y * w + x] = in / (float) all;
      }
    }
    return a;
  }

  /** dst = a · src + (1 − a) · dst inside the box (src is side × side). */
  public static void blend(int[] dst, int width, int bx, int by, int side, int[] src, float[] a) {
    blend(dst, width, bx, by, side, side, src, a);
  }

  /** As above, for a w × h box. */
  public static void blend(
      int[] dst, int width, int bx, int by, int w, int h, int[] src, float[] a) {
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float t = a[y * w + x];
        if (t <= 0f) {
          continue;
        }
        int g = (by + y) * width + bx + x;
        int s = src[y * w + x];
        int d = dst[g];
        int p = 0xFF000000;
        for (int shift = 0; shift <= 16; shift += 8) {
          float v = t * ((s >> shift) & 0xFF) + (1 - t) * ((d >> shift) & 0xFF);
          p |= Math.round(v) << shift;
        }
        dst[g] = p;
      }
    }
  }

  /** A box blur of radius r, three passes (close to a Gaussian), for the "blur" context. */
  public static int[] blur(int[] argb, int side, int r) {
    int[] cur = argb.clone();
    for (int pass = 0; pass < 3; pass++) {
      cur = boxPass(cur, side, r, true);
      cur = boxPass(cur, side, r, false);
    }
    return cur;
  }

  private static int[] boxPass(int[] src, int side, int r, boolean horizontal) {
    int[] out = new int[src.length];
    for (int a = 0; a < side; a++) {
      for (int b = 0; b < side; b++) {
        int sr = 0;
        int sg = 0;
        int sb = 0;
        int n = 0;
        for (int k = -r; k <= r; k++) {
          int c = b + k;
          if (c < 0 || c >= side) {
            continue;
          }
          int p = horizontal ? src[a * side + c] : src[c * side + a];
          sr += (p >> 16) & 0xFF;
          sg += (p >> 8) & 0xFF;
          sb += p & 0xFF;
          n++;
        }
        int idx = horizontal ? a * side + b : b * side + a;
        out[idx] = 0xFF000000 | (sr / n) << 16 | (sg / n) << 8 | (sb / n);
      }
    }
    return out;
  }
}
