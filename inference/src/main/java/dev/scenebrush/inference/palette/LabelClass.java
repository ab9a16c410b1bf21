package dev.scenebrush.inference.palette;

import java.util.List;

/** One class of a palette: its stable name, its colour (0xRRGGBB), stuff or thing, and group. */
public record LabelClass(String name, int rgb, Kind kind, String group, List<String> aliases) {

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
