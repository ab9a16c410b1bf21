package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.tensor.Resampler;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.inference.tensor.TensorPrep;
import org.junit.jupiter.api.Test;

class TensorPrepTest {
  @Test
  void oneHotPutsUnknownInTheLastChannel() {
    LabelMap m = new LabelMap(2, 2, new byte[] {0, 2, (byte) Palette.UNKNOWN, 1});
    float[] t = TensorPrep.oneHot(m, 3);
    assertEquals(4 * 4, t.length);
    // channel-major: [c][pixel]
    assertEquals(1f, t[0 * 4 + 0]);
    assertEquals(1f, t[2 * 4 + 1]);
    assertEquals(1f, t[3 * 4 + 2]);
    assertEquals(1f, t[1 * 4 + 3]);
    float sum = 0;
    for (float v : t) {
      sum += v;
    }
    assertEquals(4f, sum, "exactly one channel per pixel");
  }

  @Test
  void oneHotRefusesValuesOutsideThePalette() {
    LabelMap m = new LabelMap(1, 1, new byte[] {7});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TensorPrep.oneHot(m, 3));
    assertTrue(e.getMessage().contains("label value 7"));
  }

  @Test
  void edgesMarkPixelsBesideAnotherInstance() {
    InstanceMap m = new InstanceMap(4, 1, new short[] {0, 1, 1, 2});
    assertArrayEquals(new float[] {1, 1, 1, 1}, TensorPrep.instanceEdges(m));
    InstanceMap flat = new InstanceMap(3, 3);
    for (float v : TensorPrep.instanceEdges(flat)) {
      assertEquals(0f, v);
    }
    InstanceMap block = new InstanceMap(5, 1, new short[] {3, 3, 3, 3, 0});
    assertArrayEquals(new float[] {0, 0, 0, 1, 1}, TensorPrep.instanceEdges(block));
  }

  @Test
  void shrinkingTakesTheMajorityPerCell() {
    // 4x4 -> 2x2: top-left cell has three 1s and one 0.
    byte[] src = {1, 1, 2, 2, 0, 1, 2, 3, 4, 4, 5, 5, 4, 4, 5, 5};
    LabelMap small = Resampler.labels(new LabelMap(4, 4, src), 2, 2);
    assertArrayEquals(new byte[] {1, 2, 4, 5}, small.raw());
  }

  @Test
  void majorityKeepsAThinRegionThatNearestSamplingWouldDrop() {
    int n = 64;
    LabelMap m = new LabelMap(n, n);
    m.fill(0);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x += 8) {
        // five of every eight columns are class 1, but the cell centres fall on class 0
        for (int k = 0; k < 5; k++) {
          m.set(x + k, y, 1);
        }
      }
    }
    LabelMap small = Resampler.labels(m, 8, 8);
    for (byte b : small.raw()) {
      assertEquals(1, b);
    }
  }

  @Test
  void zMapBroadcastsEachComponent() {
    float[] z = TensorPrep.zMap(new float[] {0.5f, -1f}, 3, 2);
    for (int i = 0; i < 6; i++) {
      assertEquals(0.5f, z[i]);
      assertEquals(-1f, z[6 + i]);
    }
  }

  @Test
  void seedsGiveReproducibleStandardNormals() {
    assertArrayEquals(StyleSeed.gaussian(42, 64), StyleSeed.gaussian(42, 64));
    assertNotEquals(StyleSeed.gaussian(42, 64)[0], StyleSeed.gaussian(43, 64)[0]);
    float[] z = StyleSeed.gaussian(7, 20000);
    double mean = 0;
    double sq = 0;
    for (float v : z) {
      mean += v;
      sq += v * v;
    }
    mean /= z.length;
    double var = sq / z.length - mean * mean;
    assertEquals(0, mean, 0.03);
    assertEquals(1, var, 0.05);
  }
}
