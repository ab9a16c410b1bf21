package dev.scenebrush.inference.document;

import java.nio.IntBuffer;

/** Writes label colours for a dirty rectangle into a display buffer (what the canvas shows). */
public final class LabelPixels {
  private LabelPixels() {}

  public static void write(LabelMap labels, DirtyRect d, int[] lut, IntBuffer out) {
    byte[] raw = labels.raw();
    int w = labels.width();
    for (int y = d.y(); y < d.y() + d.height(); y++) {
      int row = y * w;
      for (int x = d.x(); x < d.x() + d.width(); x++) {
        out.put(row + x, lut[raw[row + x] & 0xFF]);
      }
    }
  }
}
