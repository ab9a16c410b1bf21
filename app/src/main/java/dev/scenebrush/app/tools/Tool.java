package dev.scenebrush.app.tools;

import java.util.function.Function;
import javafx.scene.input.KeyCode;

/** The canvas tools, with the single-key shortcuts painters expect; each one is its own class. */
public enum Tool {
  SELECT(
      "Select",
      KeyCode.V,
      "click an object to select it, drag to move it; Delete removes it, Ctrl+D duplicates",
      SelectTool::new),
  BRUSH(
      "Brush",
      KeyCode.B,
      "paints the selected class; objects extend the one under the cursor",
      StrokeTool::brush),
  OBJECT(
      "Object brush", KeyCode.N, "each stroke paints a new object (instance)", StrokeTool::object),
  ERASER("Eraser", KeyCode.E, "paints 'unpainted': the generator decides", StrokeTool::eraser),
  LINE("Line", KeyCode.L, "drag a straight stroke", LineTool::new),
  FILL("Fill", KeyCode.G, "fills the connected region under the cursor", FillTool::new),
  RECTANGLE("Rectangle", KeyCode.R, "drag a filled rectangle", ShapeTool::rectangle),
  ELLIPSE("Ellipse", KeyCode.O, "drag a filled ellipse", ShapeTool::ellipse),
  POLYGON(
      "Polygon",
      KeyCode.P,
      "click corners; double-click or Enter closes, Esc cancels",
      OutlineTool::polygon),
  LASSO("Lasso", KeyCode.A, "drag a freehand outline; it fills when released", OutlineTool::lasso),
  STYLE(
      "Style brush",
      KeyCode.K,
      "paints the selected kept style onto a region",
      StyleBrushTool::new),
  EYEDROPPER(
      "Eyedropper",
      KeyCode.I,
      "picks the class under the cursor (or Alt+click)",
      EyedropperTool::new),
  PAN(
      "Pan",
      KeyCode.H,
      "drag to move the view (or hold Space, or drag with the middle button)",
      PanTool::new);

  private final String label;
  private final KeyCode key;
  private final String hint;
  private final Function<ToolContext, CanvasTool> factory;

  Tool(String label, KeyCode key, String hint, Function<ToolContext, CanvasTool> factory) {
    this.label = label;
    this.key = key;
    this.hint = hint;
    this.factory = factory;
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

  /** A fresh instance of this tool working on the given canvas. */
  public CanvasTool create(ToolContext context) {
    return factory.apply(context);
  }
}
