package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackLoader;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.TiledRenderer;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The SC-GAN variant under the same contract: ONNX matches PyTorch, and it tiles exactly. */
class ScGanPackTest {
  static ModelPack pack() {
    return new PackLoader(Fixtures.palettes())
        .load(Fixtures.home().resolve("src/test/resources/packs/scgan-tiny"));
  }

  @Test
  void matchesPyTorchAndTiledEqualsOneShot() {
    ModelPack pack = pack();
    assertEquals(110, pack.receptiveField());
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      PackVerifier.verify(pack, rt);
      double d = PackReference.maxDifference(pack, rt);
      assertTrue(d <= 1e-4, "max |ONNX - PyTorch| = " + d);
      int w = 512;
      int h = 384;
      InstanceMap inst = new InstanceMap(w, h);
      LabelMap m = TiledRenderTest.scene(w, h, inst);
      StyleSpec style = StyleSpec.global(StyleSeed.gaussian(3, pack.zDim()));
      RenderedImage one =
          new BaseRenderer(rt, pack).render(m, inst, style, w, h, new ModelSession.Cancel());
      TiledRenderer tiled = new TiledRenderer(rt, pack);
      RenderedImage t = tiled.render(m, inst, style, w, h, 128, null, new ModelSession.Cancel());
      int maxDiff = 0;
      for (int i = 0; i < w * h; i++) {
        for (int s = 0; s <= 16; s += 8) {
          maxDiff =
              Math.max(
                  maxDiff, Math.abs(((one.argb()[i] >> s) & 0xFF) - ((t.argb()[i] >> s) & 0xFF)));
        }
      }
      assertTrue(maxDiff <= 1, "tiled vs one-shot: max channel difference " + maxDiff);
    }
  }
}
