package dev.scenebrush.inference.palette;

import java.util.List;

/**
 * One class of a palette: its stable name, its colour (0xRRGGBB), stuff or thing, and group. {@code
 * datasetRgb} is the public data set's own colour where it differs from {@code rgb} (the data set
 * repeats a colour or uses black, which marks unpainted pixels here), else -1. {@code hidden}
 * classes keep their index for the model but are not offered for painting (ids a data set retired).
 */
public record LabelClass(
    String name,
    int rgb,
    Kind kind,
    String group,
    List<String> aliases,
    int datasetRgb,
    boolean hidden) {

  public LabelClass(String name, int rgb, Kind kind, String group, List<String> aliases) {
    this(name, rgb, kind, group, aliases, -1, false);
  }

  /** Amorphous regions (sky, grass) or countable objects that become instances (tree, house). */
  public enum Kind {
    STUFF,
    THING
  }

  public boolean isThing() {
    return kind == Kind.THING;
  }

  public String hexColor() {
    return String.format("#%06X", rgb);
  }
}
