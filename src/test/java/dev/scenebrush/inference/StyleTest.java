package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.style.StyleEncoder;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StyleTest {
  static InferenceRuntime runtime;
  static ModelPack pack;
  static BaseRenderer renderer;
  static final int N = 384;

  /**
   * Receptive-field radius of the test pack's generator, in pixels: at 1/16 scale its first stage
   * stacks about seven 3x3 convolutions (±16 px each), then halving stages add less.
   */
  static final int REACH = 224;

  @BeforeAll
  static void open() {
    runtime = new InferenceRuntime(true, 1);
    pack = Fixtures.tinyPack();
    renderer = new BaseRenderer(runtime, pack);
  }

  @AfterAll
  static void close() {
    runtime.close();
  }

  static LabelMap scene() {
    LabelMap m = new LabelMap(N, N);
    m.fill(0);
    for (int y = N / 2; y < N; y++) {
      for (int x = 0; x < N; x++) {
        m.set(x, y, 9);
      }
    }
    return m;
  }

  RenderedImage render(LabelMap m, InstanceMap inst, StyleSpec s) {
    return renderer.render(m, inst, s, N, N, new ModelSession.Cancel());
  }

  /** Largest distance (Chebyshev) from the box of any pixel that differs; -1 if none differs. */
  static int farthestChange(int[] a, int[] b, int x0, int y0, int x1, int y1) {
    int far = -1;
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        if (a[y * N + x] != b[y * N + x]) {
          int dx = x < x0 ? x0 - x : Math.max(0, x - x1);
          int dy = y < y0 ? y0 - y : Math.max(0, y - y1);
          far = Math.max(far, Math.max(dx, dy));
        }
      }
    }
    return far;
  }

  @Test
  void interpolationEndpointsEqualTheTwoStyles() {
    float[] a = StyleSeed.gaussian(1, pack.zDim());
    float[] b = StyleSeed.gaussian(2, pack.zDim());
    LabelMap m = scene();
    InstanceMap inst = new InstanceMap(N, N);
    int[] ra = render(m, inst, StyleSpec.global(a)).argb();
    int[] rb = render(m, inst, StyleSpec.global(b)).argb();
    assertArrayEquals(ra, render(m, inst, StyleSpec.global(StyleSpec.mix(a, b, 0))).argb());
    assertArrayEquals(rb, render(m, inst, StyleSpec.global(StyleSpec.mix(a, b, 1))).argb());
    int[] mid = render(m, inst, StyleSpec.global(StyleSpec.mix(a, b, 0.5))).argb();
    assertFalse(Arrays.equals(ra, mid));
    assertFalse(Arrays.equals(rb, mid));
  }

  @Test
  void encodingAStyleImageIsDeterministic() {
    StyleEncoder enc = new StyleEncoder(runtime, pack);
    BufferedImage img = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 200; x++) {
        img.setRGB(x, y, (x * 255 / 200) << 16 | (y * 2) << 8 | 90);
      }
    }
    float[] z1 = enc.encode(img);
    float[] z2 = enc.encode(img);
    assertArrayEquals(z1, z2);
    BufferedImage other = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    assertFalse(Arrays.equals(z1, enc.encode(other)));
    assertTrue(z1.length == pack.zDim());
  }

  @Test
  void aRegionalStyleChangesOnlyPixelsWithinReach() {
    LabelMap m = scene();
    InstanceMap inst = new InstanceMap(N, N);
    float[] global = StyleSeed.gaussian(3, pack.zDim());
    byte[] regions = new byte[N * N];
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 48; x++) {
        regions[y * N + x] = 1;
      }
    }
    StyleSpec regional =
        new StyleSpec(global, regions, List.of(StyleSeed.gaussian(99, pack.zDim())), Map.of());
    int[] base = render(m, inst, StyleSpec.global(global)).argb();
    int[] withRegion = render(m, inst, regional).argb();
    int far = farthestChange(base, withRegion, 0, 0, 47, 47);
    assertTrue(far >= 0, "the regional style changed something");
    assertTrue(far <= REACH, "changes reach " + far + " px from the region");
    // and the far corner is untouched
    for (int y = N - 40; y < N; y++) {
      for (int x = N - 40; x < N; x++) {
        assertTrue(base[y * N + x] == withRegion[y * N + x]);
      }
    }
  }

  @Test
  void reRollingOneObjectChangesOnlyItsNeighbourhood() {
    LabelMap m = scene();
    InstanceMap inst = new InstanceMap(N, N);
    for (int y = 300; y < 340; y++) {
      for (int x = 320; x < 350; x++) {
        m.set(x, y, 14);
        inst.set(x, y, 1);
      }
    }
    float[] global = StyleSeed.gaussian(4, pack.zDim());
    int[] before = render(m, inst, StyleSpec.global(global)).argb();
    StyleSpec rerolled =
        new StyleSpec(global, null, List.of(), Map.of(1, StyleSeed.gaussian(1234, pack.zDim())));
    int[] after = render(m, inst, rerolled).argb();
    int far = farthestChange(before, after, 320, 300, 349, 339);
    assertTrue(far >= 0 && far <= REACH, "object re-roll reached " + far + " px");
    assertTrue(before[10 * N + 10] == after[10 * N + 10], "the far sky is unchanged");
  }

  @Test
  void wrongSizedStylesAreRefused() {
    StyleSpec bad = StyleSpec.global(new float[3]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> render(scene(), new InstanceMap(N, N), bad));
    assertTrue(e.getMessage().contains("needs " + pack.zDim()), e.getMessage());
  }
}
