package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.Resampler;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
      RenderRequest request,
      CompletableFuture<RenderedImage> future,
      ModelSession.Cancel cancel,
      Ladder.Stages stages) {}

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
    return submit(request, null);
  }

  /**
   * With a ladder pack, {@code stages} sees the base picture and every refined rung as it is
   * finished (on the render thread); a newer request stops the climb between rungs, and the future
   * then completes as cancelled. The future's picture is the last rung, at the size asked.
   */
  public CompletableFuture<RenderedImage> submit(RenderRequest request, Ladder.Stages stages) {
    Job job = new Job(request, new CompletableFuture<>(), new ModelSession.Cancel(), stages);
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
      if (renderer.pack().hasLadder()) {
        job.future.complete(climb(job));
        return;
      }
      job.future.complete(picture(job.request, job.cancel));
    } catch (Throwable t) {
      job.future.completeExceptionally(t);
    } finally {
      running = null;
    }
  }

  private PreviewClimb ladder;

  /**
   * The ladder: the picture at the plan's base size from whichever generator the request asks for
   * (base, class pass, retrieval), then every rung up to the size asked.
   */
  private RenderedImage climb(Job job) {
    RenderRequest q = job.request;
    if (ladder == null) {
      ladder = new PreviewClimb(new Ladder(renderer.runtime(), renderer.pack()));
    }
    Ladder.Plan plan = Ladder.plan(renderer.pack(), q.width(), q.height());
    RenderRequest atBase =
        new RenderRequest(
            q.labels(),
            q.instances(),
            q.seed(),
            q.style(),
            plan.baseWidth(),
            plan.baseHeight(),
            q.retrieval(),
            q.objects());
    RenderedImage base = picture(atBase, job.cancel);
    Ladder.Stages watch =
        (rung, rungs, img) -> {
          if (job.stages != null) {
            job.stages.finished(rung, rungs, img);
          }
          return waiting.get() == null; // the newest request wins
        };
    return ladder.climb(
        plan,
        base,
        q.labels(),
        q.instances(),
        Ladder.NOISE_SEED,
        Ladder.DEFAULT_TILE,
        watch,
        job.cancel);
  }

  /** One picture at the request's size from the base, class-pass or retrieval path. */
  private RenderedImage picture(RenderRequest q, ModelSession.Cancel cancel) {
    RetrievalRenderer rr = retrieval;
    if (q.retrieval() != null && rr != null) {
      return rr.render(q.labels(), q.instances(), q.retrieval(), q.width(), q.height(), cancel);
    }
    StyleSpec style =
        q.style() != null
            ? q.style()
            : StyleSpec.global(StyleSeed.gaussian(q.seed(), renderer.pack().zDim()));
    boolean classMode = q.objects().stream().anyMatch(o -> o.mode() == RenderMode.CLASS);
    if (!classMode) {
      lastNotices = List.of();
      return renderer.render(q.labels(), q.instances(), style, q.width(), q.height(), cancel);
    }
    return withClassPass(q, style, cancel);
  }

  private ClassPass classPass;
  private int baseKey;
  private RenderedImage baseImage;

  /**
   * Base render (reused while labels, objects and style are unchanged: a new look for one
   * class-mode object costs only its class generator), then the class pass at the working size.
   */
  private RenderedImage withClassPass(
      RenderRequest q, StyleSpec style, ModelSession.Cancel cancel) {
    long t0 = System.nanoTime();
    ModelPack pack = renderer.pack();
    int[] size = pack.workingSize(q.width(), q.height());
    int key =
        Objects.hash(
            Arrays.hashCode(q.labels().raw()),
            Arrays.hashCode(q.instances().raw()),
            style.fingerprint(),
            size[0],
            size[1]);
    RenderedImage base = baseImage;
    if (base == null || key != baseKey) {
      base = renderer.render(q.labels(), q.instances(), style, size[0], size[1], cancel);
      baseImage = base;
      baseKey = key;
    }
    if (classPass == null) {
      classPass = new ClassPass(renderer.runtime(), pack);
    }
    var labels = Resampler.labels(q.labels(), size[0], size[1]);
    var ids = Resampler.instances(q.instances(), size[0], size[1]);
    ClassPass.Result r = classPass.apply(base.argb(), labels, ids, q.objects(), cancel);
    int[] argb = r.argb();
    if (size[0] != q.width() || size[1] != q.height()) {
      argb = ImageTensors.resize(argb, size[0], size[1], q.width(), q.height());
    }
    lastNotices = r.notices();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new RenderedImage(q.width(), q.height(), argb, ms, base.provider());
  }

  private volatile List<String> lastNotices = List.of();

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
    return lastNotices;
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
