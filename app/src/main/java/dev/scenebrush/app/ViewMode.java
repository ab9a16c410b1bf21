package dev.scenebrush.app;

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
}
