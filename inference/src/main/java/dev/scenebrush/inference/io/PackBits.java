package dev.scenebrush.inference.io;

/**
 * PackBits run-length encoding, as PSD and TIFF use it: a header byte n, then n + 1 literal bytes
 * (0 ≤ n ≤ 127) or one byte repeated 1 − n times (−127 ≤ n ≤ −1).
 */
final class PackBits {
  private PackBits() {}

  /** Largest packed size of a row of n bytes: one header per 128 literals. */
  static int maxPacked(int n) {
    return n + (n + 127) / 128;
  }

  /**
   * Packs {@code row[0..n)} into {@code out} (at least {@link #maxPacked} long); returns the packed
   * length. Runs of three or more equal bytes become run packets; shorter ones stay inside
   * literals, where they cost nothing extra, so a row never grows by more than one header byte per
   * 128 bytes.
   */
  static int pack(byte[] row, int n, byte[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      int run = runAt(row, i, n);
      if (run >= 3) {
        out[o++] = (byte) (1 - run);
        out[o++] = row[i];
        i += run;
        continue;
      }
      int start = i;
      while (i < n && i - start < 128 && runAt(row, i, n) < 3) {
        i++;
      }
      out[o++] = (byte) (i - start - 1);
      System.arraycopy(row, start, out, o, i - start);
      o += i - start;
    }
    return o;
  }

  /** Length of the run of equal bytes starting at i, at most 128. */
  private static int runAt(byte[] row, int i, int n) {
    int run = 1;
    while (i + run < n && run < 128 && row[i + run] == row[i]) {
      run++;
    }
    return run;
  }
}
