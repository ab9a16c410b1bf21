package dev.scenebrush.inference.pack;

import com.google.gson.Gson;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.tensor.TensorPrep;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Runs a pack's reference.json scene (written by the exporter with PyTorch's output) through ONNX
 * Runtime with our own tensor preparation, and returns the largest difference: proof that this
 * machine's runtime computes what the pack was trained to compute.
 */
public final class PackReference {
  /** Largest |ONNX Runtime - PyTorch| accepted for images in [-1, 1] (fp16 weights included). */
  public static final double TOLERANCE = 1e-3;

  public static final String FILE = "reference.json";

  private PackReference() {}

  record Reference(
      int width, int height, int[] labels, int[] instances, float[] z, float[] image) {}

  /** Whether the pack carries a reference scene. */
  public static boolean present(ModelPack pack) {
    return Files.isRegularFile(pack.folder().resolve(FILE));
  }

  /** The largest difference; a damaged reference file is a {@link PackException}. */
  public static double maxDifference(ModelPack pack, InferenceRuntime rt) {
    Reference ref;
    try {
      ref = new Gson().fromJson(Files.readString(pack.folder().resolve(FILE)), Reference.class);
    } catch (IOException | RuntimeException e) {
      throw new PackException(
          "pack '" + pack.id() + "': cannot read " + FILE + ": " + e.getMessage());
    }
    if (ref == null
        || ref.labels() == null
        || ref.instances() == null
        || ref.z() == null
        || ref.image() == null
        || ref.width() < 1
        || ref.height() < 1
        || ref.labels().length != ref.width() * ref.height()
        || ref.instances().length != ref.width() * ref.height()
        || ref.z().length != pack.zDim()) {
      throw new PackException(
          "pack '" + pack.id() + "': " + FILE + " is incomplete or has the wrong sizes");
    }
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
