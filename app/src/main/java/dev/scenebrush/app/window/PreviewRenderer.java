package dev.scenebrush.app.window;

import dev.scenebrush.app.AppContext;
import dev.scenebrush.app.canvas.RenderView;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.panels.StatusBar;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.Ladder;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.retrieval.RetrievalSession;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.style.StyleSpecs;
import dev.scenebrush.inference.tensor.Resampler;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Duration;

/**
 * The live preview of one document: what size it renders at (the size shown, with a ladder pack),
 * which style the base generator gets, retrieval mode, and showing each finished picture and ladder
 * rung in the render view and status bar.
 */
final class PreviewRenderer {
  private final AppContext context;
  private final Document document;
  private final RenderView render;
  private final StatusBar status;
  private final Consumer<RenderedImage> onShown;

  PreviewRenderer(
      AppContext context,
      Document document,
      RenderView render,
      StatusBar status,
      Consumer<RenderedImage> onShown) {
    this.context = context;
    this.document = document;
    this.render = render;
    this.status = status;
    this.onShown = onShown;
    retrievalMode.addListener((o, a, b) -> requestRender());
    resized.setOnFinished(e -> requestRenderIfResized());
    render.widthProperty().addListener((o, a, b) -> resized.playFromStart());
    render.heightProperty().addListener((o, a, b) -> resized.playFromStart());
  }

  /** Longest preview side of a ladder pack: more costs latency and shows nothing new. */
  static final int MAX_PREVIEW_SIDE = 1024;

  /**
   * Preview size, in the document's aspect ratio. A ladder pack previews at the size the picture is
   * shown (the document fitted into the view), up to {@link #MAX_PREVIEW_SIDE} on the long side;
   * other packs at their working width.
   */
  int[] previewSize() {
    ModelPack p = context.pack();
    if (p.hasLadder()) {
      double vw = render.getWidth() > 1 ? render.getWidth() : MAX_PREVIEW_SIDE;
      double vh = render.getHeight() > 1 ? render.getHeight() : MAX_PREVIEW_SIDE;
      double fit = Math.min(vw / document.width(), vh / document.height());
      double longSide = fit * Math.max(document.width(), document.height());
      int side = (int) Math.round(Math.max(Math.max(p.width(), p.height()), longSide));
      side = Math.min(MAX_PREVIEW_SIDE, side);
      double k = side / (double) Math.max(document.width(), document.height());
      return new int[] {
        Math.max(1, (int) Math.round(document.width() * k)),
        Math.max(1, (int) Math.round(document.height() * k))
      };
    }
    int w = p.width();
    int h = Math.max(1, Math.round(w * document.height() / (float) document.width()));
    return p.workingSize(w, h);
  }

  /**
   * The size the generators render the preview at: the preview's own size, or with a ladder the
   * working size of its base picture (where retrieval segments live).
   */
  private int[] generatorSize() {
    int[] size = previewSize();
    ModelPack p = context.pack();
    if (!p.hasLadder()) {
      return size;
    }
    Ladder.Plan plan = Ladder.plan(p, size[0], size[1]);
    return p.workingSize(plan.baseWidth(), plan.baseHeight());
  }

  private final BooleanProperty retrievalMode =
      new SimpleBooleanProperty(this, "retrievalMode", false);
  private RetrievalSession retrievalSession;

  /** Render with the pack's retrieval generator, guided by segments retrieved for the painting. */
  public BooleanProperty retrievalModeProperty() {
    return retrievalMode;
  }

  private RetrievalSession retrievalSession() {
    if (retrievalSession == null && context.retrieval().isPresent()) {
      retrievalSession = context.retrieval().get().newSession();
    }
    return retrievalSession;
  }

  /**
   * "Another segment": the segment under the document point gets the next best retrieved segment;
   * only its neighbourhood of the guidance changes. Returns whether it changed.
   */
  public boolean anotherSegmentAt(double docX, double docY) {
    if (!retrievalMode.get() || retrievalSession() == null) {
      status.setMessage("Another segment works in retrieval-guided rendering (View menu)");
      return false;
    }
    int[] size = generatorSize();
    var maps =
        Resampler.maps(
            document.scene().labelsSnapshot(),
            document.scene().instancesSnapshot(),
            size[0],
            size[1]);
    var labels = maps.labels();
    var ids = maps.instances();
    int x = (int) Math.min(size[0] - 1, Math.max(0, docX * size[0] / document.width()));
    int y = (int) Math.min(size[1] - 1, Math.max(0, docY * size[1] / document.height()));
    boolean changed = retrievalSession.another(labels, ids, x, y);
    status.setMessage(
        changed ? "Another retrieved segment" : "No other segment of this class in the library");
    if (changed) {
      requestRender();
    }
    return changed;
  }

  /**
   * The style for the base generator: objects in class mode take the scene's look there (their
   * class generator gives them their own), so a new look for one of them leaves the base render as
   * it is and only that object is re-rendered.
   */
  private StyleSpec baseStyle() {
    List<Instance> objects =
        document.scene().instances().stream()
            .map(
                o ->
                    o.mode() == RenderMode.CLASS && hasClassGenerator(o.classIndex())
                        ? o.withSeed(0)
                        : o)
            .toList();
    return StyleSpecs.of(document.styleState(), objects, context.pack().zDim());
  }

  private boolean hasClassGenerator(int classIndex) {
    return context.pack().hasClassGenerator(classIndex);
  }

  final PauseTransition resized = new PauseTransition(Duration.millis(150));
  private int[] requestedSize = {0, 0};

  void requestRenderIfResized() {
    if (context.pack().hasLadder()
        && !Arrays.equals(previewSize(), requestedSize)
        && requestedSize[0] > 0) {
      requestRender();
    }
  }

  private boolean disposed;

  /** The window shows another painting or closes: no more renders for this one. */
  void dispose() {
    disposed = true;
    resized.stop();
  }

  /** Renders the current document in the background; the newest request wins. */
  public void requestRender() {
    if (disposed) {
      return;
    }
    int[] size = previewSize();
    requestedSize = size;
    RenderRequest req =
        new RenderRequest(
            document.scene().labelsSnapshot(),
            document.scene().instancesSnapshot(),
            document.seedProperty().get(),
            baseStyle(),
            size[0],
            size[1],
            retrievalMode.get() ? retrievalSession() : null,
            List.copyOf(document.scene().instances()));
    status.setRendering();
    context
        .renders()
        .submit(req, this::stageFinished)
        .whenComplete((img, err) -> Platform.runLater(() -> finished(img, err)));
  }

  /** A ladder rung finished (render thread): show it until the next one replaces it. */
  private boolean stageFinished(int rung, int rungs, RenderedImage img) {
    if (rung < rungs) {
      Platform.runLater(
          () -> {
            render.show(img);
            status.setStage(stageText(rung, rungs, img));
          });
    }
    return true;
  }

  static String stageText(int rung, int rungs, RenderedImage img) {
    String size = img.width() + "×" + img.height();
    return rung == 0 ? "base " + size : "refined " + rung + "/" + rungs + " · " + size;
  }

  private void finished(RenderedImage img, Throwable err) {
    Throwable cause =
        err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (cause instanceof CancellationException) {
      return; // a newer render is on its way
    }
    if (cause != null) {
      status.setMessage("Render failed: " + cause.getMessage());
      return;
    }
    render.show(img);
    document.setLastRender(img);
    int rungs =
        context.pack().hasLadder()
            ? Ladder.plan(context.pack(), img.width(), img.height()).rungs().size()
            : 0;
    status.setStage(
        context.pack().hasLadder()
            ? stageText(rungs, rungs, img)
            : img.width() + "×" + img.height());
    if (!context.renders().lastNotices().isEmpty()) {
      status.setMessage(context.renders().lastNotices().get(0));
    }
    onShown.accept(img);
    status.setRenderTime(img.millis());
    status.setProvider(context.runtime().providerNote());
  }
}
