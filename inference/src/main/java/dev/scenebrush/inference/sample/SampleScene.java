package dev.scenebrush.inference.sample;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The bundled sample scene (samples/valley-*.png): a label map and its instance map. */
public record SampleScene(String name, LabelMap labels, InstanceMap instances) {
  public static final String DEFAULT = "valley";

  /** Loads samples/NAME-labels.png (colours of the palette) and samples/NAME-instances.png. */
  public static SampleScene load(Path samplesDir, String name, Palette palette) {
    Path labels = samplesDir.resolve(name + "-labels.png");
    Path instances = samplesDir.resolve(name + "-instances.png");
    if (!Files.isRegularFile(labels)) {
      throw new IllegalArgumentException("sample scene '" + name + "' not found: " + labels);
    }
    LabelMap map = LabelImages.readLabels(labels, palette);
    InstanceMap inst =
        Files.isRegularFile(instances)
            ? LabelImages.readInstances(instances)
            : new InstanceMap(map.width(), map.height());
    if (inst.width() != map.width() || inst.height() != map.height()) {
      throw new IllegalArgumentException(
          "sample scene '" + name + "': instance map size differs from the label map's");
    }
    return new SampleScene(name, map, inst);
  }

  /**
   * An editable scene: one instance per id in the instance map, of the class its pixels carry. Ids
   * on non-thing classes are dropped (the maps come from outside and may disagree).
   */
  public Scene toScene(Palette palette) {
    LabelMap map = labels.copy();
    InstanceMap ids = instances.copy();
    Map<Integer, Integer> classOf = new TreeMap<>();
    short[] raw = ids.raw();
    byte[] lab = map.raw();
    for (int p = 0; p < raw.length; p++) {
      int id = raw[p] & 0xFFFF;
      if (id == 0) {
        continue;
      }
      classOf.putIfAbsent(id, lab[p] & 0xFF);
    }
    List<Instance> table = new ArrayList<>();
    classOf.forEach(
        (id, cls) -> {
          if (isThing(palette, cls)) {
            table.add(new Instance(id, cls, 0, RenderMode.BASE, false));
          }
        });
    for (int p = 0; p < raw.length; p++) {
      int id = raw[p] & 0xFFFF;
      if (id != 0 && ((lab[p] & 0xFF) != classOf.get(id) || !isThing(palette, classOf.get(id)))) {
        raw[p] = 0;
      }
    }
    return new Scene(palette, map, ids, table);
  }

  /** The default sample from the installation's samples folder. */
  public static SampleScene bundled(Palette palette) {
    return load(SceneBrushHome.find().resolve("samples"), DEFAULT, palette);
  }

  private static boolean isThing(Palette palette, int cls) {
    return cls < palette.size() && palette.get(cls).isThing();
  }
}
