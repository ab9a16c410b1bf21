package dev.scenebrush.app;

import dev.scenebrush.inference.render.RenderedImage;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.ImageView;
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
    view.setImage(FxImages.of(img));
    shown.set(img);
  }

  public ReadOnlyObjectProperty<RenderedImage> shownProperty() {
    return shown.getReadOnlyProperty();
  }
}
