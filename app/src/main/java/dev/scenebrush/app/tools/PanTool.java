package dev.scenebrush.app.tools;

import javafx.scene.Cursor;

/** Drag to move the view; the canvas's pan handler does the moving for this tool. */
final class PanTool extends CanvasTool {
  PanTool(ToolContext c) {
    super(c);
  }

  @Override
  public Cursor cursor() {
    return Cursor.OPEN_HAND;
  }
}
