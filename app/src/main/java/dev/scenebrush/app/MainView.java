package dev.scenebrush.app;

import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderedImage;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;

/** The main window's content: tools on top, palette left, canvas and render side by side. */
public final class MainView extends BorderPane {
  private final AppContext context;
  private final Document document;
  private final ToolsBar tools = new ToolsBar();
  private final PalettePanel palette;
  private final LabelCanvasView canvas;
  private final RenderView render = new RenderView();
  private final StatusBar status;

  public MainView(AppContext context, Document document) {
    this.context = context;
    this.document = document;
    this.palette = new PalettePanel(document.palette());
    this.canvas =
        new LabelCanvasView(
            document,
            () -> tools.toolProperty().get(),
            () -> palette.selectedProperty().get(),
            tools::brushSize,
            this::requestRender);
    this.status = new StatusBar(context.runtime().providerNote());
    SplitPane split = new SplitPane(canvas, render);
    split.setDividerPositions(0.5);
    setTop(tools);
    setLeft(palette);
    setCenter(split);
    setBottom(status);
    canvas.widthProperty().addListener((o, a, b) -> fitOnce());
    canvas.heightProperty().addListener((o, a, b) -> fitOnce());
  }

  private boolean fitted;

  private void fitOnce() {
    if (!fitted && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
      fitted = true;
      canvas.zoomToFit();
    }
  }

  public Document document() {
    return document;
  }

  public ToolsBar tools() {
    return tools;
  }

  public PalettePanel palette() {
    return palette;
  }

  public LabelCanvasView canvas() {
    return canvas;
  }

  public RenderView renderView() {
    return render;
  }

  public StatusBar status() {
    return status;
  }

  /** Preview size: the pack's working width, the document's aspect ratio. */
  int[] previewSize() {
    ModelPack p = context.pack();
    int w = p.width();
    int h = Math.max(1, Math.round(w * document.height() / (float) document.width()));
    return p.workingSize(w, h);
  }

  /** Renders the current document in the background; the newest request wins. */
  public void requestRender() {
    int[] size = previewSize();
    RenderRequest req =
        new RenderRequest(
            document.labelsSnapshot(),
            document.instancesSnapshot(),
            document.seedProperty().get(),
            size[0],
            size[1]);
    status.setMessage("Rendering…");
    context
        .renders()
        .submit(req)
        .whenComplete((img, err) -> Platform.runLater(() -> finished(img, err)));
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
    status.setRenderTime(img.millis());
    status.setProvider(context.runtime().providerNote());
    status.setMessage("Ready");
  }
}
