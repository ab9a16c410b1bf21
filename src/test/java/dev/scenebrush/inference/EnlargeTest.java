package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.tensor.Resampler;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Label maps enlarged for exports and previews larger than the document. */
class EnlargeTest {
  private static final int N = 32;
  private static final int SCALE = 4;

  /** Class 1 right of the diagonal x > y, class 0 left of it. */
  private static LabelMap diagonal() {
    LabelMap m = new LabelMap(N, N);
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        m.raw()[y * N + x] = (byte) (x > y ? 1 : 0);
      }
    }
    return m;
  }

  /** The first x of class 1 in row y. */
  private static int edgeAt(LabelMap m, int y) {
    for (int x = 0; x < m.width(); x++) {
      if (m.raw()[y * m.width() + x] == 1) {
        return x;
      }
    }
    return m.width();
  }

  @Test
  void aPaintedDiagonalBecomesASmoothEdgeNotAStaircase() {
    LabelMap big = Resampler.labels(diagonal(), N * SCALE, N * SCALE);
    int largestJump = 0;
    // away from the borders, where the window is clamped
    for (int y = 2 * SCALE; y < (N - 3) * SCALE; y++) {
      largestJump = Math.max(largestJump, Math.abs(edgeAt(big, y + 1) - edgeAt(big, y)));
    }
    // nearest-neighbour enlarging steps the edge 4 pixels every 4 rows
    assertTrue(largestJump <= 2, "the edge jumps " + largestJump + " pixels between rows");
  }

  @Test
  void plainRegionsKeepTheirClassAndSizeRoughly() {
    LabelMap big = Resampler.labels(diagonal(), N * SCALE, N * SCALE);
    int ones = 0;
    for (byte b : big.raw()) {
      ones += b;
    }
    double share = ones / (double) big.raw().length;
    // class 1 covers (N - 1) / (2N) of the document
    assertEquals((N - 1) / (2.0 * N), share, 0.02);
  }

  @Test
  void oneDocumentPixelWideFeaturesSurvive() {
    LabelMap m = new LabelMap(N, N);
    m.fill(0);
    for (int i = 4; i < 20; i++) {
      m.raw()[i * N + i] = 2; // a one-pixel diagonal line
    }
    m.raw()[10 * N + 25] = 3; // a lone pixel
    LabelMap big = Resampler.labels(m, N * SCALE, N * SCALE);
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        int want = m.raw()[y * N + x];
        if (want == 0) {
          continue;
        }
        boolean found = false;
        for (int dy = 0; dy < SCALE; dy++) {
          for (int dx = 0; dx < SCALE; dx++) {
            found |= big.raw()[(y * SCALE + dy) * N * SCALE + x * SCALE + dx] == want;
          }
        }
        assertTrue(found, "class " + want + " of document pixel " + x + "," + y + " vanished");
      }
    }
  }

  @Test
  void everyEnlargedObjectIdBelongsToTheClassItIsPaintedIn() {
    LabelMap labels = diagonal();
    InstanceMap ids = new InstanceMap(N, N);
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        // two objects of class 1 side by side (ids 1 and 2); class 0 has no object
        int v = labels.raw()[y * N + x] == 1 ? (x < N / 2 ? 1 : 2) : 0;
        ids.raw()[y * N + x] = (short) v;
      }
    }
    Set<Integer> pairs = new HashSet<>();
    for (int i = 0; i < N * N; i++) {
      pairs.add(labels.raw()[i] * 65536 + ids.raw()[i]);
    }
    Resampler.Maps big = Resampler.maps(labels, ids, N * SCALE, N * SCALE);
    LabelMap bigLabels = big.labels();
    InstanceMap bigIds = big.instances();
    assertTrue(
        java.util.Arrays.equals(
            Resampler.labels(labels, N * SCALE, N * SCALE).raw(), bigLabels.raw()));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < bigLabels.raw().length; i++) {
      int pair = bigLabels.raw()[i] * 65536 + bigIds.raw()[i];
      assertTrue(pairs.contains(pair), "pixel " + i + " pairs a class with another's object");
      seen.add(pair);
    }
    assertEquals(pairs, seen);
  }
}
