package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The pack the app starts on: present, valid, and running the model it was trained as. */
class BundledPackTest {
  @Test
  void theBundledPackLoadsAndReproducesPyTorch() throws Exception {
    ModelPack pack =
        new PackCatalog(Fixtures.home().resolve("models"), Fixtures.palettes()).defaultPack();
    assertEquals("landscape", pack.id());
    assertTrue(pack.encoder().isPresent(), "the bundled pack has a style encoder");
    assertTrue(pack.training().get("steps").getAsInt() > 0, "the bundled pack is trained");
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      PackVerifier.verify(pack, rt);
      double d = PackReference.maxDifference(pack, rt);
      assertTrue(d <= 1e-3, "max |ONNX - PyTorch| = " + d);
    }
  }
}
