package dev.scenebrush.app.canvas;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.document.DirtyRect;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The pixel layer over the labels: object edges, the selected object's tint and outline, and
 * painted style regions, redrawn only where an edit touched.
 */
final class LabelOverlay {
  /** Premultiplied translucent tints for regional styles. */
  private static final int[] REGION_TINTS = {
    0x5500AA55, 0x55AA0055, 0x550055AA, 0x55AA5500, 0x5555AA00, 0x555500AA
  };

  private final Document document;
  private final IntBuffer pixels;
  private final PixelBuffer<IntBuffer> buffer;
  private final ImageView view;
  boolean showEdges;
  boolean showRegions;
  int selected;

  LabelOverlay(Document document) {
    this.document = document;
    int w = document.width();
    int h = document.height();
    IntBuffer shared =
        ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    buffer = new PixelBuffer<>(w, h, shared, PixelFormat.getIntArgbPreInstance());
    // The texture upload moves the shared buffer's limit and position on the render thread
    // (Prism's packed copy of a dirty rectangle); writes go through a view of our own, so they
    // never meet a limit set half-way through an upload.
    pixels = shared.duplicate();
    view = new ImageView(new WritableImage(buffer));
    view.setSmooth(false);
    view.setMouseTransparent(true);
  }

  /** The buffer the image shows (shared with the renderer). */
  PixelBuffer<IntBuffer> buffer() {
    return buffer;
  }

  ImageView view() {
    return view;
  }

  void repaintAll() {
    repaint(new DirtyRect(0, 0, document.width(), document.height()));
  }

  void repaint(DirtyRect d0) {
    int w = document.width();
    int h = document.height();
    // Edges depend on neighbours: widen by one pixel.
    int x0 = Math.max(0, d0.x() - 1);
    int y0 = Math.max(0, d0.y() - 1);
    int x1 = Math.min(w, d0.x() + d0.width() + 1);
    int y1 = Math.min(h, d0.y() + d0.height() + 1);
    short[] id = document.scene().instanceMap().raw();
    boolean edges = showEdges;
    int sel = selected;
    byte[] regions = showRegions ? document.regions() : null;
    buffer.updateBuffer(
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
              pixels.put(i, argb);
            }
          }
          return new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
        });
  }

  private static boolean isEdge(short[] id, int i, int x, int y, int w, int h) {
    short v = id[i];
    return (x > 0 && id[i - 1] != v)
        || (x < w - 1 && id[i + 1] != v)
        || (y > 0 && id[i - w] != v)
        || (y < h - 1 && id[i + w] != v);
  }
}
