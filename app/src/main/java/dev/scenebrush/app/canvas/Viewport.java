package dev.scenebrush.app.canvas;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.Point2D;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * Zoom and pan of the canvas: the transforms its content is drawn through, and the conversions
 * between view and canvas pixels that the tools and the following picture view rely on.
 */
final class Viewport {
  private static final double MIN_ZOOM = 0.02;
  private static final double MAX_ZOOM = 32;

  private final Region view;
  private final int width;
  private final int height;
  private final Scale zoom = new Scale(1, 1, 0, 0);
  private final Translate pan = new Translate();
  private Point2D panStart;

  Viewport(Region view, int canvasWidth, int canvasHeight) {
    this.view = view;
    this.width = canvasWidth;
    this.height = canvasHeight;
  }

  Scale zoomTransform() {
    return zoom;
  }

  Translate panTransform() {
    return pan;
  }

  double factor() {
    return zoom.getX();
  }

  ReadOnlyDoubleProperty zoomProperty() {
    return zoom.xProperty();
  }

  ReadOnlyDoubleProperty panXProperty() {
    return pan.xProperty();
  }

  ReadOnlyDoubleProperty panYProperty() {
    return pan.yProperty();
  }

  Point2D toCanvas(double viewX, double viewY) {
    return new Point2D((viewX - pan.getX()) / zoom.getX(), (viewY - pan.getY()) / zoom.getY());
  }

  Point2D toView(double canvasX, double canvasY) {
    return new Point2D(canvasX * zoom.getX() + pan.getX(), canvasY * zoom.getY() + pan.getY());
  }

  /** The whole canvas fits the view, centred. */
  void fit() {
    double w = view.getWidth() > 0 ? view.getWidth() : view.getPrefWidth();
    double h = view.getHeight() > 0 ? view.getHeight() : view.getPrefHeight();
    if (w <= 0 || h <= 0) {
      return;
    }
    set(Math.min(w / width, h / height));
    pan.setX((w - width * zoom.getX()) / 2);
    pan.setY((h - height * zoom.getY()) / 2);
  }

  /** One canvas pixel per screen pixel, keeping the view's centre. */
  void actual() {
    Point2D centre = toCanvas(view.getWidth() / 2, view.getHeight() / 2);
    set(1);
    pan.setX(view.getWidth() / 2 - centre.getX());
    pan.setY(view.getHeight() / 2 - centre.getY());
  }

  /** A wheel step zooms in or out around the view point under the cursor. */
  void zoomAround(double viewX, double viewY, boolean in) {
    double s = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.getX() * (in ? 1.25 : 0.8)));
    Point2D anchor = toCanvas(viewX, viewY);
    set(s);
    pan.setX(viewX - anchor.getX() * s);
    pan.setY(viewY - anchor.getY() * s);
  }

  /** A pan drag starts at this view point. */
  void startPan(double viewX, double viewY) {
    panStart = new Point2D(viewX - pan.getX(), viewY - pan.getY());
  }

  /** The pan drag reached this view point. */
  void panTo(double viewX, double viewY) {
    if (panStart != null) {
      pan.setX(viewX - panStart.getX());
      pan.setY(viewY - panStart.getY());
    }
  }

  void endPan() {
    panStart = null;
  }

  private void set(double s) {
    zoom.setX(s);
    zoom.setY(s);
  }
}
