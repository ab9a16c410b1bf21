package dev.scenebrush.app.tools;

import javafx.geometry.Point2D;

/** Paints the selected kept style onto a region of the picture; each stroke one undo step. */
final class StyleBrushTool extends CanvasTool {
  private float[] z;
  private Point2D last;

  StyleBrushTool(ToolContext c) {
    super(c);
  }

  @Override
  public void pressed(Point2D p) {
    z = context.brushStyle();
    if (z != null) {
      last = p;
      context.document().paintStyle(p.getX(), p.getY(), p.getX(), p.getY(), context.brushSize(), z);
    }
  }

  @Override
  public void dragged(Point2D p) {
    if (last != null) {
      context
          .document()
          .paintStyle(last.getX(), last.getY(), p.getX(), p.getY(), context.brushSize(), z);
      last = p;
    }
  }

  @Override
  public void released(Point2D p) {
    if (last != null) {
      last = null;
      context.document().endStyleStroke();
      context.editDone();
    }
  }

  @Override
  public void cancel() {
    released(null);
  }

  @Override
  public boolean showsBrush() {
    return true;
  }
}
