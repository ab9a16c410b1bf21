package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.tensor.TensorPrep;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exporter stores a scene, its z and PyTorch's output beside the pack; ONNX Runtime fed by our
 * own tensor preparation must reproduce it. This checks the export and the tensor contract at once.
 */
class OnnxMatchesPyTorchTest {
  record Reference(
      int width, int height, int[] labels, int[] instances, float[] z, float[] image) {}

  @Test
  void onnxRuntimeReproducesPyTorch() throws Exception {
    ModelPack pack = Fixtures.tinyPack();
    Reference ref =
        new Gson()
            .fromJson(Files.readString(pack.folder().resolve("reference.json")), Reference.class);
    int w = ref.width();
    int h = ref.height();
    LabelMap labels = new LabelMap(w, h);
    InstanceMap inst = new InstanceMap(w, h);
    for (int i = 0; i < w * h; i++) {
      labels.raw()[i] = (byte) ref.labels()[i];
      inst.raw()[i] = (short) ref.instances()[i];
    }
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      Map<String, Tensor> in =
          Map.of(
              "label",
              new Tensor(
                  TensorPrep.oneHot(labels, pack.palette().size()),
                  new long[] {1, pack.labelChannels(), h, w}),
              "instance_edge",
              new Tensor(TensorPrep.instanceEdges(inst), new long[] {1, 1, h, w}),
              "z",
              new Tensor(TensorPrep.zMap(ref.z(), w, h), new long[] {1, ref.z().length, h, w}));
      float[] out = rt.session(pack.generator()).run(in).get("image").data();
      assertEquals(ref.image().length, out.length);
      double maxDiff = 0;
      for (int i = 0; i < out.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(out[i] - ref.image()[i]));
      }
      assertTrue(maxDiff <= 1e-4, "max |ONNX - PyTorch| = " + maxDiff);
    }
  }
}
