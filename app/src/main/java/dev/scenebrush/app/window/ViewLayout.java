package dev.scenebrush.app.window;

import dev.scenebrush.app.canvas.LabelCanvasView;
import dev.scenebrush.app.canvas.RenderView;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.panels.StatusBar;
import dev.scenebrush.inference.render.RenderedImage;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * How canvas and picture share the middle of a document view: the view mode, whether the picture
 * follows the canvas's zoom and pan, and the overlay's opacity (a slider in the status bar, shown
 * in overlay view). This state belongs to the view; the window's menus bind to it.
 */
final class ViewLayout {
  private final Document document;
  private final LabelCanvasView canvas;
  private final RenderView render;
  private final SplitPane split = new SplitPane();
  private final HBox overlayControl = new HBox(6);
  private final ObjectProperty<ViewMode> mode =
      new SimpleObjectProperty<>(this, "viewMode", ViewMode.SIDE_BY_SIDE);
  private final DoubleProperty overlayOpacity =
      new SimpleDoubleProperty(this, "overlayOpacity", 0.6);
  private final BooleanProperty linkViews = new SimpleBooleanProperty(this, "linkViews", true);

  ViewLayout(Document document, LabelCanvasView canvas, RenderView render, StatusBar status) {
    this.document = document;
    this.canvas = canvas;
    this.render = render;
    Slider opacity = new Slider(0, 1, overlayOpacity.get());
    opacity.setId("overlay-opacity");
    opacity.setPrefWidth(120);
    opacity.valueProperty().bindBidirectional(overlayOpacity);
    Label l = new Label("Picture over labels");
    l.setMinWidth(Region.USE_PREF_SIZE);
    overlayControl.setAlignment(Pos.CENTER_LEFT);
    overlayControl.getChildren().setAll(l, opacity);
    status.addControl(overlayControl);
    apply();
    mode.addListener((o, a, b) -> apply());
    linkViews.addListener((o, a, b) -> apply());
    overlayOpacity.addListener(
        (o, a, b) ->
            canvas.setRenderOverlay(null, mode.get() == ViewMode.OVERLAY ? b.doubleValue() : 0));
  }

  /** The node holding canvas and picture as the mode arranges them. */
  SplitPane node() {
    return split;
  }

  ObjectProperty<ViewMode> modeProperty() {
    return mode;
  }

  BooleanProperty linkViewsProperty() {
    return linkViews;
  }

  DoubleProperty overlayOpacityProperty() {
    return overlayOpacity;
  }

  /** A new picture: in overlay view it covers the labels at the set opacity. */
  void shown(RenderedImage img) {
    if (mode.get() == ViewMode.OVERLAY) {
      canvas.setRenderOverlay(img, overlayOpacity.get());
    }
  }

  private void apply() {
    switch (mode.get()) {
      case SIDE_BY_SIDE -> {
        split.getItems().setAll(canvas, render);
        split.setDividerPositions(0.5);
        canvas.setRenderOverlay(null, 0);
      }
      case OVERLAY -> {
        split.getItems().setAll(canvas);
        canvas.setRenderOverlay(document.lastRenderProperty().get(), overlayOpacity.get());
      }
      case LABELS -> {
        split.getItems().setAll(canvas);
        canvas.setRenderOverlay(null, 0);
      }
      case IMAGE -> split.getItems().setAll(render);
    }
    render.linkedProperty().set(linkViews.get() && mode.get() == ViewMode.SIDE_BY_SIDE);
    overlayControl.setVisible(mode.get() == ViewMode.OVERLAY);
    overlayControl.setManaged(overlayControl.isVisible());
    // The canvas got wider or narrower: fit the painting to it again once laid out.
    Platform.runLater(canvas::zoomToFit);
  }
}
