package dev.scenebrush.testing;

import com.google.gson.Gson;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.tensor.TensorPrep;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Runs a pack's reference.json scene (written by the exporter with PyTorch's output) through ONNX
 * Runtime with our own tensor preparation, and returns the largest difference.
 */
public final class ReferenceCheck {
  private ReferenceCheck() {}

  record Reference(
      int width, int height, int[] labels, int[] instances, float[] z, float[] image) {}

  public static double maxDifference(ModelPack pack, InferenceRuntime rt) throws IOException {
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
    if (out.length != ref.image().length) {
      return Double.POSITIVE_INFINITY;
    }
    double maxDiff = 0;
    for (int i = 0; i < out.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(out[i] - ref.image()[i]));
    }
    return maxDiff;
  }
}
