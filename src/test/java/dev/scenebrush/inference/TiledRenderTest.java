package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.TiledRenderer;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TiledRenderTest {
  static InferenceRuntime runtime;
  static ModelPack pack;

  @BeforeAll
  static void open() {
    runtime = new InferenceRuntime(true, 2);
    pack = Fixtures.tinyPack();
  }

  @AfterAll
  static void close() {
    runtime.close();
  }

  static LabelMap scene(int w, int h, InstanceMap inst) {
    LabelMap m = new LabelMap(w, h);
    m.fill(0);
    for (int y = h / 2; y < h; y++) {
      for (int x = 0; x < w; x++) {
        m.set(x, y, 9);
      }
    }
    Painter.dab(m, w * 0.3, h * 0.4, h / 3, 3);
    for (int k = 0; k < 5; k++) {
      int cx = 60 + k * (w - 120) / 4;
      for (int y = h * 2 / 3; y < h * 2 / 3 + 50; y++) {
        for (int x = cx; x < cx + 24; x++) {
          m.set(x, y, 14);
          inst.set(x, y, k + 1);
        }
      }
    }
    for (int y = 0; y < 40; y++) {
      for (int x = w - 80; x < w; x++) {
        m.set(x, y, 255);
      }
    }
    return m;
  }

  @Test
  void tiledEqualsOneShotWhereBothFit() {
    int w = 768;
    int h = 640;
    InstanceMap inst = new InstanceMap(w, h);
    LabelMap m = scene(w, h, inst);
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(11, pack.zDim()));
    RenderedImage one =
        new BaseRenderer(runtime, pack).render(m, inst, style, w, h, new ModelSession.Cancel());
    TiledRenderer tiled = new TiledRenderer(runtime, pack);
    assertTrue(128 + 2 * tiled.halo() < w, "tile windows must be real sub-windows");
    List<Integer> progress = new ArrayList<>();
    RenderedImage t =
        tiled.render(
            m,
            inst,
            style,
            w,
            h,
            128,
            (done, total) -> progress.add(done),
            new ModelSession.Cancel());
    long[] d = difference(one, t);
    // Same arithmetic up to the order of float additions: at most one grey level apart.
    assertTrue(d[0] <= 1, "max channel difference " + d[0]);
    assertTrue(d[1] < w * h / 100, "differences are rare: " + d[1]);
    assertEquals(
        List.of(
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
            25, 26, 27, 28, 29, 30),
        progress);
  }

  /** Max and summed channel difference of two renders of one size. */
  static long[] difference(RenderedImage a, RenderedImage b) {
    long max = 0;
    long sum = 0;
    for (int i = 0; i < a.argb().length; i++) {
      for (int s = 0; s <= 16; s += 8) {
        int d = Math.abs(((a.argb()[i] >> s) & 0xFF) - ((b.argb()[i] >> s) & 0xFF));
        max = Math.max(max, d);
        sum += d;
      }
    }
    return new long[] {max, sum};
  }

  @Test
  void theSplitGeneratorRendersWhatTheWholeOneDoes() {
    // Large tiles, so the finishing part runs in several tiles of its own inside each window.
    int w = 1280;
    int h = 704;
    InstanceMap inst = new InstanceMap(w, h);
    LabelMap m = scene(w, h, inst);
    // Objects with looks of their own and edges off the trunk's grid: its pooled z must average
    // different styles inside a block exactly as the whole generator does.
    StyleSpec style =
        new StyleSpec(
            StyleSeed.gaussian(5, pack.zDim()),
            null,
            List.of(),
            java.util.Map.of(
                2, StyleSeed.gaussian(21, pack.zDim()), 4, StyleSeed.gaussian(22, pack.zDim())));
    TiledRenderer split = new TiledRenderer(runtime, pack);
    TiledRenderer whole = new TiledRenderer(runtime, pack, 0, false);
    assertTrue(split.split(), "the tiny pack carries a split generator");
    assertFalse(whole.split());
    RenderedImage a = split.render(m, inst, style, w, h, 1024, null, new ModelSession.Cancel());
    RenderedImage b = whole.render(m, inst, style, w, h, 1024, null, new ModelSession.Cancel());
    RenderedImage one =
        new BaseRenderer(runtime, pack).render(m, inst, style, w, h, new ModelSession.Cancel());
    for (RenderedImage r : List.of(a, b)) {
      long[] d = difference(one, r);
      assertTrue(d[0] <= 1, "max channel difference " + d[0]);
      assertTrue(d[1] < w * h / 100, "differences are rare: " + d[1]);
    }
  }

  @Test
  void aHaloSmallerThanTheReceptiveFieldLeavesSeams() {
    int w = 512;
    int h = 384;
    InstanceMap inst = new InstanceMap(w, h);
    LabelMap m = scene(w, h, inst);
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(11, pack.zDim()));
    RenderedImage one =
        new BaseRenderer(runtime, pack).render(m, inst, style, w, h, new ModelSession.Cancel());
    RenderedImage thin =
        new TiledRenderer(runtime, pack, 1)
            .render(m, inst, style, w, h, 128, null, new ModelSession.Cancel());
    int maxDiff = 0;
    for (int i = 0; i < w * h; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((one.argb()[i] & 0xFF) - (thin.argb()[i] & 0xFF)));
    }
    assertTrue(maxDiff > 8, "a one-cell halo should visibly differ, max diff " + maxDiff);
  }

  @Test
  void sizesThatAreNotMultiplesComeOutExact() {
    InstanceMap inst = new InstanceMap(300, 200);
    RenderedImage t =
        new TiledRenderer(runtime, pack)
            .render(
                scene(300, 200, inst),
                inst,
                StyleSpec.global(StyleSeed.gaussian(1, pack.zDim())),
                1001,
                517,
                256,
                null,
                new ModelSession.Cancel());
    assertEquals(1001, t.width());
    assertEquals(517, t.height());
    assertEquals(1001 * 517, t.argb().length);
  }

  @Test
  void cancellingStopsBetweenTiles() {
    InstanceMap inst = new InstanceMap(256, 256);
    ModelSession.Cancel cancel = new ModelSession.Cancel();
    TiledRenderer r = new TiledRenderer(runtime, pack);
    assertThrows(
        CancellationException.class,
        () ->
            r.render(
                scene(256, 256, inst),
                inst,
                StyleSpec.global(StyleSeed.gaussian(1, pack.zDim())),
                1024,
                1024,
                128,
                (done, total) -> {
                  if (done == 2) {
                    cancel.cancel();
                  }
                },
                cancel));
  }
}
