package dev.scenebrush.inference.palette;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered label set. Class index = position; {@link #UNKNOWN} marks "not painted: let the
 * generator decide" and is the last one-hot channel.
 */
public final class Palette {
  /** Label value (and index-PNG value) for unpainted pixels. */
  public static final int UNKNOWN = 255;

  /** Colour of UNKNOWN in colour PNGs; no palette class may use it. */
  public static final int UNKNOWN_RGB = 0x000000;

  private final String id;
  private final String name;
  private final int version;
  private final List<LabelClass> classes;
  private final Map<String, Integer> byName = new HashMap<>();
  private final Map<Integer, Integer> byColor = new HashMap<>();

  public Palette(String id, String name, int version, List<LabelClass> classes) {
    this.id = id;
    this.name = name;
    this.version = version;
    this.classes = List.copyOf(classes);
    for (int i = 0; i < this.classes.size(); i++) {
      LabelClass c = this.classes.get(i);
      byName.put(c.name(), i);
      byColor.put(c.rgb(), i);
    }
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  public List<LabelClass> classes() {
    return classes;
  }

  public int size() {
    return classes.size();
  }

  public LabelClass get(int index) {
    return classes.get(index);
  }

  public Optional<Integer> indexOf(String className) {
    return Optional.ofNullable(byName.get(className));
  }

  /** Class index for an exact palette colour, or empty. */
  public Optional<Integer> indexOfColor(int rgb) {
    return Optional.ofNullable(byColor.get(rgb & 0xFFFFFF));
  }

  /** Colour for a label value; UNKNOWN maps to {@link #UNKNOWN_RGB}. */
  public int colorOf(int label) {
    return label == UNKNOWN || label >= classes.size() ? UNKNOWN_RGB : classes.get(label).rgb();
  }

  @Override
  public String toString() {
    return id + " (" + classes.size() + " classes)";
  }
}
