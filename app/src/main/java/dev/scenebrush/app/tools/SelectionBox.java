package dev.scenebrush.app.tools;

import dev.scenebrush.inference.document.DirtyRect;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The selected object's box with four corner handles, drawn at the same screen size at any zoom.
 */
public final class SelectionBox {
  private SelectionBox() {}

  /** The box of {@code bounds} shifted by (dx, dy) canvas pixels, for a group in canvas units. */
  public static Group of(DirtyRect bounds, int dx, int dy, double zoom) {
    Group g = new Group();
    g.setMouseTransparent(true);
    if (bounds.isEmpty()) {
      return g;
    }
    double line = 1.5 / zoom;
    double handle = 7 / zoom;
    Rectangle r = new Rectangle(bounds.x() + dx, bounds.y() + dy, bounds.width(), bounds.height());
    r.setFill(Color.TRANSPARENT);
    r.setStroke(Color.WHITE);
    r.setStrokeWidth(line);
    r.getStrokeDashArray().setAll(4 / zoom, 3 / zoom);
    g.getChildren().add(r);
    for (int corner = 0; corner < 4; corner++) {
      double cx = bounds.x() + dx + (corner % 2 == 0 ? 0 : bounds.width());
      double cy = bounds.y() + dy + (corner < 2 ? 0 : bounds.height());
      Rectangle h = new Rectangle(cx - handle / 2, cy - handle / 2, handle, handle);
      h.setFill(Color.WHITE);
      h.setStroke(Color.BLACK);
      h.setStrokeWidth(line / 2);
      h.setId("selection-handle");
      g.getChildren().add(h);
    }
    return g;
  }
}
