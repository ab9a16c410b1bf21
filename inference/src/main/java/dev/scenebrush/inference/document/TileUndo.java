package dev.scenebrush.inference.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one edit as the tiles it touched: before the first change to a tile its labels and
 * instance ids are saved; when the edit ends the tiles' new content is saved too. Memory grows with
 * what an edit touched, never with the canvas.
 */
public final class TileUndo {
  public static final int TILE = 64;

  private final LabelMap labels;
  private final InstanceMap instances;
  private final Map<Integer, byte[]> labelsBefore = new HashMap<>();
  private final Map<Integer, short[]> idsBefore = new HashMap<>();

  public TileUndo(LabelMap labels, InstanceMap instances) {
    this.labels = labels;
    this.instances = instances;
  }

  /** Call before changing any pixel inside rect. */
  public void touch(DirtyRect rect) {
    if (rect.isEmpty()) {
      return;
    }
    int tilesX = (labels.width() + TILE - 1) / TILE;
    int tx0 = Math.max(0, rect.x() / TILE);
    int ty0 = Math.max(0, rect.y() / TILE);
    int tx1 = Math.min(tilesX - 1, (rect.x() + rect.width() - 1) / TILE);
    int ty1 =
        Math.min((labels.height() + TILE - 1) / TILE - 1, (rect.y() + rect.height() - 1) / TILE);
    for (int ty = ty0; ty <= ty1; ty++) {
      for (int tx = tx0; tx <= tx1; tx++) {
        int key = ty * tilesX + tx;
        if (!labelsBefore.containsKey(key)) {
          labelsBefore.put(key, copyLabels(tx, ty));
          idsBefore.put(key, copyIds(tx, ty));
        }
      }
    }
  }

  public boolean isEmpty() {
    return labelsBefore.isEmpty();
  }

  /** Ends recording: an edit holding before and after of every touched tile that changed. */
  public PixelEdit finish(String name) {
    int tilesX = (labels.width() + TILE - 1) / TILE;
    List<PixelEdit.Tile> tiles = new ArrayList<>();
    DirtyRect bounds = DirtyRect.EMPTY;
    for (Map.Entry<Integer, byte[]> e : labelsBefore.entrySet()) {
      int key = e.getKey();
      int tx = key % tilesX;
      int ty = key / tilesX;
      byte[] la = copyLabels(tx, ty);
      short[] ia = copyIds(tx, ty);
      byte[] lb = e.getValue();
      short[] ib = idsBefore.get(key);
      if (Arrays.equals(la, lb) && Arrays.equals(ia, ib)) {
        continue;
      }
      DirtyRect r = tileRect(tx, ty);
      tiles.add(new PixelEdit.Tile(r, lb, la, ib, ia));
      bounds = bounds.union(r);
    }
    labelsBefore.clear();
    idsBefore.clear();
    return new PixelEdit(name, tiles, bounds);
  }

  private DirtyRect tileRect(int tx, int ty) {
    int x = tx * TILE;
    int y = ty * TILE;
    return new DirtyRect(
        x, y, Math.min(TILE, labels.width() - x), Math.min(TILE, labels.height() - y));
  }

  private byte[] copyLabels(int tx, int ty) {
    DirtyRect r = tileRect(tx, ty);
    byte[] out = new byte[r.width() * r.height()];
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(
          labels.raw(), (r.y() + y) * labels.width() + r.x(), out, y * r.width(), r.width());
    }
    return out;
  }

  private short[] copyIds(int tx, int ty) {
    DirtyRect r = tileRect(tx, ty);
    short[] out = new short[r.width() * r.height()];
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(
          instances.raw(), (r.y() + y) * instances.width() + r.x(), out, y * r.width(), r.width());
    }
    return out;
  }
}
