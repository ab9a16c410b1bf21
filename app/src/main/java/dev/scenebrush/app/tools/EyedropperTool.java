package dev.scenebrush.app.tools;

import javafx.geometry.Point2D;

/** Picks the class under the cursor into the palette. */
final class EyedropperTool extends CanvasTool {
  EyedropperTool(ToolContext c) {
    super(c);
  }

  @Override
  public void pressed(Point2D p) {
    pick(context, p);
  }

  /** Also Alt+click with any tool. */
  static void pick(ToolContext context, Point2D p) {
    var doc = context.document();
    int x = px(p.getX());
    int y = px(p.getY());
    if (x >= 0 && y >= 0 && x < doc.width() && y < doc.height()) {
      context.picked(doc.labelAt(x, y));
    }
  }
}
