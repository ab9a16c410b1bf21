package dev.scenebrush.app.tools;

import dev.scenebrush.inference.document.Painter;
import java.util.function.BiFunction;
import javafx.geometry.Point2D;
import javafx.scene.paint.Color;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;

/** A shape dragged from corner to corner (rectangle, ellipse), snapped to the canvas edge. */
final class ShapeTool extends CanvasTool {
  /** How a kind of shape previews and paints between two corners. */
  private record Kind(BiFunction<Point2D, Point2D, Shape> preview, Painter.Corners region) {}

  private final String name;
  private final Kind kind;
  private Point2D start;

  private ShapeTool(ToolContext c, String name, Kind kind) {
    super(c);
    this.name = name;
    this.kind = kind;
  }

  static CanvasTool rectangle(ToolContext c) {
    return new ShapeTool(
        c,
        "Rectangle",
        new Kind(
            (a, b) ->
                new Rectangle(
                    Math.min(a.getX(), b.getX()),
                    Math.min(a.getY(), b.getY()),
                    Math.abs(b.getX() - a.getX()),
                    Math.abs(b.getY() - a.getY())),
            Painter::rectangle));
  }

  static CanvasTool ellipse(ToolContext c) {
    return new ShapeTool(
        c,
        "Ellipse",
        new Kind(
            (a, b) ->
                new Ellipse(
                    (a.getX() + b.getX()) / 2,
                    (a.getY() + b.getY()) / 2,
                    Math.abs(b.getX() - a.getX()) / 2,
                    Math.abs(b.getY() - a.getY()) / 2),
            Painter::ellipse));
  }

  /** The selected class, translucent, for previews. */
  static Color previewColour(ToolContext c) {
    return Color.web(c.document().palette().get(c.currentLabel()).hexColor(), 0.7);
  }

  @Override
  public void pressed(Point2D p) {
    start = context.snapToEdges(p);
    dragged(p);
  }

  @Override
  public void dragged(Point2D p) {
    if (start != null) {
      Shape shape = kind.preview().apply(start, context.snapToEdges(p));
      shape.setFill(previewColour(context));
      context.previews().getChildren().setAll(shape);
    }
  }

  @Override
  public void released(Point2D p) {
    if (start == null) {
      return;
    }
    Point2D a = start;
    start = null;
    context.previews().getChildren().clear();
    var doc = context.document();
    Point2D b = context.snapToEdges(p);
    Painter.Region r =
        kind.region().region(doc.scene().labels(), a.getX(), a.getY(), b.getX(), b.getY());
    if (!doc.paintRegion(name, r, context.currentLabel()).isEmpty()) {
      context.editDone();
    }
  }

  @Override
  public void cancel() {
    start = null;
    super.cancel();
  }
}
