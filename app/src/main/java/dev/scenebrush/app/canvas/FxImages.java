package dev.scenebrush.app.canvas;

import dev.scenebrush.inference.render.RenderedImage;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Rendered pixels as a JavaFX image. */
public final class FxImages {
  private FxImages() {}

  public static WritableImage of(RenderedImage img) {
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
    return fx;
  }
}
