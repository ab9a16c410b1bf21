package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.ClassPass;
import dev.scenebrush.inference.render.Compositing;
import dev.scenebrush.inference.render.HighResExport;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.SceneLook;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CollageGAN's class pass: compositing arithmetic, cache, local re-roll, fallback notice. */
class ClassPassTest {
  @Test
  void cropBoxAlphaAndBlend() {
    assertArrayEquals(new int[] {25, 5, 20}, Compositing.cropBox(30, 10, 39, 19, 128, 128));
    int[] corner = Compositing.cropBox(120, 0, 127, 9, 128, 128);
    assertTrue(corner[0] + corner[2] <= 128 && corner[1] == 0);

    int side = 16;
    boolean[] mask = new boolean[side * side];
    for (int y = 6; y < 10; y++) {
      for (int x = 6; x < 10; x++) {
        mask[y * side + x] = true;
      }
    }
    for (int y = 10; y < 14; y++) {
      for (int x = 4; x < 14; x++) {
        mask[y * side + x] = true;
      }
    }
    float[] a = Compositing.alpha(mask, side, 1);
    assertEquals(1f, a[11 * side + 8], "a pixel the object surrounds");
    float edge = a[12 * side + 4];
    assertTrue(edge > 0f && edge < 1f, "its outermost pixels fade: " + edge);
    for (int i = 0; i < side * side; i++) {
      assertEquals(mask[i], a[i] > 0f, "alpha is non-zero exactly on the object, at " + i);
    }

    int[] dst = new int[side * side];
    java.util.Arrays.fill(dst, 0xFF000000);
    int[] src = new int[side * side];
    java.util.Arrays.fill(src, 0xFFFFFFFF);
    float[] half = new float[side * side];
    java.util.Arrays.fill(half, 0.5f);
    Compositing.blend(dst, side, 0, 0, side, src, half);
    assertEquals(0xFF808080, dst[5]);
  }

  @Test
  void objectsRenderLargestFirstCacheAndReRollLocally() {
    ModelPack pack = Fixtures.tinyPack();
    Palette p = pack.palette();
    int sky = p.indexOf("sky").orElseThrow();
    int tree = p.indexOf("tree").orElseThrow();
    int stone = p.indexOf("stone").orElseThrow();
    int w = 96;
    int h = 64;
    LabelMap labels = new LabelMap(w, h);
    labels.fill(sky);
    InstanceMap ids = new InstanceMap(w, h);
    paint(labels, ids, tree, 1, 8, 8, 20, 28);
    paint(labels, ids, tree, 2, 60, 30, 70, 40);
    paint(labels, ids, stone, 3, 40, 50, 46, 56);
    List<Instance> objects =
        List.of(
            new Instance(1, tree, 5, RenderMode.CLASS, false),
            new Instance(2, tree, 6, RenderMode.CLASS, false),
            new Instance(3, stone, 7, RenderMode.CLASS, false));
    int[] base = new int[w * h];
    for (int i = 0; i < base.length; i++) {
      base[i] = 0xFF000000 | (((i * 2654435761L) >>> 7 & 1) == 0 ? 0x406080 : 0x204060);
    }
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      ClassPass pass = new ClassPass(rt, pack);
      ClassPass.Result first = pass.apply(base, labels, ids, objects, new ModelSession.Cancel());
      assertEquals(2, first.ran());
      assertEquals(1, first.notices().size());
      assertTrue(first.notices().get(0).contains("no class generator for 'stone'"));
      // Outside both trees' crop boxes nothing changes; the stone keeps its base pixels.
      int[] b1 = Compositing.cropBox(8, 8, 19, 27, w, h);
      int[] b2 = Compositing.cropBox(60, 30, 69, 39, w, h);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (!in(b1, x, y) && !in(b2, x, y)) {
            assertEquals(base[y * w + x], first.argb()[y * w + x], "outside at " + x + "," + y);
          }
        }
      }
      assertFalse(java.util.Arrays.equals(base, first.argb()), "the trees were re-rendered");
      // Only the trees' own pixels change: what their generator draws around them is not used.
      for (int i = 0; i < base.length; i++) {
        int id = ids.raw()[i] & 0xFFFF;
        if (id != 1 && id != 2) {
          assertEquals(base[i], first.argb()[i], "outside the trees at " + i % w + "," + i / w);
        }
      }

      ClassPass.Result again = pass.apply(base, labels, ids, objects, new ModelSession.Cancel());
      assertEquals(0, again.ran());
      assertEquals(2, again.cached());
      assertArrayEquals(first.argb(), again.argb());

      // A new look for tree 2 only: one run, changes only inside its box.
      List<Instance> reroll = List.of(objects.get(0), objects.get(1).withSeed(99), objects.get(2));
      ClassPass.Result third = pass.apply(base, labels, ids, reroll, new ModelSession.Cancel());
      assertEquals(1, third.ran());
      assertEquals(1, third.cached());
      int changed = 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (third.argb()[y * w + x] != first.argb()[y * w + x]) {
            changed++;
            assertTrue(in(b2, x, y), "changed outside tree 2's box at " + x + "," + y);
          }
        }
      }
      assertTrue(changed > 0);
    }
  }

  @Test
  void exportsRegenerateClassObjectsAtHigherResolution(@TempDir Path dir) throws Exception {
    ModelPack pack = Fixtures.tinyPack();
    Palette p = pack.palette();
    int tree = p.indexOf("tree").orElseThrow();
    int w = 96;
    int h = 64;
    LabelMap labels = new LabelMap(w, h);
    labels.fill(p.indexOf("sky").orElseThrow());
    InstanceMap ids = new InstanceMap(w, h);
    paint(labels, ids, tree, 1, 40, 20, 52, 40);
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(3, pack.zDim()));
    int scale = 8;
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      ModelPack.ClassGenerator gen = pack.classGenerators().get(0);
      assertEquals(32, new ClassPass(rt, pack).runSide(gen, 320), "live renders keep 32");
      ClassPass export = new ClassPass(rt, pack, ClassPass.EXPORT_SCALE);
      assertEquals(128, export.runSide(gen, 320), "up to four times, in powers of two");
      assertEquals(64, export.runSide(gen, 100));
      assertEquals(32, export.runSide(gen, 20), "never below its own resolution");

      RenderedImage[] out = new RenderedImage[2];
      for (RenderMode mode : List.of(RenderMode.BASE, RenderMode.CLASS)) {
        Path png = dir.resolve(mode + ".png");
        out[mode == RenderMode.BASE ? 0 : 1] =
            HighResExport.run(
                rt,
                pack,
                new HighResExport.Request(
                    labels,
                    ids,
                    List.of(new Instance(1, tree, 5, mode, false)),
                    style,
                    w * scale,
                    h * scale,
                    256,
                    png,
                    null,
                    null,
                    null),
                null,
                new ModelSession.Cancel());
      }
      // The tree at export size: its crop box, twice its size, is where the class pass may act.
      int[] box =
          Compositing.cropBox(
              40 * scale, 20 * scale, 52 * scale - 1, 40 * scale - 1, w * scale, h * scale);
      int changed = 0;
      for (int y = 0; y < h * scale; y++) {
        for (int x = 0; x < w * scale; x++) {
          int i = y * w * scale + x;
          if (out[0].argb()[i] != out[1].argb()[i]) {
            changed++;
            assertTrue(in(box, x, y), "changed outside the tree's box at " + x + "," + y);
          }
        }
      }
      assertTrue(changed > 120 * 120, "the tree was re-generated at export size: " + changed);
    }
  }

  /**
   * A new object (seed 0) in class mode takes, of its candidate looks, the one whose colours inside
   * it are nearest what the base picture has there: under a dark green picture and under a red one
   * the bundled tree generator picks different looks, each the nearest of the eight.
   */
  @Test
  void aNewObjectTakesTheCandidateLookNearestThePicture() {
    ModelPack pack = BundledPackTest.load("landscape");
    Palette p = pack.palette();
    int tree = p.indexOf("tree").orElseThrow();
    int w = 128;
    int h = 128;
    LabelMap labels = new LabelMap(w, h);
    labels.fill(p.indexOf("grass").orElseThrow());
    InstanceMap ids = new InstanceMap(w, h);
    paint(labels, ids, tree, 1, 44, 30, 84, 100);
    boolean[] inside = new boolean[w * h];
    for (int i = 0; i < inside.length; i++) {
      inside[i] = ids.raw()[i] == 1;
    }
    int[] chosen = new int[2];
    int[][] pictures = {flat(w, h, 0xFF1E4A1C), flat(w, h, 0xFFB4462A)};
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      for (int t = 0; t < 2; t++) {
        int[] base = pictures[t];
        ClassPass pass = new ClassPass(rt, pack);
        int[] scene =
            render(pass, base, labels, ids, new Instance(1, tree, 0, RenderMode.CLASS, false));
        double[] distance = new double[SceneLook.CANDIDATES];
        chosen[t] = -1;
        for (int k = 0; k < SceneLook.CANDIDATES; k++) {
          Instance look = new Instance(1, tree, SceneLook.lookSeed(1, k), RenderMode.CLASS, false);
          int[] out = render(pass, base, labels, ids, look);
          distance[k] = colourDistance(out, base, inside);
          if (java.util.Arrays.equals(out, scene)) {
            chosen[t] = k;
          }
        }
        assertTrue(chosen[t] >= 0, "the scene's look is one of the candidate looks");
        double nearest = java.util.Arrays.stream(distance).min().orElseThrow();
        assertTrue(
            distance[chosen[t]] <= nearest + 1e-3,
            "look " + chosen[t] + " at " + distance[chosen[t]] + ", the nearest at " + nearest);
      }
    }
    assertTrue(chosen[0] != chosen[1], "green and red pictures chose look " + chosen[0]);
  }

  @Test
  void theChosenCandidateIsPastedWithoutRunningTheGeneratorAgain() {
    ModelPack pack = BundledPackTest.load("landscape");
    Palette p = pack.palette();
    int tree = p.indexOf("tree").orElseThrow();
    LabelMap labels = new LabelMap(128, 128);
    labels.fill(p.indexOf("grass").orElseThrow());
    InstanceMap ids = new InstanceMap(128, 128);
    paint(labels, ids, tree, 1, 44, 30, 84, 100);
    int[] base = flat(128, 128, 0xFF1E4A1C);
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      ClassPass pass = new ClassPass(rt, pack);
      ClassPass.Result scene =
          pass.apply(
              base,
              labels,
              ids,
              List.of(new Instance(1, tree, 0, RenderMode.CLASS, false)),
              new ModelSession.Cancel());
      assertEquals(0, scene.ran(), "the candidates' run already drew it");
      assertEquals(1, scene.cached());
      // The same look run on its own by a fresh pass: the same picture, up to the last bit of a
      // batched run.
      int k = -1;
      int[] alone = null;
      for (int c = 0; c < SceneLook.CANDIDATES && k < 0; c++) {
        Instance look = new Instance(1, tree, SceneLook.lookSeed(1, c), RenderMode.CLASS, false);
        int[] out = render(new ClassPass(rt, pack), base, labels, ids, look);
        if (maxDifference(out, scene.argb()) <= 1) {
          k = c;
          alone = out;
        }
      }
      assertTrue(alone != null, "the pasted look is one of the candidates, run alone");
    }
  }

  private static int maxDifference(int[] a, int[] b) {
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int shift = 0; shift < 24; shift += 8) {
        max = Math.max(max, Math.abs(((a[i] >> shift) & 0xFF) - ((b[i] >> shift) & 0xFF)));
      }
    }
    return max;
  }

  private static int[] render(
      ClassPass pass, int[] base, LabelMap labels, InstanceMap ids, Instance object) {
    return pass.apply(base, labels, ids, List.of(object), new ModelSession.Cancel()).argb();
  }

  private static int[] flat(int w, int h, int argb) {
    int[] out = new int[w * h];
    java.util.Arrays.fill(out, argb);
    return out;
  }

  /** Distance between the mean colours of two pictures inside a mask (0–255 per channel). */
  private static double colourDistance(int[] a, int[] b, boolean[] inside) {
    double[] diff = new double[3];
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (inside[i]) {
        for (int c = 0; c < 3; c++) {
          diff[c] += ((a[i] >> (16 - 8 * c)) & 0xFF) - ((b[i] >> (16 - 8 * c)) & 0xFF);
        }
        n++;
      }
    }
    return Math.sqrt(diff[0] * diff[0] + diff[1] * diff[1] + diff[2] * diff[2]) / n;
  }

  private static boolean in(int[] box, int x, int y) {
    return x >= box[0] && y >= box[1] && x < box[0] + box[2] && y < box[1] + box[2];
  }

  private static void paint(
      LabelMap l, InstanceMap ids, int cls, int id, int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        l.set(x, y, cls);
        ids.raw()[y * l.width() + x] = (short) id;
      }
    }
  }
}
