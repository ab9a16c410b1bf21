package dev.scenebrush.app.tools;

import javafx.geometry.Point2D;
import javafx.scene.Cursor;

/**
 * One canvas tool. Points are in canvas pixels. Panning and Alt+click are handled before a tool
 * sees the mouse, so a tool only ever receives its own gestures with the primary button.
 */
public abstract class CanvasTool {
  protected final ToolContext context;

  protected CanvasTool(ToolContext context) {
    this.context = context;
  }

  public void pressed(Point2D p) {}

  public void dragged(Point2D p) {}

  public void released(Point2D p) {}

  public void doubleClicked(Point2D p) {}

  /** Enter: finishes what is in progress (a polygon). */
  public void commit() {}

  /** Esc, or another tool chosen: drops what is in progress without an edit. */
  public void cancel() {
    context.previews().getChildren().clear();
  }

  /** Whether the canvas draws the brush outline at the cursor. */
  public boolean showsBrush() {
    return false;
  }

  public Cursor cursor() {
    return Cursor.CROSSHAIR;
  }

  protected static int px(double v) {
    return (int) Math.floor(v);
  }
}
