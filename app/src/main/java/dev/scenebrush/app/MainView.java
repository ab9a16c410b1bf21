package dev.scenebrush.app;

import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.Ladder;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderedImage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;

/**
 * One document's workspace: tools on top, palette and objects on the left, canvas and render in the
 * middle (arranged by the view mode), status at the bottom. Renders after every edit.
 */
public final class MainView extends BorderPane implements LabelCanvasView.Host {
  private final AppContext context;
  private final Document document;
  private final ToolsBar tools = new ToolsBar();
  private final PalettePanel palette;
  private final InstancesPanel instances;
  private final StylePanel style;
  private final TabPane side;
  private final LabelCanvasView canvas;
  private final RenderView render = new RenderView();
  private final StatusBar status;
  private final SplitPane split = new SplitPane();
  private final ObjectProperty<ViewMode> viewMode =
      new SimpleObjectProperty<>(this, "viewMode", ViewMode.SIDE_BY_SIDE);
  private final DoubleProperty overlayOpacity =
      new SimpleDoubleProperty(this, "overlayOpacity", 0.6);
  private boolean fitted;

  public MainView(AppContext context, Document document) {
    this(context, document, null);
  }

  public MainView(AppContext context, Document document, Dialogs dialogs) {
    this.context = context;
    this.document = document;
    this.palette = new PalettePanel(document.palette());
    this.canvas = new LabelCanvasView(document, this);
    this.instances =
        new InstancesPanel(
            document, canvas::setSelectedInstance, canvas::setShowEdges, this::requestRender);
    this.style =
        new StylePanel(context, document, dialogs, this::requestRender, canvas::setShowRegions);
    this.status = new StatusBar(context.runtime().providerNote());
    status.followZoom(canvas.zoomProperty());
    instances.setObjectCommands(
        new InstancesPanel.ObjectCommands() {
          @Override
          public void duplicate() {
            duplicateSelectedObject();
          }

          @Override
          public void flip() {
            flipSelectedObject();
          }
        });
    render.follow(canvas, document.width(), document.height());
    TabPane side =
        new TabPane(
            new Tab("Palette", palette), new Tab("Objects", instances), new Tab("Style", style));
    side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    side.setId("side-tabs");
    this.side = side;
    side.setPrefWidth(250);
    setTop(tools);
    setLeft(side);
    setCenter(split);
    setBottom(status);
    buildOverlayControl();
    applyViewMode();
    viewMode.addListener((o, a, b) -> applyViewMode());
    linkViews.addListener((o, a, b) -> applyViewMode());
    overlayOpacity.addListener(
        (o, a, b) ->
            canvas.setRenderOverlay(
                null, viewMode.get() == ViewMode.OVERLAY ? b.doubleValue() : 0));
    tools.toolProperty().addListener((o, a, t) -> status.setMessage(t.label() + ": " + t.hint()));
    canvas.widthProperty().addListener((o, a, b) -> fitOnce());
    canvas.heightProperty().addListener((o, a, b) -> fitOnce());
    addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
    retrievalMode.addListener((o, a, b) -> requestRender());
    // A ladder preview is rendered at the size shown: a resized view asks for a new one once
    // the size settles.
    resized.setOnFinished(e -> requestRenderIfResized());
    render.widthProperty().addListener((o, a, b) -> resized.playFromStart());
    render.heightProperty().addListener((o, a, b) -> resized.playFromStart());
    addEventFilter(
        KeyEvent.KEY_RELEASED,
        e -> {
          if (e.getCode() == KeyCode.SPACE) {
            canvas.setSpaceDown(false);
          }
        });
  }

  private void fitOnce() {
    if (!fitted && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
      fitted = true;
      canvas.zoomToFit();
    }
  }

  private void applyViewMode() {
    switch (viewMode.get()) {
      case SIDE_BY_SIDE -> {
        split.getItems().setAll(canvas, render);
        split.setDividerPositions(0.5);
        canvas.setRenderOverlay(null, 0);
      }
      case OVERLAY -> {
        split.getItems().setAll(canvas);
        canvas.setRenderOverlay(document.lastRenderProperty().get(), overlayOpacity.get());
      }
      case LABELS -> {
        split.getItems().setAll(canvas);
        canvas.setRenderOverlay(null, 0);
      }
      case IMAGE -> split.getItems().setAll(render);
    }
    render.linkedProperty().set(linkViews.get() && viewMode.get() == ViewMode.SIDE_BY_SIDE);
    overlayControl.setVisible(viewMode.get() == ViewMode.OVERLAY);
    overlayControl.setManaged(overlayControl.isVisible());
    // The canvas got wider or narrower: fit the painting to it again once laid out.
    javafx.application.Platform.runLater(canvas::zoomToFit);
  }

  private final javafx.beans.property.BooleanProperty linkViews =
      new javafx.beans.property.SimpleBooleanProperty(this, "linkViews", true);
  private final javafx.scene.layout.HBox overlayControl = new javafx.scene.layout.HBox(6);

  /** Side by side, the picture follows the canvas's zoom and pan. */
  public javafx.beans.property.BooleanProperty linkViewsProperty() {
    return linkViews;
  }

  /** The overlay's opacity slider (shown in overlay view). */
  private void buildOverlayControl() {
    javafx.scene.control.Slider opacity =
        new javafx.scene.control.Slider(0, 1, overlayOpacity.get());
    opacity.setId("overlay-opacity");
    opacity.setPrefWidth(120);
    opacity.valueProperty().bindBidirectional(overlayOpacity);
    javafx.scene.control.Label l = new javafx.scene.control.Label("Picture over labels");
    l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    overlayControl.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    overlayControl.getChildren().setAll(l, opacity);
    status.addControl(overlayControl);
  }

  /** Single-key tool shortcuts, [ ] for brush size, Space for panning, Enter/Esc for polygons. */
  private void keyPressed(KeyEvent e) {
    if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
      return; // typing in the search field
    }
    if (e.isShortcutDown() || e.isAltDown() || e.isShiftDown()) {
      return; // menu accelerators
    }
    KeyCode k = e.getCode();
    for (Tool t : Tool.values()) {
      if (t.key() == k) {
        tools.select(t);
        e.consume();
        return;
      }
    }
    switch (k) {
      case OPEN_BRACKET -> tools.growBrush(false);
      case CLOSE_BRACKET -> tools.growBrush(true);
      case SPACE -> canvas.setSpaceDown(true);
      case ENTER -> canvas.closePolygon();
      case ESCAPE -> canvas.cancelShape();
      case DELETE, BACK_SPACE -> deleteSelectedObject();
      case DIGIT0 -> canvas.zoomToFit();
      case DIGIT1 -> canvas.zoomActual();
      default -> {
        return;
      }
    }
    e.consume();
  }

  // ---- accessors

  public Document document() {
    return document;
  }

  public ToolsBar tools() {
    return tools;
  }

  public PalettePanel palette() {
    return palette;
  }

  public InstancesPanel instances() {
    return instances;
  }

  public LabelCanvasView canvas() {
    return canvas;
  }

  public RenderView renderView() {
    return render;
  }

  /** Brings the Palette, Objects or Style tab to the front. */
  public void showTab(String title) {
    side.getTabs().stream()
        .filter(t -> t.getText().equals(title))
        .findFirst()
        .ifPresent(t -> side.getSelectionModel().select(t));
  }

  public StylePanel style() {
    return style;
  }

  public StatusBar status() {
    return status;
  }

  public ObjectProperty<ViewMode> viewModeProperty() {
    return viewMode;
  }

  public DoubleProperty overlayOpacityProperty() {
    return overlayOpacity;
  }

  // ---- LabelCanvasView.Host

  @Override
  public Tool tool() {
    return tools.toolProperty().get();
  }

  @Override
  public int currentLabel() {
    return palette.selectedProperty().get();
  }

  @Override
  public int brushSize() {
    return tools.brushSize();
  }

  @Override
  public void editDone() {
    requestRender();
  }

  @Override
  public void picked(int label) {
    if (label == Palette.UNKNOWN) {
      status.setMessage("Unpainted pixel: nothing to pick");
      return;
    }
    palette.select(label);
    status.setMessage("Picked " + document.palette().get(label).name());
  }

  /** Alt+click: another retrieved segment in retrieval mode, else the class under the pointer. */
  @Override
  public void altClick(javafx.geometry.Point2D p) {
    if (retrievalMode.get()) {
      anotherSegmentAt(p.getX(), p.getY());
    } else {
      int x = (int) Math.floor(p.getX());
      int y = (int) Math.floor(p.getY());
      if (x >= 0 && y >= 0 && x < document.width() && y < document.height()) {
        picked(document.labelAt(x, y));
      }
    }
  }

  @Override
  public void selectObject(int id) {
    instances.select(id);
  }

  @Override
  public void message(String text) {
    status.setMessage(text);
  }

  /** Delete key: removes the selected object (one undo step). */
  public boolean deleteSelectedObject() {
    int id = canvas.selectedInstance();
    if (id == 0 || document.scene().instance(id).isEmpty()) {
      return false;
    }
    instances.select(0);
    document.deleteInstance(id);
    requestRender();
    return true;
  }

  /** A copy of the selected object beside it, selected (Ctrl+D). */
  public boolean duplicateSelectedObject() {
    int id = canvas.selectedInstance();
    if (id == 0) {
      status.setMessage("Select an object first (Select tool V, or the Objects tab)");
      return false;
    }
    int offset = Math.max(8, Math.min(document.width(), document.height()) / 16);
    int copy = document.duplicateInstance(id, offset, offset);
    if (copy == 0) {
      return false;
    }
    instances.select(copy);
    requestRender();
    return true;
  }

  /** Mirrors the selected object left to right (Shift+H). */
  public boolean flipSelectedObject() {
    int id = canvas.selectedInstance();
    if (id == 0 || document.flipInstance(id).isEmpty()) {
      return false;
    }
    requestRender();
    return true;
  }

  @Override
  public float[] brushStyle() {
    float[] z = style.brushStyle();
    if (z == null) {
      status.setMessage("Style brush: select a kept style in the Style tab first");
    }
    return z;
  }

  // ---- rendering

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

  private final javafx.beans.property.BooleanProperty retrievalMode =
      new javafx.beans.property.SimpleBooleanProperty(this, "retrievalMode", false);
  private dev.scenebrush.inference.retrieval.RetrievalSession retrievalSession;

  /** Render with the pack's retrieval generator, guided by segments retrieved for the painting. */
  public javafx.beans.property.BooleanProperty retrievalModeProperty() {
    return retrievalMode;
  }

  private dev.scenebrush.inference.retrieval.RetrievalSession retrievalSession() {
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
    var labels =
        dev.scenebrush.inference.tensor.Resampler.labels(
            document.scene().labelsSnapshot(), size[0], size[1]);
    var ids =
        dev.scenebrush.inference.tensor.Resampler.instances(
            document.scene().instancesSnapshot(), size[0], size[1]);
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
  private dev.scenebrush.inference.style.StyleSpec baseStyle() {
    List<dev.scenebrush.inference.document.Instance> objects =
        document.scene().instances().stream()
            .map(
                o ->
                    o.mode() == dev.scenebrush.inference.document.RenderMode.CLASS
                            && hasClassGenerator(o.classIndex())
                        ? o.withSeed(0)
                        : o)
            .toList();
    return dev.scenebrush.inference.style.StyleSpecs.of(
        document.styleState(), objects, context.pack().zDim());
  }

  private boolean hasClassGenerator(int classIndex) {
    return context.pack().classGenerators().stream().anyMatch(g -> g.classIndex() == classIndex);
  }

  private final javafx.animation.PauseTransition resized =
      new javafx.animation.PauseTransition(javafx.util.Duration.millis(150));
  private int[] requestedSize = {0, 0};

  private void requestRenderIfResized() {
    if (context.pack().hasLadder()
        && !java.util.Arrays.equals(previewSize(), requestedSize)
        && requestedSize[0] > 0) {
      requestRender();
    }
  }

  /** Undoes the last edit and renders the picture it leaves (not the undone one). */
  public void undo() {
    if (document.scene().canUndo() && !document.scene().strokeInProgress()) {
      document.undo();
      requestRender();
    }
  }

  public void redo() {
    if (document.scene().canRedo() && !document.scene().strokeInProgress()) {
      document.redo();
      requestRender();
    }
  }

  /** Renders the current document in the background; the newest request wins. */
  public void requestRender() {
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
    if (viewMode.get() == ViewMode.OVERLAY) {
      canvas.setRenderOverlay(img, overlayOpacity.get());
    }
    status.setRenderTime(img.millis());
    status.setProvider(context.runtime().providerNote());
  }
}
