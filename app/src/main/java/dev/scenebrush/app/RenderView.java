package dev.scenebrush.app;

import dev.scenebrush.inference.render.RenderedImage;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;

/** Shows the latest rendered image, scaled to fit. */
public final class RenderView extends StackPane {
  private final ImageView view = new ImageView();
  private final ReadOnlyObjectWrapper<RenderedImage> shown =
      new ReadOnlyObjectWrapper<>(this, "shown");

  public RenderView() {
    view.setPreserveRatio(true);
    view.fitWidthProperty().bind(widthProperty());
    view.fitHeightProperty().bind(heightProperty());
    setMinSize(64, 64);
    setStyle("-fx-background-color: #202020;");
    setId("render-view");
    getChildren().add(view);
  }

  public void show(RenderedImage img) {
    WritableImage fx = new WritableImage(img.width(), img.height());
    fx.getPixelWriter()
        .setPixels(
            0,
            0,
            img.width(),
            img.height(),
            PixelFormat.getIntArgbInstance(),
            img.argb(),
            0,
            img.width());
    view.setImage(fx);
    shown.set(img);
  }

  public ReadOnlyObjectProperty<RenderedImage> shownProperty() {
    return shown.getReadOnlyProperty();
  }
}
