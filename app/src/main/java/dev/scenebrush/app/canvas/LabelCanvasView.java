package dev.scenebrush.app.canvas;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.tools.CanvasTool;
import dev.scenebrush.app.tools.SelectionBox;
import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.app.tools.ToolContext;
import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.LabelPixels;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.RenderedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

/**
 * The label canvas: labels in palette colours through a pixel buffer updated only where an edit
 * touched, zoom (wheel, around the cursor) and pan, and the tools. A press goes down a chain: pan
 * (middle or right button, Space held, or the pan tool), then Alt+click, then the current tool; the
 * link that takes the press gets its drag and release, so panning never reaches a tool.
 */
public final class LabelCanvasView extends Pane {
  /** What the canvas asks of the window around it. */
  public interface Host {
    Tool tool();

    int currentLabel();

    int brushSize();

    /** An edit finished (stroke released, fill, shape, move): time to render. */
    void editDone();

    void picked(int label);

    float[] brushStyle();

    /** Alt+click at a canvas point. */
    void altClick(Point2D p);

    /** The canvas selected an object (0 = none). */
    void selectObject(int id);

    void message(String text);
  }

  private enum Gesture {
    NONE,
    PAN,
    TOOL
  }

  private final Document document;
  private final Host host;
  private final IntBuffer pixels;
  private final PixelBuffer<IntBuffer> buffer;
  private final LabelOverlay overlay;
  private final ImageView renderOverlay = new ImageView();
  private final Group content = new Group();
  private final Group previews = new Group();
  private final Group selectionBox = new Group();
  private final BrushCursor brushCursor = new BrushCursor();
  private final Viewport viewport;
  private final int[] lut = new int[256];
  private final Map<Tool, CanvasTool> tools = new EnumMap<>(Tool.class);
  private final ToolContext toolContext;
  private Tool activeTool;
  private boolean spaceDown;
  private Gesture gesture = Gesture.NONE;

  public LabelCanvasView(Document document, Host host) {
    this.document = document;
    this.host = host;
    this.toolContext = new CanvasToolContext(this, document, host);
    int w = document.width();
    int h = document.height();
    viewport = new Viewport(this, w, h);
    IntBuffer shared =
        ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    buffer = new PixelBuffer<>(w, h, shared, PixelFormat.getIntArgbPreInstance());
    // The texture upload moves the shared buffer's limit and position on the render thread
    // (Prism's packed copy of a dirty rectangle); writes go through a view of our own, so they
    // never meet a limit set half-way through an upload.
    pixels = shared.duplicate();
    overlay = new LabelOverlay(document);
    ImageView labelView = new ImageView(new WritableImage(buffer));
    labelView.setSmooth(false); // labels stay crisp when zoomed in
    renderOverlay.setFitWidth(w);
    renderOverlay.setFitHeight(h);
    renderOverlay.setVisible(false);
    renderOverlay.setMouseTransparent(true);
    previews.setMouseTransparent(true);
    selectionBox.setMouseTransparent(true);
    content.getChildren().addAll(labelView, renderOverlay, overlay.view(), selectionBox, previews);
    content.getChildren().addAll(brushCursor.nodes());
    content.getTransforms().addAll(viewport.panTransform(), viewport.zoomTransform());
    getChildren().add(content);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    setStyle("-fx-background-color: #3a3a3a;");
    setId("label-canvas");
    setFocusTraversable(true);
    Palette palette = document.palette();
    for (int i = 0; i < 256; i++) {
      // Unpainted reads as an empty dark grey.
      lut[i] = i == Palette.UNKNOWN ? 0xFF2B2B2B : 0xFF000000 | palette.colorOf(i);
    }
    document.onChange(this::repaint);
    document.onRegionsChange(overlay::repaint);
    document.scene().onInstances(this::drawSelectionBox);
    viewport.zoomProperty().addListener((o, a, b) -> zoomChanged());
    repaint(new DirtyRect(0, 0, w, h));
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
    addEventHandler(MouseEvent.MOUSE_MOVED, e -> moveBrushOutline(e));
    addEventHandler(MouseEvent.MOUSE_EXITED, e -> brushOutline(false));
    addEventHandler(ScrollEvent.SCROLL, this::scrolled);
  }

  // ------------------------------------------------------------------ view

  /** Zoom so the whole canvas fits the view, centred. */
  public void zoomToFit() {
    viewport.fit();
  }

  /** One canvas pixel per screen pixel, keeping the view's centre. */
  public void zoomActual() {
    viewport.actual();
  }

  public double zoomFactor() {
    return viewport.factor();
  }

  /** Screen pixels per canvas pixel (the status bar shows it as a percentage). */
  public ReadOnlyDoubleProperty zoomProperty() {
    return viewport.zoomProperty();
  }

  /** Where canvas (0, 0) is in the view, for views that follow this one. */
  public ReadOnlyDoubleProperty panXProperty() {
    return viewport.panXProperty();
  }

  public ReadOnlyDoubleProperty panYProperty() {
    return viewport.panYProperty();
  }

  public Point2D toCanvas(double viewX, double viewY) {
    return viewport.toCanvas(viewX, viewY);
  }

  public Point2D toView(double canvasX, double canvasY) {
    return viewport.toView(canvasX, canvasY);
  }

  public void setSpaceDown(boolean down) {
    spaceDown = down;
  }

  public void setShowEdges(boolean show) {
    overlay.showEdges = show;
    overlay.repaintAll();
  }

  public boolean showsEdges() {
    return overlay.showEdges;
  }

  public void setShowRegions(boolean show) {
    overlay.showRegions = show;
    overlay.repaintAll();
  }

  /** Highlights one object and draws its box and handles (0 = none). */
  public void setSelectedInstance(int id) {
    if (id != overlay.selected) {
      overlay.selected = id;
      overlay.repaintAll();
      drawSelectionBox();
    }
  }

  public int selectedInstance() {
    return overlay.selected;
  }

  private int boundsId;
  private long boundsRevision = -1;
  private DirtyRect bounds = DirtyRect.EMPTY;

  /** The box follows zoom without a new scan of the instance map; an edit scans it once. */
  private void drawSelectionBox() {
    int id = overlay.selected;
    long revision = document.revisionProperty().get();
    if (id != boundsId || revision != boundsRevision) {
      bounds = id == 0 ? DirtyRect.EMPTY : document.scene().boundsOf(id);
      boundsId = id;
      boundsRevision = revision;
    }
    selectionBox.getChildren().setAll(SelectionBox.of(bounds, 0, 0, zoomFactor()));
  }

  /** Shows the rendered image over the labels (overlay view); opacity 0 hides it. */
  public void setRenderOverlay(RenderedImage img, double opacity) {
    if (img != null) {
      renderOverlay.setImage(FxImages.of(img));
    }
    renderOverlay.setOpacity(opacity);
    renderOverlay.setVisible(opacity > 0 && renderOverlay.getImage() != null);
  }

  /** ARGB of the displayed label pixel (tests and screenshots). */
  public int displayedPixel(int x, int y) {
    return pixels.get(y * document.width() + x);
  }

  private void repaint(DirtyRect d) {
    buffer.updateBuffer(
        b -> {
          LabelPixels.write(document.scene().labels(), d, lut, pixels);
          return new Rectangle2D(d.x(), d.y(), d.width(), d.height());
        });
    overlay.repaint(d);
  }

  private void zoomChanged() {
    drawSelectionBox();
    brushOutline(brushCursor.visible());
  }

  // ------------------------------------------------------------------ brush outline

  private void moveBrushOutline(MouseEvent e) {
    Point2D p = toCanvas(e.getX(), e.getY());
    brushCursor.moveTo(p.getX(), p.getY());
    brushOutline(true);
  }

  /** The brush's size at the cursor, for tools that paint with it. */
  private void brushOutline(boolean show) {
    boolean visible = show && tool().showsBrush() && gesture != Gesture.PAN;
    brushCursor.show(visible, host.brushSize(), zoomFactor());
    setCursor(visible ? Cursor.NONE : tool().cursor());
  }

  /** The current tool's instance; a change of tool drops what the previous one had going. */
  private CanvasTool tool() {
    Tool t = host.tool();
    if (t != activeTool) {
      if (activeTool != null) {
        tools.get(activeTool).cancel();
      }
      activeTool = t;
    }
    return tools.computeIfAbsent(t, k -> k.create(toolContext));
  }

  // ------------------------------------------------------------------ input chain

  private void pressed(MouseEvent e) {
    requestFocus();
    if (e.getButton() != MouseButton.PRIMARY || spaceDown || host.tool() == Tool.PAN) {
      gesture = Gesture.PAN;
      viewport.startPan(e.getX(), e.getY());
      brushOutline(false);
    } else if (e.isAltDown()) {
      gesture = Gesture.NONE;
      host.altClick(toCanvas(e.getX(), e.getY()));
    } else {
      gesture = Gesture.TOOL;
      tool().pressed(toCanvas(e.getX(), e.getY()));
    }
    e.consume();
  }

  private void dragged(MouseEvent e) {
    switch (gesture) {
      case PAN -> viewport.panTo(e.getX(), e.getY());
      case TOOL -> {
        moveBrushOutline(e);
        tool().dragged(toCanvas(e.getX(), e.getY()));
      }
      case NONE -> {}
    }
  }

  private void released(MouseEvent e) {
    Gesture g = gesture;
    gesture = Gesture.NONE;
    if (g == Gesture.TOOL) {
      tool().released(toCanvas(e.getX(), e.getY()));
    }
    viewport.endPan();
  }

  private void clicked(MouseEvent e) {
    if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !e.isAltDown()) {
      tool().doubleClicked(toCanvas(e.getX(), e.getY()));
    }
  }

  /** Finishes the polygon in progress (Enter). */
  public void closePolygon() {
    tool().commit();
  }

  /** Drops the shape in progress (Esc). */
  public void cancelShape() {
    tool().cancel();
  }

  private void scrolled(ScrollEvent e) {
    viewport.zoomAround(e.getX(), e.getY(), e.getDeltaY() > 0);
    e.consume();
  }

  Group previews() {
    return previews;
  }
}
