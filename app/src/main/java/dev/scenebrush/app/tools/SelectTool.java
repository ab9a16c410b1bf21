package dev.scenebrush.app.tools;

import dev.scenebrush.inference.document.DirtyRect;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;

/**
 * Selects the object under the cursor (its box and corner handles are drawn) and moves it by
 * dragging: the box follows the cursor, and on release the object moves as one undo step. A click
 * on no object clears the selection.
 */
final class SelectTool extends CanvasTool {
  private Point2D grab;
  private DirtyRect box = DirtyRect.EMPTY;
  private int moving;

  SelectTool(ToolContext c) {
    super(c);
  }

  @Override
  public void pressed(Point2D p) {
    var doc = context.document();
    int x = px(p.getX());
    int y = px(p.getY());
    int id =
        x >= 0 && y >= 0 && x < doc.width() && y < doc.height() ? doc.scene().instanceAt(x, y) : 0;
    context.selectObject(id);
    moving = id;
    grab = id == 0 ? null : p;
    box = id == 0 ? DirtyRect.EMPTY : doc.scene().boundsOf(id);
    context.previews().getChildren().clear();
    if (id != 0) {
      context.message(
          "Selected "
              + doc.palette().get(doc.scene().instance(id).orElseThrow().classIndex()).name()
              + " #"
              + id
              + ": drag to move, Delete removes, Ctrl+D duplicates, Shift+H flips");
    }
  }

  @Override
  public void dragged(Point2D p) {
    if (grab != null) {
      drawBox(offset(p.getX() - grab.getX()), offset(p.getY() - grab.getY()));
    }
  }

  @Override
  public void released(Point2D p) {
    if (grab == null) {
      return;
    }
    int dx = offset(p.getX() - grab.getX());
    int dy = offset(p.getY() - grab.getY());
    grab = null;
    if ((dx != 0 || dy != 0) && !context.document().moveInstance(moving, dx, dy).isEmpty()) {
      context.editDone();
    }
    context.previews().getChildren().clear();
    if (context.document().scene().boundsOf(moving).isEmpty()) {
      context.selectObject(0); // moved off the canvas: gone
    }
  }

  @Override
  public void cancel() {
    grab = null;
    box = DirtyRect.EMPTY;
    super.cancel();
  }

  @Override
  public Cursor cursor() {
    return grab != null ? Cursor.CLOSED_HAND : Cursor.DEFAULT;
  }

  private static int offset(double d) {
    return (int) Math.round(d);
  }

  private void drawBox(int dx, int dy) {
    if (grab == null || box.isEmpty()) {
      context.previews().getChildren().clear();
    } else {
      context.previews().getChildren().setAll(SelectionBox.of(box, dx, dy, context.zoom()));
    }
  }
}
