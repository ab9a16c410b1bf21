package dev.scenebrush.app.export;

import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.HighResExport;
import dev.scenebrush.inference.render.RenderedImage;
import javafx.concurrent.Task;

/**
 * One high-resolution export on a background thread, with its own low-memory inference runtime so
 * the live preview keeps rendering; progress per tile, cancellable between tiles.
 */
public final class ExportJob extends Task<RenderedImage> {
  /** Tile side for app exports: large tiles waste less work on halos, 1024 stays within memory. */
  public static final int TILE = 1024;

  private final ModelPack pack;
  private final HighResExport.Request request;
  private final ModelSession.Cancel cancel = new ModelSession.Cancel();

  public ExportJob(ModelPack pack, HighResExport.Request request) {
    this.pack = pack;
    this.request = request;
    request.check();
  }

  public HighResExport.Request request() {
    return request;
  }

  @Override
  protected RenderedImage call() throws Exception {
    updateMessage("Exporting " + request.width() + "×" + request.height() + "…");
    try (InferenceRuntime runtime =
        new InferenceRuntime(Boolean.getBoolean("scenebrush.forceCpu"), 0, true)) {
      return HighResExport.run(
          runtime,
          pack,
          request,
          (done, total) -> {
            updateProgress(done, total);
            updateMessage("Exporting: tile " + done + " of " + total);
          },
          cancel);
    }
  }

  /** Stops the tiles at once (and the run in flight), not only when the FX thread notices. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    cancel.cancel();
    return super.cancel(mayInterruptIfRunning);
  }

  /** Starts the job on a daemon thread. */
  public ExportJob start() {
    Thread t = new Thread(this, "export");
    t.setDaemon(true);
    t.start();
    return this;
  }
}
