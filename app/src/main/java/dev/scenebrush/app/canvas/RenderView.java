package dev.scenebrush.app.canvas;

import dev.scenebrush.inference.render.RenderedImage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

/**
 * Shows the latest rendered image. Linked to the label canvas (side by side), it shows the same
 * part of the painting at the same zoom and follows the canvas's pan, so a detail painted on the
 * left is under the same spot on the right; unlinked, the picture is fitted and centred.
 */
public final class RenderView extends Pane {
  private final ImageView view = new ImageView();
  private final ReadOnlyObjectWrapper<RenderedImage> shown =
      new ReadOnlyObjectWrapper<>(this, "shown");
  private final BooleanProperty linked = new SimpleBooleanProperty(this, "linked", false);
  private LabelCanvasView canvas;
  private int docWidth;
  private int docHeight;

  public RenderView() {
    view.setSmooth(true);
    setMinSize(64, 64);
    setStyle("-fx-background-color: #202020;");
    setId("render-view");
    getChildren().add(view);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    linked.addListener((o, a, b) -> requestLayout());
  }

  /** Takes zoom and pan from the canvas while {@link #linkedProperty() linked}. */
  public void follow(LabelCanvasView c, int documentWidth, int documentHeight) {
    canvas = c;
    docWidth = documentWidth;
    docHeight = documentHeight;
    c.zoomProperty().addListener((o, a, b) -> requestLayout());
    c.panXProperty().addListener((o, a, b) -> requestLayout());
    c.panYProperty().addListener((o, a, b) -> requestLayout());
  }

  public BooleanProperty linkedProperty() {
    return linked;
  }

  @Override
  protected void layoutChildren() {
    if (linked.get() && canvas != null) {
      view.setPreserveRatio(false);
      view.setFitWidth(docWidth * canvas.zoomFactor());
      view.setFitHeight(docHeight * canvas.zoomFactor());
      view.relocate(canvas.panXProperty().get(), canvas.panYProperty().get());
      return;
    }
    view.setPreserveRatio(true);
    view.setFitWidth(getWidth());
    view.setFitHeight(getHeight());
    var b = view.getLayoutBounds();
    view.relocate((getWidth() - b.getWidth()) / 2, (getHeight() - b.getHeight()) / 2);
  }

  public void show(RenderedImage img) {
    view.setImage(FxImages.of(img));
    shown.set(img);
    requestLayout();
  }

  /** Where the picture's top-left corner is drawn and at what width (tests). */
  public Rectangle2D pictureBounds() {
    var b = view.getBoundsInParent();
    return new Rectangle2D(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
  }

  public ReadOnlyObjectProperty<RenderedImage> shownProperty() {
    return shown.getReadOnlyProperty();
  }
}
