package dev.scenebrush.app;

import javafx.scene.input.KeyCode;

/** Canvas tools with the single-key shortcuts painters expect. */
public enum Tool {
  BRUSH("Brush", KeyCode.B, "paints the selected class; objects extend the one under the cursor"),
  OBJECT("Object brush", KeyCode.N, "each stroke paints a new object (instance)"),
  ERASER("Eraser", KeyCode.E, "paints 'unpainted': the generator decides"),
  LINE("Line", KeyCode.L, "drag a straight stroke"),
  FILL("Fill", KeyCode.G, "fills the connected region under the cursor"),
  RECTANGLE("Rectangle", KeyCode.R, "drag a filled rectangle"),
  ELLIPSE("Ellipse", KeyCode.O, "drag a filled ellipse"),
  POLYGON("Polygon", KeyCode.P, "click corners; double-click or Enter closes, Esc cancels"),
  LASSO("Lasso", KeyCode.A, "drag a freehand outline; it fills when released"),
  STYLE("Style brush", KeyCode.K, "paints the selected kept style onto a region"),
  EYEDROPPER("Eyedropper", KeyCode.I, "picks the class under the cursor"),
  PAN("Pan", KeyCode.H, "drag to move the view (or hold Space with any tool)");

  private final String label;
  private final KeyCode key;
  private final String hint;

  Tool(String label, KeyCode key, String hint) {
    this.label = label;
    this.key = key;
    this.hint = hint;
  }

  public String label() {
    return label;
  }

  public KeyCode key() {
    return key;
  }

  public String hint() {
    return hint;
  }

  public boolean paintsStrokes() {
    return this == BRUSH || this == OBJECT || this == ERASER;
  }
}
