package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.tensor.TensorPrep;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pack the app starts on: present, valid, and running the model it was trained as. */
class BundledPackTest {
  record Reference(int width, int height, int[] labels, int[] instances, float[] z, float[] image) {}

  @Test
  void theBundledPackLoadsAndReproducesPyTorch() throws Exception {
    ModelPack pack = new PackCatalog(Fixtures.home().resolve("models"), Fixtures.palettes()).defaultPack();
    assertEquals("landscape", pack.id());
    assertTrue(pack.encoder().isPresent(), "the bundled pack has a style encoder");
    assertTrue(pack.training().has("steps") && pack.training().get("steps").getAsInt() > 0);
    Reference ref =
        new Gson().fromJson(Files.readString(pack.folder().resolve("reference.json")), Reference.class);
    int w = ref.width();
    int h = ref.height();
    LabelMap labels = new LabelMap(w, h);
    InstanceMap inst = new InstanceMap(w, h);
    for (int i = 0; i < w * h; i++) {
      labels.raw()[i] = (byte) ref.labels()[i];
      inst.raw()[i] = (short) ref.instances()[i];
    }
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      PackVerifier.verify(pack, rt);
      float[] out =
          rt.session(pack.generator())
              .run(
                  Map.of(
                      "label",
                      new Tensor(TensorPrep.oneHot(labels, pack.palette().size()),
                          new long[] {1, pack.labelChannels(), h, w}),
                      "instance_edge",
                      new Tensor(TensorPrep.instanceEdges(inst), new long[] {1, 1, h, w}),
                      "z",
                      new Tensor(TensorPrep.zMap(ref.z(), w, h), new long[] {1, ref.z().length, h, w})))
              .get("image")
              .data();
      double maxDiff = 0;
      for (int i = 0; i < out.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(out[i] - ref.image()[i]));
      }
      assertTrue(maxDiff <= 1e-3, "max |ONNX - PyTorch| = " + maxDiff);
    }
  }
}
