package dev.scenebrush.cli;

import dev.scenebrush.inference.render.RenderedImage;

/** What a sane render of a painted scene looks like, independent of the pack's training. */
final class SelfTestChecks {
  /** Classes covering less than this share of the picture are too small to compare. */
  static final double MIN_CLASS_SHARE = 0.02;

  /** Mean colours of two large classes must differ by at least this (RGB distance, 0..441). */
  static final double MIN_CLASS_CONTRAST = 12;

  /** A picture whose luminance varies less than this (standard deviation) is flat. */
  static final double MIN_LUMA_STD = 4;

  private SelfTestChecks() {}

  /** Null when the picture passes; otherwise what is wrong with it. */
  static String problemWith(RenderedImage img, byte[] labels) {
    int n = img.width() * img.height();
    if (img.argb().length != n || labels.length != n) {
      return "picture is " + img.argb().length + " pixels, the scene " + labels.length;
    }
    double[][] sum = new double[256][3];
    long[] count = new long[256];
    double luma = 0;
    double luma2 = 0;
    for (int i = 0; i < n; i++) {
      int c = img.argb()[i];
      int r = (c >> 16) & 0xFF;
      int g = (c >> 8) & 0xFF;
      int b = c & 0xFF;
      double y = 0.299 * r + 0.587 * g + 0.114 * b;
      luma += y;
      luma2 += y * y;
      int k = labels[i] & 0xFF;
      sum[k][0] += r;
      sum[k][1] += g;
      sum[k][2] += b;
      count[k]++;
    }
    double mean = luma / n;
    double std = Math.sqrt(Math.max(0, luma2 / n - mean * mean));
    if (std < MIN_LUMA_STD) {
      return String.format("picture is flat (luminance std %.2f, mean %.1f)", std, mean);
    }
    double best = 0;
    for (int a = 0; a < 256; a++) {
      for (int b = a + 1; b < 256; b++) {
        if (count[a] < MIN_CLASS_SHARE * n || count[b] < MIN_CLASS_SHARE * n) {
          continue;
        }
        double d = 0;
        for (int ch = 0; ch < 3; ch++) {
          double diff = sum[a][ch] / count[a] - sum[b][ch] / count[b];
          d += diff * diff;
        }
        best = Math.max(best, Math.sqrt(d));
      }
    }
    if (best < MIN_CLASS_CONTRAST) {
      return String.format(
          "the painted classes all look alike (largest mean colour difference %.1f)", best);
    }
    return null;
  }
}
