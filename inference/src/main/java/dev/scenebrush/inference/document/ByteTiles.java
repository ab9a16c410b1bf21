package dev.scenebrush.inference.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records an edit of a one-byte-per-pixel map (style regions) as the 64-pixel tiles it touched, so
 * its undo step holds what changed and not the whole canvas.
 */
public final class ByteTiles {
  /** One tile's pixels before and after the edit. */
  public record Tile(DirtyRect rect, byte[] before, byte[] after) {}

  private final int width;
  private final int height;
  private final Map<Integer, Tile> touched = new LinkedHashMap<>();
  private byte[] data;

  public ByteTiles(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** Call before changing any pixel of {@code data} inside rect. */
  public void touch(byte[] data, DirtyRect rect) {
    this.data = data;
    if (rect.isEmpty()) {
      return;
    }
    int t = TileUndo.TILE;
    int tilesX = (width + t - 1) / t;
    for (int ty = rect.y() / t; ty <= (rect.y() + rect.height() - 1) / t; ty++) {
      for (int tx = rect.x() / t; tx <= (rect.x() + rect.width() - 1) / t; tx++) {
        touched.computeIfAbsent(
            ty * tilesX + tx,
            k -> {
              DirtyRect r = tileRect(k % tilesX, k / tilesX);
              return new Tile(r, copy(data, r), null);
            });
      }
    }
  }

  /** The touched tiles whose pixels changed, with their new content. */
  public List<Tile> finish() {
    List<Tile> out = new ArrayList<>();
    for (Tile t : touched.values()) {
      byte[] after = copy(data, t.rect());
      if (!Arrays.equals(after, t.before())) {
        out.add(new Tile(t.rect(), t.before(), after));
      }
    }
    touched.clear();
    return out;
  }

  /** Writes each tile's before (undo) or after (redo) content into data. */
  public static void write(byte[] data, int width, List<Tile> tiles, boolean before) {
    for (Tile t : tiles) {
      byte[] src = before ? t.before() : t.after();
      DirtyRect r = t.rect();
      for (int y = 0; y < r.height(); y++) {
        System.arraycopy(src, y * r.width(), data, (r.y() + y) * width + r.x(), r.width());
      }
    }
  }

  public static long bytes(List<Tile> tiles) {
    long n = 0;
    for (Tile t : tiles) {
      n += 2L * t.before().length + 48;
    }
    return n;
  }

  private DirtyRect tileRect(int tx, int ty) {
    int t = TileUndo.TILE;
    int x = tx * t;
    int y = ty * t;
    return new DirtyRect(x, y, Math.min(t, width - x), Math.min(t, height - y));
  }

  private byte[] copy(byte[] src, DirtyRect r) {
    byte[] out = new byte[r.width() * r.height()];
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(src, (r.y() + y) * width + r.x(), out, y * r.width(), r.width());
    }
    return out;
  }
}
