package dev.scenebrush.app;

/** Canvas tools. */
public enum Tool {
  BRUSH("Brush"),
  ERASER("Eraser"),
  FILL("Fill");

  private final String label;

  Tool(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
