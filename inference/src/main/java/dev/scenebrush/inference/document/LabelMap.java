package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.Palette;
import java.util.Arrays;

/** One class index per pixel (palette order), or {@link Palette#UNKNOWN} where not painted. */
public final class LabelMap {
  public static final int MAX_SIDE = 8192;

  private final int width;
  private final int height;
  private final byte[] labels;

  public LabelMap(int width, int height) {
    this(width, height, filled(width, height, Palette.UNKNOWN));
  }

  public LabelMap(int width, int height, byte[] labels) {
    checkSize(width, height);
    if (labels.length != width * height) {
      throw new IllegalArgumentException(
          "label data has "
              + labels.length
              + " pixels, "
              + width
              + "x"
              + height
              + " needs "
              + (long) width * height);
    }
    this.width = width;
    this.height = height;
    this.labels = labels;
  }

  public static void checkSize(int width, int height) {
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new IllegalArgumentException(
          "canvas size must be 1.." + MAX_SIDE + " on a side, got " + width + "x" + height);
    }
  }

  private static byte[] filled(int w, int h, int value) {
    checkSize(w, h);
    byte[] b = new byte[w * h];
    Arrays.fill(b, (byte) value);
    return b;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int get(int x, int y) {
    return labels[y * width + x] & 0xFF;
  }

  public void set(int x, int y, int label) {
    labels[y * width + x] = (byte) label;
  }

  /** The live backing array (row-major); callers that write must keep values valid. */
  public byte[] raw() {
    return labels;
  }

  public LabelMap copy() {
    return new LabelMap(width, height, labels.clone());
  }

  public void fill(int label) {
    Arrays.fill(labels, (byte) label);
  }

  /** Throws if any value is neither a class of the palette nor UNKNOWN. */
  public void validate(Palette palette) {
    int n = palette.size();
    for (int i = 0; i < labels.length; i++) {
      int v = labels[i] & 0xFF;
      if (v >= n && v != Palette.UNKNOWN) {
        throw new IllegalArgumentException(
            "label value "
                + v
                + " at ("
                + (i % width)
                + ", "
                + (i / width)
                + ") is not a class of palette '"
                + palette.id()
                + "' (0.."
                + (n - 1)
                + " or "
                + Palette.UNKNOWN
                + " for UNKNOWN)");
      }
    }
  }
}
