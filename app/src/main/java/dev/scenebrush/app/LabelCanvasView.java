package dev.scenebrush.app;

import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.LabelPixels;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.RenderedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The label canvas: labels in palette colours through a pixel buffer updated only where an edit
 * touched, zoom (wheel, around the cursor) and pan (middle/right drag, Space+drag, or the pan
 * tool), the current tool on left drag, and overlays for shape previews, instance edges, the
 * selected instance and (in overlay view) the rendered image.
 */
public final class LabelCanvasView extends Pane {
  /** What the canvas asks of the window around it. */
  public interface Host {
    Tool tool();

    int currentLabel();

    int brushSize();

    /** An edit finished (stroke released, fill, shape): time to render. */
    void editDone();

    /** The eyedropper picked a label. */
    void picked(int label);

    /** The z the style brush paints, or null (with a message) when none is chosen. */
    float[] brushStyle();
  }

  private final Document document;
  private final Host host;
  private final IntBuffer pixels;
  private final PixelBuffer<IntBuffer> buffer;
  private final IntBuffer overlayPixels;
  private final PixelBuffer<IntBuffer> overlayBuffer;
  private final ImageView labelView;
  private final ImageView overlayView;
  private final ImageView renderOverlay = new ImageView();
  private final Group content = new Group();
  private final Group previews = new Group();
  private final Scale zoom = new Scale(1, 1, 0, 0);
  private final Translate pan = new Translate();
  private final int[] lut = new int[256];
  private boolean showEdges;
  private boolean showRegions;
  private boolean styling;
  private float[] styleZ;
  private int selectedInstance;
  private boolean spaceDown;
  private Point2D last;
  private Point2D dragStart;
  private Point2D panStart;
  private boolean stroking;
  private final List<Point2D> polygon = new ArrayList<>();

  public LabelCanvasView(Document document, Host host) {
    this.document = document;
    this.host = host;
    int w = document.width();
    int h = document.height();
    pixels = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    buffer = new PixelBuffer<>(w, h, pixels, PixelFormat.getIntArgbPreInstance());
    overlayPixels =
        ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    overlayBuffer = new PixelBuffer<>(w, h, overlayPixels, PixelFormat.getIntArgbPreInstance());
    labelView = new ImageView(new WritableImage(buffer));
    overlayView = new ImageView(new WritableImage(overlayBuffer));
    labelView.setSmooth(false); // labels stay crisp when zoomed in
    overlayView.setSmooth(false);
    overlayView.setMouseTransparent(true);
    renderOverlay.setFitWidth(w);
    renderOverlay.setFitHeight(h);
    renderOverlay.setVisible(false);
    renderOverlay.setMouseTransparent(true);
    previews.setMouseTransparent(true);
    content.getChildren().addAll(labelView, renderOverlay, overlayView, previews);
    content.getTransforms().addAll(pan, zoom);
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
    document.onRegionsChange(this::repaintOverlay);
    repaint(new DirtyRect(0, 0, w, h));
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
    addEventHandler(ScrollEvent.SCROLL, this::scrolled);
  }

  // ------------------------------------------------------------------ view

  /** Zoom so the whole canvas fits the view, centred. */
  public void zoomToFit() {
    double w = getWidth() > 0 ? getWidth() : getPrefWidth();
    double h = getHeight() > 0 ? getHeight() : getPrefHeight();
    if (w <= 0 || h <= 0) {
      return;
    }
    setZoom(Math.min(w / document.width(), h / document.height()));
    pan.setX((w - document.width() * zoom.getX()) / 2);
    pan.setY((h - document.height() * zoom.getY()) / 2);
  }

  /** One canvas pixel per screen pixel, keeping the view's centre. */
  public void zoomActual() {
    Point2D centre = toCanvas(getWidth() / 2, getHeight() / 2);
    setZoom(1);
    pan.setX(getWidth() / 2 - centre.getX());
    pan.setY(getHeight() / 2 - centre.getY());
  }

  private void setZoom(double s) {
    zoom.setX(s);
    zoom.setY(s);
  }

  public double zoomFactor() {
    return zoom.getX();
  }

  public Point2D toCanvas(double viewX, double viewY) {
    return new Point2D((viewX - pan.getX()) / zoom.getX(), (viewY - pan.getY()) / zoom.getY());
  }

  public Point2D toView(double canvasX, double canvasY) {
    return new Point2D(canvasX * zoom.getX() + pan.getX(), canvasY * zoom.getY() + pan.getY());
  }

  public void setSpaceDown(boolean down) {
    spaceDown = down;
  }

  public void setShowEdges(boolean show) {
    showEdges = show;
    repaintOverlay(new DirtyRect(0, 0, document.width(), document.height()));
  }

  public boolean showsEdges() {
    return showEdges;
  }

  public void setShowRegions(boolean show) {
    showRegions = show;
    repaintOverlay(new DirtyRect(0, 0, document.width(), document.height()));
  }

  /** Highlights one instance (0 = none). */
  public void setSelectedInstance(int id) {
    if (id != selectedInstance) {
      selectedInstance = id;
      repaintOverlay(new DirtyRect(0, 0, document.width(), document.height()));
    }
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
    repaintOverlay(d);
  }

  private void repaintOverlay(DirtyRect d0) {
    int w = document.width();
    int h = document.height();
    // Edges depend on neighbours: widen by one pixel.
    int x0 = Math.max(0, d0.x() - 1);
    int y0 = Math.max(0, d0.y() - 1);
    int x1 = Math.min(w, d0.x() + d0.width() + 1);
    int y1 = Math.min(h, d0.y() + d0.height() + 1);
    short[] id = document.scene().instanceMap().raw();
    boolean edges = showEdges;
    int sel = selectedInstance;
    byte[] regions = showRegions ? document.regions() : null;
    overlayBuffer.updateBuffer(
        b -> {
          for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
              int i = y * w + x;
              int v = id[i] & 0xFFFF;
              int argb = 0;
              if (regions != null && regions[i] != 0) {
                argb = REGION_TINTS[(regions[i] & 0xFF) % REGION_TINTS.length];
              }
              if (sel != 0 && v == sel) {
                argb = 0x66666600; // premultiplied translucent yellow
              }
              if ((edges || (sel != 0 && v == sel)) && isEdge(id, i, x, y, w, h)) {
                argb = 0xFFFFFFFF;
              }
              overlayPixels.put(i, argb);
            }
          }
          return new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
        });
  }

  /** Premultiplied translucent tints for regional styles. */
  private static final int[] REGION_TINTS = {
    0x5500AA55, 0x55AA0055, 0x550055AA, 0x55AA5500, 0x5555AA00, 0x555500AA
  };

  private static boolean isEdge(short[] id, int i, int x, int y, int w, int h) {
    short v = id[i];
    return (x > 0 && id[i - 1] != v)
        || (x < w - 1 && id[i + 1] != v)
        || (y > 0 && id[i - w] != v)
        || (y < h - 1 && id[i + w] != v);
  }

  // ------------------------------------------------------------------ input

  private boolean panning(MouseEvent e) {
    return e.getButton() != MouseButton.PRIMARY || spaceDown || host.tool() == Tool.PAN;
  }

  private void pressed(MouseEvent e) {
    requestFocus();
    if (panning(e)) {
      panStart = new Point2D(e.getX() - pan.getX(), e.getY() - pan.getY());
      return;
    }
    Point2D p = toCanvas(e.getX(), e.getY());
    Tool tool = host.tool();
    switch (tool) {
      case BRUSH, OBJECT, ERASER -> {
        stroking = true;
        last = p;
        int label = tool == Tool.ERASER ? Palette.UNKNOWN : host.currentLabel();
        document.beginStroke(
            tool.label(),
            p.getX(),
            p.getY(),
            host.brushSize(),
            label,
            tool == Tool.OBJECT ? Scene.InstancePolicy.NEW : Scene.InstancePolicy.AUTO);
      }
      case LINE, RECTANGLE, ELLIPSE -> {
        dragStart = p;
        updatePreview(p);
      }
      case FILL -> {
        int x = (int) Math.floor(p.getX());
        int y = (int) Math.floor(p.getY());
        if (inside(x, y) && !document.fill(x, y, host.currentLabel()).isEmpty()) {
          host.editDone();
        }
      }
      case EYEDROPPER -> {
        int x = (int) Math.floor(p.getX());
        int y = (int) Math.floor(p.getY());
        if (inside(x, y)) {
          host.picked(document.labelAt(x, y));
        }
      }
      case POLYGON -> {
        polygon.add(p);
        updatePreview(p);
      }
      case LASSO -> {
        polygon.clear();
        polygon.add(p);
        dragStart = p;
      }
      case STYLE -> {
        styleZ = host.brushStyle();
        if (styleZ != null) {
          styling = true;
          last = p;
          document.paintStyle(p.getX(), p.getY(), p.getX(), p.getY(), host.brushSize(), styleZ);
        }
      }
      case PAN -> {}
    }
  }

  private void dragged(MouseEvent e) {
    if (panStart != null) {
      pan.setX(e.getX() - panStart.getX());
      pan.setY(e.getY() - panStart.getY());
      return;
    }
    Point2D p = toCanvas(e.getX(), e.getY());
    if (stroking) {
      document.strokeTo(last.getX(), last.getY(), p.getX(), p.getY());
      last = p;
    } else if (styling) {
      document.paintStyle(last.getX(), last.getY(), p.getX(), p.getY(), host.brushSize(), styleZ);
      last = p;
    } else if (dragStart != null) {
      if (host.tool() == Tool.LASSO) {
        polygon.add(p);
      }
      updatePreview(p);
    }
  }

  private void released(MouseEvent e) {
    if (panStart != null) {
      panStart = null;
      return;
    }
    Point2D p = toCanvas(e.getX(), e.getY());
    if (stroking) {
      stroking = false;
      document.endStroke();
      host.editDone();
      return;
    }
    if (styling) {
      styling = false;
      document.endStyleStroke();
      host.editDone();
      return;
    }
    if (dragStart != null) {
      Point2D a = dragStart;
      dragStart = null;
      previews.getChildren().clear();
      int label = host.currentLabel();
      switch (host.tool()) {
        case LINE -> {
          document.beginStroke(
              "Line", a.getX(), a.getY(), host.brushSize(), label, Scene.InstancePolicy.NEW);
          document.strokeTo(a.getX(), a.getY(), p.getX(), p.getY());
          document.endStroke();
          host.editDone();
        }
        case RECTANGLE ->
            shape(
                "Rectangle",
                Painter.rectangle(
                    document.scene().labels(), a.getX(), a.getY(), p.getX(), p.getY()));
        case ELLIPSE ->
            shape(
                "Ellipse",
                Painter.ellipse(document.scene().labels(), a.getX(), a.getY(), p.getX(), p.getY()));
        case LASSO -> {
          polygon.add(p);
          closePolygon();
          polygon.clear();
        }
        default -> {}
      }
    }
  }

  private void clicked(MouseEvent e) {
    if (host.tool() == Tool.POLYGON
        && e.getButton() == MouseButton.PRIMARY
        && e.getClickCount() == 2) {
      closePolygon();
    }
  }

  /** Fills the polygon clicked so far (Enter, double-click). */
  public void closePolygon() {
    if (polygon.size() >= 3) {
      double[] xs = polygon.stream().mapToDouble(Point2D::getX).toArray();
      double[] ys = polygon.stream().mapToDouble(Point2D::getY).toArray();
      polygon.clear();
      previews.getChildren().clear();
      shape("Polygon", Painter.polygon(document.scene().labels(), xs, ys));
    }
  }

  /** Drops the polygon or shape in progress (Esc). */
  public void cancelShape() {
    polygon.clear();
    dragStart = null;
    previews.getChildren().clear();
  }

  private void shape(String name, Painter.Region region) {
    if (!document.paintRegion(name, region, host.currentLabel()).isEmpty()) {
      host.editDone();
    }
  }

  private void updatePreview(Point2D p) {
    previews.getChildren().clear();
    Color c = Color.web(document.palette().get(host.currentLabel()).hexColor(), 0.7);
    double stroke = 1.5 / zoom.getX();
    switch (host.tool()) {
      case LINE -> {
        Line l = new Line(dragStart.getX(), dragStart.getY(), p.getX(), p.getY());
        l.setStroke(c);
        l.setStrokeWidth(host.brushSize());
        previews.getChildren().add(l);
      }
      case RECTANGLE -> {
        Rectangle r =
            new Rectangle(
                Math.min(dragStart.getX(), p.getX()),
                Math.min(dragStart.getY(), p.getY()),
                Math.abs(p.getX() - dragStart.getX()),
                Math.abs(p.getY() - dragStart.getY()));
        r.setFill(c);
        previews.getChildren().add(r);
      }
      case ELLIPSE -> {
        Ellipse el =
            new Ellipse(
                (dragStart.getX() + p.getX()) / 2,
                (dragStart.getY() + p.getY()) / 2,
                Math.abs(p.getX() - dragStart.getX()) / 2,
                Math.abs(p.getY() - dragStart.getY()) / 2);
        el.setFill(c);
        previews.getChildren().add(el);
      }
      case POLYGON, LASSO -> {
        Polyline pl = new Polyline();
        for (Point2D q : polygon) {
          pl.getPoints().addAll(q.getX(), q.getY());
        }
        pl.setStroke(Color.WHITE);
        pl.setStrokeWidth(stroke);
        pl.setFill(c);
        previews.getChildren().add(pl);
      }
      default -> {}
    }
  }

  private boolean inside(int x, int y) {
    return x >= 0 && y >= 0 && x < document.width() && y < document.height();
  }

  private void scrolled(ScrollEvent e) {
    double factor = e.getDeltaY() > 0 ? 1.25 : 0.8;
    double s = Math.max(0.02, Math.min(32, zoom.getX() * factor));
    Point2D anchor = toCanvas(e.getX(), e.getY());
    setZoom(s);
    pan.setX(e.getX() - anchor.getX() * s);
    pan.setY(e.getY() - anchor.getY() * s);
    e.consume();
  }
}
