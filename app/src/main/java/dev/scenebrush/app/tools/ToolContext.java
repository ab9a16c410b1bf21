package dev.scenebrush.app.tools;

import dev.scenebrush.app.document.Document;
import javafx.geometry.Point2D;
import javafx.scene.Group;

/** What a tool may use of the canvas it works on and the window around it. */
public interface ToolContext {
  Document document();

  /** The class the palette has selected. */
  int currentLabel();

  int brushSize();

  /** An edit finished (stroke released, fill, shape): time to render. */
  void editDone();

  /** The eyedropper picked a label. */
  void picked(int label);

  /** The z the style brush paints, or null (with a message) when none is chosen. */
  float[] brushStyle();

  /** Nodes in canvas coordinates drawn over the labels (shape previews, selection handles). */
  Group previews();

  /** Screen pixels per canvas pixel. */
  double zoom();

  /** The selected object (0 = none), shared with the Objects tab. */
  int selectedObject();

  void selectObject(int id);

  void message(String text);

  /**
   * A shape corner within a few screen pixels of the canvas edge, moved onto the edge, so shapes
   * drawn up to the border leave no unpainted sliver for a fill to leak through.
   */
  default Point2D snapToEdges(Point2D p) {
    double snap = Math.max(1, 8 / zoom());
    int w = document().width();
    int h = document().height();
    double x = p.getX() < snap ? 0 : p.getX() > w - snap ? w : p.getX();
    double y = p.getY() < snap ? 0 : p.getY() > h - snap ? h : p.getY();
    return new Point2D(x, y);
  }
}
