package dev.scenebrush.app.tools;

import dev.scenebrush.inference.document.Painter;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;

/**
 * A filled outline: the polygon (click corners; double-click or Enter closes) and the lasso (drag
 * freehand; fills on release). Points near the canvas edge snap onto it.
 */
final class OutlineTool extends CanvasTool {
  private final boolean freehand;
  private final List<Point2D> points = new ArrayList<>();

  private OutlineTool(ToolContext c, boolean freehand) {
    super(c);
    this.freehand = freehand;
  }

  static CanvasTool polygon(ToolContext c) {
    return new OutlineTool(c, false);
  }

  static CanvasTool lasso(ToolContext c) {
    return new OutlineTool(c, true);
  }

  @Override
  public void pressed(Point2D p) {
    if (freehand) {
      points.clear();
    }
    points.add(context.snapToEdges(p));
    preview();
  }

  @Override
  public void dragged(Point2D p) {
    if (freehand && !points.isEmpty()) {
      points.add(context.snapToEdges(p));
      preview();
    }
  }

  @Override
  public void released(Point2D p) {
    if (freehand && !points.isEmpty()) {
      points.add(context.snapToEdges(p));
      commit();
    }
  }

  @Override
  public void doubleClicked(Point2D p) {
    if (!freehand) {
      commit();
    }
  }

  @Override
  public void commit() {
    List<Point2D> outline = List.copyOf(points);
    points.clear();
    context.previews().getChildren().clear();
    if (outline.size() < 3) {
      return;
    }
    double[] xs = outline.stream().mapToDouble(Point2D::getX).toArray();
    double[] ys = outline.stream().mapToDouble(Point2D::getY).toArray();
    var doc = context.document();
    String name = freehand ? "Lasso" : "Polygon";
    if (!doc.paintRegion(
            name, Painter.polygon(doc.scene().labels(), xs, ys), context.currentLabel())
        .isEmpty()) {
      context.editDone();
    }
  }

  @Override
  public void cancel() {
    points.clear();
    super.cancel();
  }

  private void preview() {
    Polyline pl = new Polyline();
    for (Point2D q : points) {
      pl.getPoints().addAll(q.getX(), q.getY());
    }
    pl.setStroke(Color.WHITE);
    pl.setStrokeWidth(1.5 / context.zoom());
    pl.setFill(ShapeTool.previewColour(context));
    context.previews().getChildren().setAll(pl);
  }
}
