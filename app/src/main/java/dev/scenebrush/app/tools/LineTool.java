package dev.scenebrush.app.tools;

import dev.scenebrush.inference.document.Scene;
import javafx.geometry.Point2D;
import javafx.scene.shape.Line;
import javafx.scene.shape.StrokeLineCap;

/** A straight stroke of the brush's width, shown while dragging, painted on release. */
final class LineTool extends CanvasTool {
  private Point2D start;

  LineTool(ToolContext c) {
    super(c);
  }

  @Override
  public void pressed(Point2D p) {
    start = p;
    dragged(p);
  }

  @Override
  public void dragged(Point2D p) {
    if (start == null) {
      return;
    }
    Line l = new Line(start.getX(), start.getY(), p.getX(), p.getY());
    l.setStroke(ShapeTool.previewColour(context));
    l.setStrokeWidth(context.brushSize());
    l.setStrokeLineCap(StrokeLineCap.ROUND);
    context.previews().getChildren().setAll(l);
  }

  @Override
  public void released(Point2D p) {
    if (start == null) {
      return;
    }
    Point2D a = start;
    start = null;
    context.previews().getChildren().clear();
    StrokeTool.segment(context, "Line", a, p, context.currentLabel(), Scene.InstancePolicy.NEW);
  }

  @Override
  public void cancel() {
    start = null;
    super.cancel();
  }

  @Override
  public boolean showsBrush() {
    return true;
  }
}
