package dev.scenebrush.inference.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PackBits rows decode to what was packed and never exceed the bound the PSD writer sizes for. */
class PackBitsTest {
  /** The decoder of the format, written from its definition (readers do the same). */
  static byte[] unpack(byte[] in, int length, int n) {
    byte[] row = new byte[n];
    int i = 0;
    int o = 0;
    while (o < n) {
      assertTrue(i < length, "the packed row ends early");
      int h = in[i++];
      if (h >= 0) {
        System.arraycopy(in, i, row, o, h + 1);
        i += h + 1;
        o += h + 1;
      } else if (h != -128) {
        Arrays.fill(row, o, o + 1 - h, in[i++]);
        o += 1 - h;
      }
    }
    assertTrue(i == length, "the packed row has bytes left over");
    return row;
  }

  @Test
  void randomRowsOfFewValuesRoundTripWithinTheBound() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 3000; trial++) {
      int n = 1 + rnd.nextInt(trial < 1500 ? 40 : 1000);
      int values = 1 + rnd.nextInt(4); // few values: runs of every length, pairs in literals
      byte[] row = new byte[n];
      for (int i = 0; i < n; i++) {
        row[i] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : rnd.nextInt(values));
      }
      byte[] out = new byte[PackBits.maxPacked(n)];
      int len = PackBits.pack(row, n, out);
      assertTrue(len <= PackBits.maxPacked(n), "within the bound at n = " + n);
      assertArrayEquals(row, unpack(out, len, n), "row " + trial);
    }
  }

  @Test
  void theWorstRowsStayWithinTheBound() {
    // Alternating pairs and singles ("abbcdde…") grew by a third under an encoder that made
    // every pair a run packet.
    for (int n : new int[] {1, 2, 3, 127, 128, 129, 256, 1000, 8192}) {
      for (byte[] row : new byte[][] {pairsAndSingles(n), distinct(n), new byte[n]}) {
        byte[] out = new byte[PackBits.maxPacked(n)];
        int len = PackBits.pack(row, n, out);
        assertArrayEquals(row, unpack(out, len, n));
      }
    }
  }

  private static byte[] pairsAndSingles(int n) {
    byte[] row = new byte[n];
    for (int i = 0; i < n; i++) {
      row[i] = (byte) ((i / 3) * 2 + (i % 3 == 0 ? 0 : 1));
    }
    return row;
  }

  private static byte[] distinct(int n) {
    byte[] row = new byte[n];
    for (int i = 0; i < n; i++) {
      row[i] = (byte) i;
    }
    return row;
  }
}
