package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A scene from a label map and an instance map alone (files from elsewhere, the sample scene): each
 * id becomes an object of the class under its first pixel when that is a thing class; its pixels of
 * another class, and ids over stuff, are left without an object.
 */
public final class ImportedScene {
  private ImportedScene() {}

  /** Copies the maps: the caller's stay as they are. Every object starts in base mode. */
  public static Scene of(Palette palette, LabelMap labels, InstanceMap instances) {
    return of(palette, labels, instances, c -> RenderMode.BASE);
  }

  /**
   * As above, each object in the mode {@code modes} gives its class (the pack's choice for new
   * objects), which the scene also keeps for objects painted later.
   */
  public static Scene of(
      Palette palette, LabelMap labels, InstanceMap instances, IntFunction<RenderMode> modes) {
    LabelMap map = labels.copy();
    InstanceMap ids = instances.copy();
    Map<Integer, Integer> classOf = new TreeMap<>();
    short[] raw = ids.raw();
    byte[] lab = map.raw();
    for (int p = 0; p < raw.length; p++) {
      int id = raw[p] & 0xFFFF;
      if (id != 0) {
        classOf.putIfAbsent(id, lab[p] & 0xFF);
      }
    }
    List<Instance> table = new ArrayList<>();
    classOf.forEach(
        (id, cls) -> {
          if (isThing(palette, cls)) {
            table.add(new Instance(id, cls, 0, modes.apply(cls), false));
          }
        });
    for (int p = 0; p < raw.length; p++) {
      int id = raw[p] & 0xFFFF;
      if (id != 0 && ((lab[p] & 0xFF) != classOf.get(id) || !isThing(palette, classOf.get(id)))) {
        raw[p] = 0;
      }
    }
    Scene scene = new Scene(palette, map, ids, table);
    scene.setNewObjectModes(modes);
    return scene;
  }

  private static boolean isThing(Palette palette, int cls) {
    return cls < palette.size() && palette.get(cls).isThing();
  }
}
