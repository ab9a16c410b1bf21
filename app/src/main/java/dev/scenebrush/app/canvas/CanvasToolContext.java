package dev.scenebrush.app.canvas;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.tools.ToolContext;
import javafx.scene.Group;

/** The label canvas as its tools see it: the document, the window's choices, previews, zoom. */
final class CanvasToolContext implements ToolContext {
  private final LabelCanvasView canvas;
  private final Document document;
  private final LabelCanvasView.Host host;

  CanvasToolContext(LabelCanvasView canvas, Document document, LabelCanvasView.Host host) {
    this.canvas = canvas;
    this.document = document;
    this.host = host;
  }

  @Override
  public Document document() {
    return document;
  }

  @Override
  public int currentLabel() {
    return host.currentLabel();
  }

  @Override
  public int brushSize() {
    return host.brushSize();
  }

  @Override
  public void editDone() {
    host.editDone();
  }

  @Override
  public void picked(int label) {
    host.picked(label);
  }

  @Override
  public float[] brushStyle() {
    return host.brushStyle();
  }

  @Override
  public Group previews() {
    return canvas.previews();
  }

  @Override
  public double zoom() {
    return canvas.zoomFactor();
  }

  @Override
  public int selectedObject() {
    return canvas.selectedInstance();
  }

  @Override
  public void selectObject(int id) {
    host.selectObject(id);
    canvas.setSelectedInstance(id);
  }

  @Override
  public void message(String text) {
    host.message(text);
  }
}
