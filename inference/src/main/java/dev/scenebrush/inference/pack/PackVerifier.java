package dev.scenebrush.inference.pack;

import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import java.util.Arrays;
import java.util.Map;

/** Checks that a pack's ONNX models have the inputs and outputs the tensor contract requires. */
public final class PackVerifier {
  private PackVerifier() {}

  public static void verify(ModelPack pack, InferenceRuntime runtime) {
    ModelSession gen = runtime.session(pack.generator());
    String where = "pack '" + pack.id() + "' " + pack.generator().getFileName();
    Map<String, long[]> in = gen.inputShapes();
    expectChannels(
        where,
        in,
        "label",
        pack.labelChannels(),
        "palette '"
            + pack.palette().id()
            + "' has "
            + pack.palette().size()
            + " classes + UNKNOWN");
    expectChannels(where, in, "instance_edge", 1, "one edge channel");
    expectChannels(where, in, "z", pack.zDim(), "the pack's zDim");
    expectChannels(where, gen.outputShapes(), "image", 3, "RGB");
    if (pack.tiling().isPresent()) {
      ModelPack.Tiling t = pack.tiling().get();
      ModelSession trunk = runtime.session(t.trunk());
      String tw = "pack '" + pack.id() + "' " + t.trunk().getFileName();
      Map<String, long[]> tin = trunk.inputShapes();
      expectChannels(tw, tin, "label", pack.labelChannels(), "as the generator");
      expectChannels(tw, tin, "instance_edge", 1, "as the generator");
      expectChannels(tw, tin, "z", pack.zDim(), "as the generator");
      expectChannels(tw, trunk.outputShapes(), "features", t.featureChannels(), "featureChannels");
      ModelSession finish = runtime.session(t.finish());
      String fw = "pack '" + pack.id() + "' " + t.finish().getFileName();
      Map<String, long[]> fin = finish.inputShapes();
      expectChannels(fw, fin, "features", t.featureChannels(), "featureChannels");
      expectChannels(fw, fin, "label", pack.labelChannels(), "as the generator");
      expectChannels(fw, fin, "instance_edge", 1, "as the generator");
      expectChannels(fw, fin, "z", pack.zDim(), "as the generator");
      expectChannels(fw, finish.outputShapes(), "image", 3, "RGB");
    }
    for (ModelPack.Refiner r : pack.refiners()) {
      ModelSession stage = runtime.session(r.file());
      String rw = "pack '" + pack.id() + "' refiner " + r.file().getFileName();
      Map<String, long[]> rin = stage.inputShapes();
      expectChannels(rw, rin, "picture", 3, "the RGB picture below");
      expectChannels(rw, rin, "label", pack.labelChannels(), "as the generator");
      expectChannels(rw, rin, "instance_edge", 1, "one edge channel");
      expectChannels(rw, rin, "noise", 1, "one noise channel");
      expectChannels(rw, stage.outputShapes(), "image", 3, "RGB");
    }
    if (pack.encoder().isPresent()) {
      ModelSession enc = runtime.session(pack.encoder().get());
      String ew = "pack '" + pack.id() + "' " + pack.encoder().get().getFileName();
      expectChannels(ew, enc.inputShapes(), "image", 3, "RGB");
      expectChannels(ew, enc.outputShapes(), "mu", pack.zDim(), "the pack's zDim");
      expectChannels(ew, enc.outputShapes(), "logvar", pack.zDim(), "the pack's zDim");
    }
  }

  private static void expectChannels(
      String where, Map<String, long[]> shapes, String name, int channels, String why) {
    long[] shape = shapes.get(name);
    if (shape == null) {
      throw new PackException(where + ": has no tensor '" + name + "'; it has " + shapes.keySet());
    }
    if (shape.length < 2 || shape[1] != channels) {
      throw new PackException(
          where
              + ": '"
              + name
              + "' has shape "
              + Arrays.toString(shape)
              + " but needs "
              + channels
              + " channels ("
              + why
              + ")");
    }
  }
}
