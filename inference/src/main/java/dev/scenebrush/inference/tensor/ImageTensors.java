package dev.scenebrush.inference.tensor;

/** Conversions between [-1, 1] CHW float tensors and packed ARGB pixels. */
public final class ImageTensors {
  private ImageTensors() {}

  public static int[] toArgb(float[] chw, int w, int h) {
    int n = w * h;
    if (chw.length < 3 * n) {
      throw new IllegalArgumentException("image tensor too small for " + w + "x" + h);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          0xFF000000
              | (channel(chw[i]) << 16)
              | (channel(chw[n + i]) << 8)
              | channel(chw[2 * n + i]);
    }
    return out;
  }

  public static float[] fromArgb(int[] argb, int w, int h) {
    int n = w * h;
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      int p = argb[i];
      out[i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
      out[n + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
      out[2 * n + i] = (p & 0xFF) / 127.5f - 1f;
    }
    return out;
  }

  private static int channel(float v) {
    int c = Math.round((v + 1f) * 127.5f);
    return c < 0 ? 0 : Math.min(255, c);
  }

  /** Bilinear resize of packed pixels (for showing a working-size render at canvas size). */
  public static int[] resize(int[] src, int sw, int sh, int dw, int dh) {
    if (sw == dw && sh == dh) {
      return src.clone();
    }
    int[] out = new int[dw * dh];
    for (int y = 0; y < dh; y++) {
      float fy = source(y, sh, dh);
      int y0 = Math.min((int) fy, sh - 1);
      int y1 = Math.min(y0 + 1, sh - 1);
      float ty = fy - y0;
      for (int x = 0; x < dw; x++) {
        float fx = source(x, sw, dw);
        int x0 = Math.min((int) fx, sw - 1);
        int x1 = Math.min(x0 + 1, sw - 1);
        float tx = fx - x0;
        int a = src[y0 * sw + x0];
        int b = src[y0 * sw + x1];
        int c = src[y1 * sw + x0];
        int d = src[y1 * sw + x1];
        int p = 0xFF000000;
        for (int shift = 0; shift <= 16; shift += 8) {
          float top = lerp((a >> shift) & 0xFF, (b >> shift) & 0xFF, tx);
          float bot = lerp((c >> shift) & 0xFF, (d >> shift) & 0xFF, tx);
          p |= Math.round(lerp(top, bot, ty)) << shift;
        }
        out[y * dw + x] = p;
      }
    }
    return out;
  }

  /**
   * Where destination pixel {@code d} samples a source of {@code srcSize} resized to {@code
   * dstSize}: half-pixel centres, clamped at the first pixel (as PyTorch's bilinear interpolation
   * without aligned corners).
   */
  public static float source(int d, int srcSize, int dstSize) {
    return Math.max(0, (d + 0.5f) * srcSize / dstSize - 0.5f);
  }

  private static float lerp(float a, float b, float t) {
    return a + (b - a) * t;
  }
}
