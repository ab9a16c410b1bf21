package dev.scenebrush.inference.pack;

import com.google.gson.Gson;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.tensor.TensorPrep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a pack's reference scenes (written by the exporter with PyTorch's output) through ONNX
 * Runtime with our own tensor preparation, and returns the largest difference: proof that this
 * machine's runtime computes what the pack was trained to compute. {@code reference.json} checks
 * the generator, {@code retrieval-reference.json} the retrieval generator (given the guidance
 * PyTorch composed).
 */
public final class PackReference {
  /** Largest |ONNX Runtime - PyTorch| accepted for images in [-1, 1] (fp16 weights included). */
  public static final double TOLERANCE = 1e-3;

  public static final String FILE = "reference.json";
  public static final String RETRIEVAL_FILE = "retrieval-reference.json";

  private PackReference() {}

  /** Both files' fields; {@code z} belongs to the generator's, {@code guidance} to the other. */
  record Reference(
      int width,
      int height,
      int[] labels,
      int[] instances,
      float[] z,
      float[] guidance,
      float[] picture,
      float[] noise,
      float[] image) {}

  /** Whether the pack carries a reference scene for its generator. */
  public static boolean present(ModelPack pack) {
    return Files.isRegularFile(pack.folder().resolve(FILE));
  }

  /** Whether the pack has a retrieval generator with a reference scene. */
  public static boolean retrievalPresent(ModelPack pack) {
    return pack.retrieval().isPresent()
        && Files.isRegularFile(pack.folder().resolve(RETRIEVAL_FILE));
  }

  /** The generator's largest difference; a damaged reference file is a {@link PackException}. */
  public static double maxDifference(ModelPack pack, InferenceRuntime rt) {
    Reference ref = read(pack, FILE);
    if (ref.z() == null || ref.z().length != pack.zDim()) {
      throw incomplete(pack, FILE);
    }
    Map<String, Tensor> in = labelInputs(pack, ref);
    in.put(
        "z",
        new Tensor(
            TensorPrep.zMap(ref.z(), ref.width(), ref.height()),
            new long[] {1, ref.z().length, ref.height(), ref.width()}));
    return difference(rt, pack.generator(), in, ref.image());
  }

  /** The retrieval generator's largest difference (see {@link #maxDifference}). */
  public static double maxRetrievalDifference(ModelPack pack, InferenceRuntime rt) {
    ModelPack.Retrieval retrieval =
        pack.retrieval()
            .orElseThrow(
                () -> new PackException("pack '" + pack.id() + "' has no retrieval generator"));
    Reference ref = read(pack, RETRIEVAL_FILE);
    if (ref.guidance() == null || ref.guidance().length != 3 * ref.width() * ref.height()) {
      throw incomplete(pack, RETRIEVAL_FILE);
    }
    Map<String, Tensor> in = labelInputs(pack, ref);
    in.put("guidance", new Tensor(ref.guidance(), new long[] {1, 3, ref.height(), ref.width()}));
    return difference(rt, retrieval.generator(), in, ref.image());
  }

  /**
   * Each ladder stage's largest difference on its reference scene (the picture below and the noise
   * as PyTorch had them), keyed by the stage's file; stages sharing a file are checked once.
   */
  public static Map<String, Double> maxRefinerDifferences(ModelPack pack, InferenceRuntime rt) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (ModelPack.Refiner r : pack.refiners()) {
      String name = r.file().getFileName().toString();
      if (r.reference().isEmpty() || out.containsKey(name)) {
        continue;
      }
      String file = pack.folder().relativize(r.reference().get()).toString();
      Reference ref = read(pack, file);
      int n = ref.width() * ref.height();
      if (ref.picture() == null
          || ref.picture().length != 3 * n
          || ref.noise() == null
          || ref.noise().length != n) {
        throw incomplete(pack, file);
      }
      Map<String, Tensor> in = labelInputs(pack, ref);
      in.put("picture", new Tensor(ref.picture(), new long[] {1, 3, ref.height(), ref.width()}));
      in.put("noise", new Tensor(ref.noise(), new long[] {1, 1, ref.height(), ref.width()}));
      out.put(name, difference(rt, r.file(), in, ref.image()));
    }
    return out;
  }

  private static Reference read(ModelPack pack, String file) {
    Reference ref;
    try {
      ref = new Gson().fromJson(Files.readString(pack.folder().resolve(file)), Reference.class);
    } catch (IOException | RuntimeException e) {
      throw new PackException(
          "pack '" + pack.id() + "': cannot read " + file + ": " + e.getMessage());
    }
    if (ref == null
        || ref.labels() == null
        || ref.instances() == null
        || ref.image() == null
        || ref.width() < 1
        || ref.height() < 1
        || ref.labels().length != ref.width() * ref.height()
        || ref.instances().length != ref.width() * ref.height()) {
      throw incomplete(pack, file);
    }
    return ref;
  }

  private static PackException incomplete(ModelPack pack, String file) {
    return new PackException(
        "pack '" + pack.id() + "': " + file + " is incomplete or has the wrong sizes");
  }

  /** The label and instance-edge inputs, prepared exactly as the renderers prepare them. */
  private static Map<String, Tensor> labelInputs(ModelPack pack, Reference ref) {
    int w = ref.width();
    int h = ref.height();
    LabelMap labels = new LabelMap(w, h);
    InstanceMap inst = new InstanceMap(w, h);
    for (int i = 0; i < w * h; i++) {
      labels.raw()[i] = (byte) ref.labels()[i];
      inst.raw()[i] = (short) ref.instances()[i];
    }
    Map<String, Tensor> in = new HashMap<>();
    in.put(
        "label",
        new Tensor(
            TensorPrep.oneHot(labels, pack.palette().size()),
            new long[] {1, pack.labelChannels(), h, w}));
    in.put("instance_edge", new Tensor(TensorPrep.instanceEdges(inst), new long[] {1, 1, h, w}));
    return in;
  }

  private static double difference(
      InferenceRuntime rt, Path model, Map<String, Tensor> in, float[] expected) {
    float[] out = rt.session(model).run(in).get("image").data();
    if (out.length != expected.length) {
      return Double.POSITIVE_INFINITY;
    }
    double maxDiff = 0;
    for (int i = 0; i < out.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(out[i] - expected[i]));
    }
    return maxDiff;
  }
}
