package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelRetarget;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Packs converted from released-layout checkpoints (random weights) load, match and render. */
class ReleasedPacksTest {
  static final Map<String, Integer> CLASSES =
      Map.of("coco-stuff", 182, "ade20k", 150, "cityscapes", 35);

  @ParameterizedTest
  @FieldSource("dev.scenebrush.testing.Fixtures#RELEASED_PACKS")
  void convertedPackMatchesPyTorchAndRendersARetargetedLandscape(String id) throws Exception {
    ModelPack pack = Fixtures.releasedPack(id);
    assertEquals(CLASSES.get(pack.palette().id()), pack.palette().size());
    assertTrue(pack.license().isPresent(), "converted packs state their licence");
    assertEquals(
        id.startsWith("spade") ? "CC BY-NC-SA 4.0" : "AGPL-3.0", pack.license().get().name());
    assertEquals(!id.startsWith("spade"), pack.license().get().commercialUse());
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      PackVerifier.verify(pack, rt);
      double d = PackReference.maxDifference(pack, rt);
      assertTrue(d <= 1e-4, id + ": max |ONNX - PyTorch| = " + d);

      Palette landscape = Fixtures.palettes().load("landscape");
      SampleScene sample = SampleScene.bundled(landscape);
      LabelRetarget.Result moved =
          LabelRetarget.retarget(sample.labels(), landscape, pack.palette());
      RenderedImage img =
          new BaseRenderer(rt, pack)
              .render(
                  moved.labels(),
                  new InstanceMap(512, 512),
                  StyleSeed.gaussian(1, pack.zDim()),
                  128,
                  128,
                  new ModelSession.Cancel());
      assertEquals(128, img.width());
      assertFalse(Arrays.stream(img.argb()).allMatch(p -> p == img.argb()[0]), "not one colour");
    }
  }
}
