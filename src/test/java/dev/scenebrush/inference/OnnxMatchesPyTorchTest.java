package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The exporter stores a scene, its z and PyTorch's output beside the pack; ONNX Runtime fed by our
 * own tensor preparation must reproduce it. This checks the export and the tensor contract at once.
 */
class OnnxMatchesPyTorchTest {
  @Test
  void onnxRuntimeReproducesPyTorch() throws Exception {
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      double d = PackReference.maxDifference(Fixtures.tinyPack(), rt);
      assertTrue(d <= 1e-4, "max |ONNX - PyTorch| = " + d);
    }
  }
}
