package dev.scenebrush.inference.sample;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.document.ImportedScene;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

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
    return ImportedScene.of(palette, labels, instances);
  }

  /** As above, objects in the mode the pack starts their class in (ModelPack.newObjectMode). */
  public Scene toScene(Palette palette, IntFunction<RenderMode> modes) {
    return ImportedScene.of(palette, labels, instances, modes);
  }

  /** The default sample from the installation's samples folder. */
  public static SampleScene bundled(Palette palette) {
    return load(SceneBrushHome.find().resolve("samples"), DEFAULT, palette);
  }

  private static boolean isThing(Palette palette, int cls) {
    return cls < palette.size() && palette.get(cls).isThing();
  }
}
