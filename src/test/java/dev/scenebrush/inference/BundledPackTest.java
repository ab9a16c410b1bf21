package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.TiledRenderer;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packs the app ships: present, valid, running the model they were trained as. */
class BundledPackTest {
  static ModelPack load(String id) {
    return new PackCatalog(Fixtures.home().resolve("models"), Fixtures.palettes()).resolve(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"landscape", "landscape-spade"})
  void theBundledPacksLoadAndReproducePyTorch(String id) throws Exception {
    ModelPack pack = load(id);
    assertEquals(id, pack.id());
    assertTrue(pack.encoder().isPresent(), "a bundled pack has a style encoder");
    assertTrue(pack.training().get("steps").getAsInt() > 0, "a bundled pack is trained");
    assertEquals(2, pack.classGenerators().size(), "tree and house generators");
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      PackVerifier.verify(pack, rt);
      double d = PackReference.maxDifference(pack, rt);
      assertTrue(d <= 1e-3, "max |ONNX - PyTorch| = " + d);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"landscape", "landscape-spade"})
  void theSplitGeneratorRunsAndMatchesTheWholeOne(String id) {
    // The real packs at a size with full tile windows: ONNX Runtime's layout optimisations apply
    // here as in a large export (a mislabelled axis once failed only on a trained pack).
    ModelPack pack = load(id);
    assertTrue(pack.tiling().isPresent(), "bundled packs carry the split generator");
    int w = 1280;
    int h = 768;
    InstanceMap inst = new InstanceMap(w, h);
    LabelMap m = TiledRenderTest.scene(w, h, inst);
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(9, pack.zDim()));
    try (InferenceRuntime rt = new InferenceRuntime(true, 2, true)) {
      RenderedImage split =
          new TiledRenderer(rt, pack)
              .render(m, inst, style, w, h, 512, null, new ModelSession.Cancel());
      RenderedImage whole =
          new TiledRenderer(rt, pack, 0, false)
              .render(m, inst, style, w, h, 512, null, new ModelSession.Cancel());
      long[] d = TiledRenderTest.difference(split, whole);
      assertTrue(d[0] <= 1, "max channel difference " + d[0]);
      assertTrue(d[1] < w * h / 100, "differences are rare: " + d[1]);
    }
  }
}
