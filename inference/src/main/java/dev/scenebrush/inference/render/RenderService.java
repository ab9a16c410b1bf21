package dev.scenebrush.inference.render;

import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renders on one background thread. Requests coalesce: while a render runs, only the newest waiting
 * request survives, older waiting ones complete as cancelled. {@link #cancelAll()} also stops the
 * render in flight.
 */
public final class RenderService implements AutoCloseable {
  private final BaseRenderer renderer;
  private final ExecutorService worker;
  private final AtomicReference<Job> waiting = new AtomicReference<>();
  private volatile Job running;

  private record Job(
      RenderRequest request, CompletableFuture<RenderedImage> future, ModelSession.Cancel cancel) {}

  public RenderService(BaseRenderer renderer) {
    this.renderer = renderer;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "scenebrush-render");
              t.setDaemon(true);
              return t;
            });
  }

  public BaseRenderer renderer() {
    return renderer;
  }

  private volatile RetrievalRenderer retrieval;

  /**
   * The renderer for requests that carry a retrieval session (packs with a retrieval generator).
   */
  public void setRetrieval(RetrievalRenderer r) {
    this.retrieval = r;
  }

  public CompletableFuture<RenderedImage> submit(RenderRequest request) {
    Job job = new Job(request, new CompletableFuture<>(), new ModelSession.Cancel());
    Job superseded = waiting.getAndSet(job);
    if (superseded != null) {
      superseded.future.completeExceptionally(new CancellationException("superseded"));
    }
    worker.execute(this::drain);
    return job.future;
  }

  /** Drops the waiting request and terminates the one in flight. */
  public void cancelAll() {
    Job w = waiting.getAndSet(null);
    if (w != null) {
      w.future.completeExceptionally(new CancellationException("cancelled"));
    }
    Job r = running;
    if (r != null) {
      r.cancel.cancel();
    }
  }

  private void drain() {
    Job job = waiting.getAndSet(null);
    if (job == null) {
      return;
    }
    running = job;
    try {
      RenderRequest q = job.request;
      RetrievalRenderer rr = retrieval;
      if (q.retrieval() != null && rr != null) {
        job.future.complete(
            rr.render(q.labels(), q.instances(), q.retrieval(), q.width(), q.height(), job.cancel));
        return;
      }
      StyleSpec style =
          q.style() != null
              ? q.style()
              : StyleSpec.global(StyleSeed.gaussian(q.seed(), renderer.pack().zDim()));
      job.future.complete(
          renderer.render(q.labels(), q.instances(), style, q.width(), q.height(), job.cancel));
    } catch (Throwable t) {
      job.future.completeExceptionally(t);
    } finally {
      running = null;
    }
  }

  @Override
  public void close() {
    cancelAll();
    worker.shutdownNow();
    try {
      worker.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
