package dev.scenebrush.app.window;

import dev.scenebrush.app.AppContext;
import dev.scenebrush.app.canvas.LabelCanvasView;
import dev.scenebrush.app.canvas.RenderView;
import dev.scenebrush.app.dialogs.Dialogs;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.panels.InstancesPanel;
import dev.scenebrush.app.panels.PalettePanel;
import dev.scenebrush.app.panels.StatusBar;
import dev.scenebrush.app.panels.StylePanel;
import dev.scenebrush.app.panels.ToolsBar;
import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.inference.palette.Palette;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
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
  private final ViewLayout layout;
  private boolean fitted;
  private PreviewRenderer preview;

  public MainView(AppContext context, Document document) {
    this(context, document, null);
  }

  public MainView(AppContext context, Document document, Dialogs dialogs) {
    this.context = context;
    this.document = document;
    this.palette = new PalettePanel(document.palette(), context.materials());
    this.canvas = new LabelCanvasView(document, this);
    this.instances =
        new InstancesPanel(
            document, canvas::setSelectedInstance, canvas::setShowEdges, this::requestRender);
    instances.setModeAvailability(
        (cls, mode) ->
            switch (mode) {
              case BASE -> true;
              case CLASS -> context.pack().hasClassGenerator(cls);
              case RETRIEVAL -> context.retrieval().isPresent();
            });
    this.style =
        new StylePanel(context, document, dialogs, this::requestRender, canvas::setShowRegions);
    this.status = new StatusBar(context.runtime().providerNote());
    status.followZoom(canvas.zoomProperty());
    render.follow(canvas, document.width(), document.height());
    Tab styleTab = new Tab("Style", scrolling(style));
    TabPane side =
        new TabPane(new Tab("Palette", palette), new Tab("Objects", instances), styleTab);
    side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    side.setId("side-tabs");
    // The Style tab's thumbnails show the painting: redraw them when it is shown after edits.
    side.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b == styleTab) {
                style.refreshIfPaintingChanged();
              }
            });
    this.side = side;
    side.setPrefWidth(296);
    setTop(tools);
    setLeft(side);
    layout = new ViewLayout(document, canvas, render, status);
    setCenter(layout.node());
    setBottom(status);
    tools.toolProperty().addListener((o, a, t) -> status.setMessage(t.label() + ": " + t.hint()));
    canvas.widthProperty().addListener((o, a, b) -> fitOnce());
    canvas.heightProperty().addListener((o, a, b) -> fitOnce());
    addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
    preview = new PreviewRenderer(context, document, render, status, layout::shown);
    addEventFilter(
        KeyEvent.KEY_RELEASED,
        e -> {
          if (e.getCode() == KeyCode.SPACE) {
            canvas.setSpaceDown(false);
          }
        });
  }

  /** The Style tab holds more than the window's height: it scrolls rather than squeezing lists. */
  private static ScrollPane scrolling(Node content) {
    ScrollPane pane = new ScrollPane(content);
    pane.setFitToWidth(true);
    pane.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    return pane;
  }

  private void fitOnce() {
    if (!fitted && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
      fitted = true;
      canvas.zoomToFit();
    }
  }

  /** Single-key tool shortcuts, [ ] for brush size, Space for panning, Enter/Esc for polygons. */
  private void keyPressed(KeyEvent e) {
    if (e.getTarget() instanceof TextInputControl) {
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
      case DELETE, BACK_SPACE -> objects().delete();
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

  /** Whether the Style tab is the one in front (drops and pastes there are styles). */
  public boolean styleTabShown() {
    Tab t = side.getSelectionModel().getSelectedItem();
    return t != null && t.getText().equals("Style");
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

  /** This view is replaced or the window closes: its style work and preview renders stop. */
  void dispose() {
    style.dispose();
    preview.dispose();
  }

  public StatusBar status() {
    return status;
  }

  public ObjectProperty<ViewMode> viewModeProperty() {
    return layout.modeProperty();
  }

  public DoubleProperty overlayOpacityProperty() {
    return layout.overlayOpacityProperty();
  }

  /** Side by side, the picture follows the canvas's zoom and pan. */
  public BooleanProperty linkViewsProperty() {
    return layout.linkViewsProperty();
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
  public void altClick(Point2D p) {
    if (preview.retrievalModeProperty().get()) {
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

  @Override
  public float[] brushStyle() {
    float[] z = style.brushStyle();
    if (z == null) {
      status.setMessage("Style brush: select a kept style in the Style tab first");
    }
    return z;
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
    preview.requestRender();
  }

  /** Preview size, in the document's aspect ratio (see {@link PreviewRenderer#previewSize}). */
  public int[] previewSize() {
    return preview.previewSize();
  }

  /** Render with the pack's retrieval generator, guided by segments retrieved for the painting. */
  public BooleanProperty retrievalModeProperty() {
    return preview.retrievalModeProperty();
  }

  private ObjectCommands objects;

  /** Delete, duplicate, flip and another segment for the selected object. */
  ObjectCommands objects() {
    if (objects == null) {
      objects = new ObjectCommands(this);
    }
    return objects;
  }

  /** The window's commands: the Objects tab's buttons and undo/redo on the tool bar share them. */
  void useActions(WindowActions actions) {
    instances.setObjectActions(actions.duplicate, actions.flip, actions.delete);
    tools.addCommands(actions.undo.button("↶"), actions.redo.button("↷"));
  }

  /** "Another segment" for the segment under a document point (retrieval mode). */
  public boolean anotherSegmentAt(double docX, double docY) {
    return preview.anotherSegmentAt(docX, docY);
  }
}
