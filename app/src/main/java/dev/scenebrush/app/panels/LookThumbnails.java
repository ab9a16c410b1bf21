package dev.scenebrush.app.panels;

import dev.scenebrush.app.AppContext;
import dev.scenebrush.app.canvas.FxImages;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.scene.image.Image;

/**
 * Renders the painting small in several styles on one background thread, for the Style tab's
 * thumbnails. A new request cancels the one before, and results of a cancelled request never reach
 * the screen (each carries its request's generation).
 */
final class LookThumbnails {
  private final AppContext context;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "scenebrush-looks");
            t.setDaemon(true);
            return t;
          });
  private Future<?> pending;
  private long generation;

  LookThumbnails(AppContext context) {
    this.context = context;
  }

  /**
   * Renders the maps once per z in {@code styles} and hands each picture to {@code shown} on the FX
   * thread, by index.
   */
  void render(
      LabelMap labels, InstanceMap ids, List<float[]> styles, BiConsumer<Integer, Image> shown) {
    if (pending != null) {
      pending.cancel(true);
    }
    long mine = ++generation;
    int w = context.pack().width();
    int h = context.pack().height();
    BaseRenderer renderer = new BaseRenderer(context.runtime(), context.pack());
    pending =
        worker.submit(
            () -> {
              for (int i = 0; i < styles.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                  return;
                }
                RenderedImage img;
                try {
                  img =
                      renderer.render(labels, ids, styles.get(i), w, h, new ModelSession.Cancel());
                } catch (CancellationException closing) {
                  return; // the window is closing
                }
                int k = i;
                Platform.runLater(
                    () -> {
                      if (mine == generation) {
                        shown.accept(k, FxImages.of(img));
                      }
                    });
              }
            });
  }

  void dispose() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
