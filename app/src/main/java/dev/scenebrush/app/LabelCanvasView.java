package dev.scenebrush.app;

import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.palette.Palette;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The label canvas: the document's labels shown in palette colours through a pixel buffer that is
 * updated only where an edit touched, with zoom (wheel, around the cursor) and pan (middle or right
 * drag). Left-drag applies the current tool.
 */
public final class LabelCanvasView extends Pane {
  private final Document document;
  private final IntBuffer pixels;
  private final PixelBuffer<IntBuffer> buffer;
  private final ImageView view;
  private final Scale zoom = new Scale(1, 1, 0, 0);
  private final Translate pan = new Translate();
  private final Supplier<Tool> tool;
  private final IntSupplier currentLabel;
  private final IntSupplier brushSize;
  private final Runnable onStrokeDone;
  private Point2D last;
  private Point2D panStart;
  private boolean stroking;

  public LabelCanvasView(
      Document document,
      Supplier<Tool> tool,
      IntSupplier currentLabel,
      IntSupplier brushSize,
      Runnable onStrokeDone) {
    this.document = document;
    this.tool = tool;
    this.currentLabel = currentLabel;
    this.brushSize = brushSize;
    this.onStrokeDone = onStrokeDone;
    int w = document.width();
    int h = document.height();
    pixels = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    buffer = new PixelBuffer<>(w, h, pixels, PixelFormat.getIntArgbPreInstance());
    view = new ImageView(new WritableImage(buffer));
    view.setSmooth(false); // labels stay crisp when zoomed in
    view.getTransforms().addAll(pan, zoom);
    getChildren().add(view);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    setStyle("-fx-background-color: #3a3a3a;");
    setId("label-canvas");
    document.onChange(this::repaint);
    repaint(new DirtyRect(0, 0, w, h));
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(ScrollEvent.SCROLL, this::scrolled);
  }

  /** Zoom so the whole canvas fits the view, centred. */
  public void zoomToFit() {
    double w = getWidth() > 0 ? getWidth() : getPrefWidth();
    double h = getHeight() > 0 ? getHeight() : getPrefHeight();
    if (w <= 0 || h <= 0) {
      return;
    }
    double s = Math.min(w / document.width(), h / document.height());
    zoom.setX(s);
    zoom.setY(s);
    pan.setX((w - document.width() * s) / 2);
    pan.setY((h - document.height() * s) / 2);
  }

  public double zoomFactor() {
    return zoom.getX();
  }

  /** Canvas pixel under a point in this view's coordinates. */
  public Point2D toCanvas(double viewX, double viewY) {
    return new Point2D((viewX - pan.getX()) / zoom.getX(), (viewY - pan.getY()) / zoom.getY());
  }

  /** The point in this view's coordinates that shows canvas pixel (x, y)'s centre. */
  public Point2D toView(double canvasX, double canvasY) {
    return new Point2D(canvasX * zoom.getX() + pan.getX(), canvasY * zoom.getY() + pan.getY());
  }

  private void repaint(DirtyRect d) {
    Palette palette = document.palette();
    int w = document.width();
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      // UNKNOWN shows as a neutral checker-free grey so unpainted areas read as "empty".
      lut[i] = i == Palette.UNKNOWN ? 0xFF2B2B2B : 0xFF000000 | palette.colorOf(i);
    }
    buffer.updateBuffer(
        b -> {
          for (int y = d.y(); y < d.y() + d.height(); y++) {
            for (int x = d.x(); x < d.x() + d.width(); x++) {
              pixels.put(y * w + x, lut[document.labelAt(x, y)]);
            }
          }
          return new Rectangle2D(d.x(), d.y(), d.width(), d.height());
        });
  }

  private void pressed(MouseEvent e) {
    if (e.getButton() != MouseButton.PRIMARY) {
      panStart = new Point2D(e.getX() - pan.getX(), e.getY() - pan.getY());
      return;
    }
    Point2D p = toCanvas(e.getX(), e.getY());
    switch (tool.get()) {
      case FILL -> {
        int x = (int) Math.floor(p.getX());
        int y = (int) Math.floor(p.getY());
        if (x >= 0 && y >= 0 && x < document.width() && y < document.height()) {
          if (!document.fill(x, y, currentLabel.getAsInt()).isEmpty()) {
            onStrokeDone.run();
          }
        }
      }
      case BRUSH, ERASER -> {
        stroking = true;
        last = p;
        document.paintLine(
            p.getX(), p.getY(), p.getX(), p.getY(), brushSize.getAsInt(), strokeLabel());
      }
    }
  }

  private void dragged(MouseEvent e) {
    if (panStart != null) {
      pan.setX(e.getX() - panStart.getX());
      pan.setY(e.getY() - panStart.getY());
      return;
    }
    if (!stroking) {
      return;
    }
    Point2D p = toCanvas(e.getX(), e.getY());
    document.paintLine(
        last.getX(), last.getY(), p.getX(), p.getY(), brushSize.getAsInt(), strokeLabel());
    last = p;
  }

  private void released(MouseEvent e) {
    panStart = null;
    if (stroking) {
      stroking = false;
      onStrokeDone.run();
    }
  }

  private int strokeLabel() {
    return tool.get() == Tool.ERASER ? Palette.UNKNOWN : currentLabel.getAsInt();
  }

  private void scrolled(ScrollEvent e) {
    double factor = e.getDeltaY() > 0 ? 1.25 : 0.8;
    double s = Math.max(0.05, Math.min(32, zoom.getX() * factor));
    Point2D anchor = toCanvas(e.getX(), e.getY());
    zoom.setX(s);
    zoom.setY(s);
    pan.setX(e.getX() - anchor.getX() * s);
    pan.setY(e.getY() - anchor.getY() * s);
    e.consume();
  }
}
