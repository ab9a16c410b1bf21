package dev.scenebrush.app.tools;

import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;

/** A shape dragged from corner to corner (rectangle, ellipse), snapped to the canvas edge. */
final class ShapeTool extends CanvasTool {
  /** How a kind of shape previews and paints between two corners. */
  private interface Kind {
    Node preview(Point2D a, Point2D b);

    Painter.Region region(LabelMap labels, Point2D a, Point2D b);
  }

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
        new Kind() {
          @Override
          public Node preview(Point2D a, Point2D b) {
            return new Rectangle(
                Math.min(a.getX(), b.getX()),
                Math.min(a.getY(), b.getY()),
                Math.abs(b.getX() - a.getX()),
                Math.abs(b.getY() - a.getY()));
          }

          @Override
          public Painter.Region region(LabelMap labels, Point2D a, Point2D b) {
            return Painter.rectangle(labels, a.getX(), a.getY(), b.getX(), b.getY());
          }
        });
  }

  static CanvasTool ellipse(ToolContext c) {
    return new ShapeTool(
        c,
        "Ellipse",
        new Kind() {
          @Override
          public Node preview(Point2D a, Point2D b) {
            return new Ellipse(
                (a.getX() + b.getX()) / 2,
                (a.getY() + b.getY()) / 2,
                Math.abs(b.getX() - a.getX()) / 2,
                Math.abs(b.getY() - a.getY()) / 2);
          }

          @Override
          public Painter.Region region(LabelMap labels, Point2D a, Point2D b) {
            return Painter.ellipse(labels, a.getX(), a.getY(), b.getX(), b.getY());
          }
        });
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
      Node n = kind.preview(start, context.snapToEdges(p));
      if (n instanceof Shape s) {
        s.setFill(previewColour(context));
      }
      context.previews().getChildren().setAll(n);
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
    Painter.Region r = kind.region(doc.scene().labels(), a, context.snapToEdges(p));
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
