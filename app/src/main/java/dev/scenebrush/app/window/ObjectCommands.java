package dev.scenebrush.app.window;

import dev.scenebrush.app.canvas.LabelCanvasView;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.panels.InstancesPanel;
import dev.scenebrush.app.panels.StatusBar;

/**
 * Commands on the selected object of one document view: delete, duplicate, flip, and "another
 * segment" in retrieval mode. Each is one undo step and renders the picture again.
 */
final class ObjectCommands {
  private final Document document;
  private final LabelCanvasView canvas;
  private final InstancesPanel instances;
  private final StatusBar status;
  private final MainView view;

  ObjectCommands(MainView view) {
    this.view = view;
    this.document = view.document();
    this.canvas = view.canvas();
    this.instances = view.instances();
    this.status = view.status();
  }

  private void requestRender() {
    view.requestRender();
  }

  private boolean anotherSegmentAt(double x, double y) {
    return view.anotherSegmentAt(x, y);
  }

  /** Delete key: removes the selected object (one undo step). */
  boolean delete() {
    int id = canvas.selectedInstance();
    if (id == 0 || document.scene().instance(id).isEmpty()) {
      return false;
    }
    instances.select(0);
    document.deleteInstance(id);
    requestRender();
    return true;
  }

  /** A copy of the selected object beside it, selected (Ctrl+D). */
  boolean duplicate() {
    int id = canvas.selectedInstance();
    if (id == 0) {
      status.setMessage("Select an object first (Select tool V, or the Objects tab)");
      return false;
    }
    int offset = Math.max(8, Math.min(document.width(), document.height()) / 16);
    int copy = document.duplicateInstance(id, offset, offset);
    if (copy == 0) {
      return false;
    }
    instances.select(copy);
    requestRender();
    return true;
  }

  /** Mirrors the selected object left to right (Shift+H). */
  boolean flip() {
    int id = canvas.selectedInstance();
    if (id == 0 || document.flipInstance(id).isEmpty()) {
      return false;
    }
    requestRender();
    return true;
  }

  /** "Another segment" for the object selected in the Objects tab (retrieval mode). */
  void anotherSegment() {
    int id = instances.selectedProperty().get();
    if (id == 0) {
      status.setMessage("Select an object in the Objects tab, or Alt+click a region");
      return;
    }
    var r = document.scene().boundsOf(id);
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        if (document.scene().instanceAt(x, y) == id) {
          anotherSegmentAt(x + 0.5, y + 0.5);
          return;
        }
      }
    }
  }
}
