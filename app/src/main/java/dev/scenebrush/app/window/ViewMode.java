package dev.scenebrush.app.window;

import java.util.Optional;

/** How labels and the rendered image share the window. */
public enum ViewMode {
  SIDE_BY_SIDE("Side by side"),
  OVERLAY("Overlay"),
  LABELS("Labels only"),
  IMAGE("Image only");

  private final String label;

  ViewMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The mode saved under this name; empty for a name this version does not know. */
  public static Optional<ViewMode> named(String name) {
    for (ViewMode m : values()) {
      if (m.name().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
