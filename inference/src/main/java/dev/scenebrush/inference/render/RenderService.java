package dev.scenebrush.inference.render;

import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renders on one background thread. Requests coalesce: while a render runs, only the newest waiting
 * request survives, older waiting ones complete as cancelled. {@link #cancelAll()} also stops the
 * render in flight.
 */
public final class RenderService implements AutoCloseable {
  private final BaseRenderer renderer;
  private final RetrievalRenderer retrieval;
  private final ClassModeRenderer classMode;
  private final LadderRenderer ladder;
  private final Renderer pipeline;
  private final ExecutorService worker;
  private final AtomicReference<Job> waiting = new AtomicReference<>();
  private volatile Job running;

  private record Job(
      RenderRequest request,
      CompletableFuture<RenderedImage> future,
      ModelSession.Cancel cancel,
      Ladder.Stages stages) {}

  /** Renders with the pack's base generator (and its class generators and ladder, if any). */
  public RenderService(BaseRenderer renderer) {
    this(renderer, null);
  }

  /**
   * As above; requests that carry a retrieval session render with {@code retrieval} (null: the pack
   * has none, and they render with the base generator).
   */
  public RenderService(BaseRenderer renderer, RetrievalRenderer retrieval) {
    this.renderer = renderer;
    this.retrieval = retrieval;
    this.classMode = new ClassModeRenderer(renderer, retrieval);
    Renderer picture =
        retrieval == null
            ? classMode
            : (q, cancel, stages) ->
                (q.retrieval() != null ? retrieval : classMode).render(q, cancel, stages);
    ModelPack pack = renderer.pack();
    this.ladder = pack.hasLadder() ? new LadderRenderer(picture, renderer.runtime(), pack) : null;
    this.pipeline = ladder != null ? ladder : picture;
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

  /** The renderer of requests with a retrieval session, when there is one. */
  public Optional<RetrievalRenderer> retrieval() {
    return Optional.ofNullable(retrieval);
  }

  public CompletableFuture<RenderedImage> submit(RenderRequest request) {
    return submit(request, null);
  }

  /**
   * With a ladder pack, {@code stages} sees the base picture and every refined rung as it is
   * finished (on the render thread); a newer request stops the climb between rungs, and the future
   * then completes as cancelled. The future's picture is the last rung, at the size asked.
   */
  public CompletableFuture<RenderedImage> submit(RenderRequest request, Ladder.Stages stages) {
    Job job = new Job(request, new CompletableFuture<>(), new ModelSession.Cancel(), stages);
    if (worker.isShutdown()) {
      // A view's late timer after the window closed: nothing to render for, and nothing to throw.
      job.future.completeExceptionally(new CancellationException("the render service is closed"));
      return job.future;
    }
    Job superseded = waiting.getAndSet(job);
    if (superseded != null) {
      superseded.future.completeExceptionally(new CancellationException("superseded"));
    }
    try {
      worker.execute(this::drain);
    } catch (RejectedExecutionException closedMeanwhile) {
      waiting.compareAndSet(job, null);
      job.future.completeExceptionally(new CancellationException("the render service is closed"));
    }
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
      Ladder.Stages watch =
          (rung, rungs, img) -> {
            if (job.stages != null) {
              job.stages.finished(rung, rungs, img);
            }
            return waiting.get() == null; // the newest request wins
          };
      job.future.complete(pipeline.render(job.request, job.cancel, watch));
    } catch (Throwable t) {
      job.future.completeExceptionally(t);
    } finally {
      running = null;
    }
  }

  /**
   * Of the last ladder render: rung pixels refined and all rung pixels (an edit refines only what
   * it reaches; a first render or a new size refines every one).
   */
  public long[] lastRefinedPixels() {
    PreviewClimb.Reuse r = ladder == null ? new PreviewClimb.Reuse(0, 0) : ladder.lastReuse();
    return new long[] {r.refined(), r.total()};
  }

  /** Notices of the last class pass (objects without a class generator fall back to the base). */
  public List<String> lastNotices() {
    return classMode.lastNotices();
  }

  @Override
  public void close() {
    cancelAll();
    worker.shutdownNow();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
