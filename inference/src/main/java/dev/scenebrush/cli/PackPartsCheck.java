package dev.scenebrush.cli;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.ClassPass;
import dev.scenebrush.inference.retrieval.SegmentLibrary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a pack that the reference scenes do not cover: each class generator is run once on
 * an object of its class, and the segment library is read in full. A part that cannot load, run or
 * read throws with its name.
 */
final class PackPartsCheck {
  private PackPartsCheck() {}

  /** One line per part checked. */
  static List<String> check(ModelPack pack, InferenceRuntime runtime) {
    List<String> lines = new ArrayList<>();
    for (ModelPack.ClassGenerator g : pack.classGenerators()) {
      lines.add(classGenerator(pack, runtime, g));
    }
    if (pack.retrieval().isPresent()) {
      ModelPack.Retrieval r = pack.retrieval().get();
      SegmentLibrary lib = SegmentLibrary.open(r.library());
      if (!lib.paletteId().equals(pack.palette().id())) {
        throw new IllegalStateException(
            "segment library "
                + r.library().getFileName()
                + " is for palette '"
                + lib.paletteId()
                + "', the pack uses '"
                + pack.palette().id()
                + "'");
      }
      for (int i = 0; i < lib.size(); i++) {
        lib.patch(i); // every record decodes
      }
      lines.add(
          "segment library " + r.library().getFileName() + " reads (" + lib.size() + " segments)");
    }
    return lines;
  }

  /** An object of the class filling the middle of a crop its generator's size, in class mode. */
  private static String classGenerator(
      ModelPack pack, InferenceRuntime runtime, ModelPack.ClassGenerator g) {
    int side = 2 * g.width();
    LabelMap labels = new LabelMap(side, side);
    labels.fill(0);
    InstanceMap ids = new InstanceMap(side, side);
    for (int y = side / 4; y < 3 * side / 4; y++) {
      for (int x = side / 4; x < 3 * side / 4; x++) {
        labels.set(x, y, g.classIndex());
        ids.set(x, y, 1);
      }
    }
    int[] base = new int[side * side];
    Arrays.fill(base, 0xFF808080);
    ClassPass.Result r;
    try {
      r =
          new ClassPass(runtime, pack)
              .apply(
                  base,
                  labels,
                  ids,
                  List.of(new Instance(1, g.classIndex(), 7, RenderMode.CLASS, false)),
                  new ModelSession.Cancel());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "class generator '"
              + g.className()
              + "' ("
              + g.file().getFileName()
              + "): "
              + e.getMessage(),
          e);
    }
    if (r.ran() != 1) {
      throw new IllegalStateException(
          "class generator '"
              + g.className()
              + "' did not run on an object of its class"
              + (r.notices().isEmpty() ? "" : ": " + String.join("; ", r.notices())));
    }
    int changed = 0;
    for (int i = 0; i < base.length; i++) {
      if (r.argb()[i] != base[i]) {
        changed++;
      }
    }
    if (changed == 0) {
      throw new IllegalStateException(
          "class generator '" + g.className() + "' left its object unchanged");
    }
    return "class generator '" + g.className() + "' runs (" + g.width() + "²)";
  }
}
