package dev.scenebrush.app.tools;

import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import javafx.geometry.Point2D;

/** Freehand strokes of labels: the brush, the object brush and the eraser. */
final class StrokeTool extends CanvasTool {
  private final String name;
  private final boolean erases;
  private final Scene.InstancePolicy policy;
  private Point2D last;

  private StrokeTool(ToolContext c, String name, boolean erases, Scene.InstancePolicy policy) {
    super(c);
    this.name = name;
    this.erases = erases;
    this.policy = policy;
  }

  static CanvasTool brush(ToolContext c) {
    return new StrokeTool(c, "Brush", false, Scene.InstancePolicy.AUTO);
  }

  /** Every stroke a new object. */
  static CanvasTool object(ToolContext c) {
    return new StrokeTool(c, "Object brush", false, Scene.InstancePolicy.NEW);
  }

  /** Paints "unpainted": the generator decides there. */
  static CanvasTool eraser(ToolContext c) {
    return new StrokeTool(c, "Eraser", true, Scene.InstancePolicy.AUTO);
  }

  /** A whole stroke from a to b at once, as one step (the line tool's release). */
  static void segment(
      ToolContext c, String name, Point2D a, Point2D b, int label, Scene.InstancePolicy policy) {
    c.document().beginStroke(name, a.getX(), a.getY(), c.brushSize(), label, policy);
    c.document().strokeTo(a.getX(), a.getY(), b.getX(), b.getY());
    c.document().endStroke();
    c.editDone();
  }

  @Override
  public void pressed(Point2D p) {
    last = p;
    int label = erases ? Palette.UNKNOWN : context.currentLabel();
    context.document().beginStroke(name, p.getX(), p.getY(), context.brushSize(), label, policy);
  }

  @Override
  public void dragged(Point2D p) {
    if (last != null) {
      context.document().strokeTo(last.getX(), last.getY(), p.getX(), p.getY());
      last = p;
    }
  }

  @Override
  public void released(Point2D p) {
    if (last != null) {
      last = null;
      context.document().endStroke();
      context.editDone();
    }
  }

  @Override
  public void cancel() {
    released(null); // a stroke already painted is kept as one step
  }

  @Override
  public boolean showsBrush() {
    return true;
  }
}
