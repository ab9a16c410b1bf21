package dev.scenebrush.inference.document;

import java.util.List;

/** A finished pixel edit: per touched tile, labels and instance ids before and after. */
public record PixelEdit(String name, List<Tile> tiles, DirtyRect bounds) {
  public record Tile(
      DirtyRect rect,
      byte[] labelsBefore,
      byte[] labelsAfter,
      short[] idsBefore,
      short[] idsAfter) {}

  public boolean isEmpty() {
    return tiles.isEmpty();
  }

  public long bytes() {
    long n = 0;
    for (Tile t : tiles) {
      n += 2L * t.labelsBefore().length + 4L * t.idsBefore().length + 64;
    }
    return n;
  }

  public void undo(LabelMap labels, InstanceMap ids) {
    for (Tile t : tiles) {
      write(labels, ids, t.rect(), t.labelsBefore(), t.idsBefore());
    }
  }

  public void redo(LabelMap labels, InstanceMap ids) {
    for (Tile t : tiles) {
      write(labels, ids, t.rect(), t.labelsAfter(), t.idsAfter());
    }
  }

  private static void write(LabelMap labels, InstanceMap ids, DirtyRect r, byte[] l, short[] i) {
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(
          l, y * r.width(), labels.raw(), (r.y() + y) * labels.width() + r.x(), r.width());
      System.arraycopy(i, y * r.width(), ids.raw(), (r.y() + y) * ids.width() + r.x(), r.width());
    }
  }
}
