package dev.scenebrush.app.tools;

import javafx.geometry.Point2D;

/** Fills the connected region (same class and object) under the cursor; exact, 4-connected. */
final class FillTool extends CanvasTool {
  FillTool(ToolContext c) {
    super(c);
  }

  @Override
  public void pressed(Point2D p) {
    var doc = context.document();
    int x = px(p.getX());
    int y = px(p.getY());
    if (x >= 0
        && y >= 0
        && x < doc.width()
        && y < doc.height()
        && !doc.fill(x, y, context.currentLabel()).isEmpty()) {
      context.editDone();
    }
  }
}
