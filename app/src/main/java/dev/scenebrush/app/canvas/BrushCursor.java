package dev.scenebrush.app.canvas;

import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The brush outline at the cursor: a white ring inside a dark one, each one screen pixel wide at
 * any zoom, so the brush's reach reads on light and dark classes alike.
 */
final class BrushCursor {
  private final Circle light = new Circle();
  private final Circle dark = new Circle();

  BrushCursor() {
    for (Circle c : new Circle[] {dark, light}) {
      c.setFill(Color.TRANSPARENT);
      c.setMouseTransparent(true);
      c.setVisible(false);
    }
    light.setStroke(Color.WHITE);
    dark.setStroke(Color.color(0, 0, 0, 0.7));
    light.setId("brush-outline");
  }

  /** Both rings, for a group in canvas coordinates (dark first, under the light one). */
  Node[] nodes() {
    return new Node[] {dark, light};
  }

  void moveTo(double canvasX, double canvasY) {
    for (Circle c : new Circle[] {light, dark}) {
      c.setCenterX(canvasX);
      c.setCenterY(canvasY);
    }
  }

  /** Sizes the rings to a brush diameter in canvas pixels at the given zoom. */
  void show(boolean visible, int brushDiameter, double zoom) {
    double r = Math.max(0.5, brushDiameter / 2.0);
    double px = 1 / zoom;
    light.setRadius(r);
    light.setStrokeWidth(px);
    dark.setRadius(r + px);
    dark.setStrokeWidth(px);
    light.setVisible(visible);
    dark.setVisible(visible);
  }

  boolean visible() {
    return light.isVisible();
  }
}
