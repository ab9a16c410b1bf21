package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.Palette;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scene's object records and how many pixels each object holds. The counts let an edit drop
 * objects it painted over without scanning the map; a {@link State} is what an undo step restores.
 */
final class InstanceTable {
  /** The records and the next id to hand out, as an undo step saves them. */
  record State(Map<Integer, Instance> records, int nextId) {}

  private final Map<Integer, Instance> records = new LinkedHashMap<>();
  private final int[] pixelCount = new int[Instance.MAX_ID + 1];
  private int nextId = 1;

  private InstanceTable() {}

  static InstanceTable empty() {
    return new InstanceTable();
  }

  /**
   * The table of loaded maps: every id must be listed once with a thing class, and every pixel of
   * an object must carry the object's class.
   */
  static InstanceTable of(
      Palette palette, LabelMap labels, InstanceMap ids, List<Instance> instances) {
    if (labels.width() != ids.width() || labels.height() != ids.height()) {
      throw new IllegalArgumentException(
          "label map is "
              + labels.width()
              + "x"
              + labels.height()
              + " but instance map is "
              + ids.width()
              + "x"
              + ids.height());
    }
    InstanceTable table = new InstanceTable();
    for (Instance i : instances) {
      if (table.records.put(i.id(), i) != null) {
        throw new IllegalArgumentException("instance id " + i.id() + " appears twice");
      }
      if (i.classIndex() < 0
          || i.classIndex() >= palette.size()
          || !palette.get(i.classIndex()).isThing()) {
        throw new IllegalArgumentException(
            "instance " + i.id() + " has class " + i.classIndex() + ", which is not a thing class");
      }
      table.nextId = Math.max(table.nextId, i.id() + 1);
    }
    short[] raw = ids.raw();
    byte[] lab = labels.raw();
    for (int p = 0; p < raw.length; p++) {
      int id = raw[p] & 0xFFFF;
      if (id != 0) {
        table.checkPixel(id, lab[p] & 0xFF, p % ids.width(), p / ids.width());
        table.pixelCount[id]++;
      }
    }
    return table;
  }

  private void checkPixel(int id, int label, int x, int y) {
    Instance inst = records.get(id);
    String pixel = "pixel (" + x + ", " + y + ")";
    if (inst == null) {
      throw new IllegalArgumentException(
          pixel + " belongs to instance " + id + ", which is not in the instance list");
    }
    if (label != inst.classIndex()) {
      throw new IllegalArgumentException(
          pixel
              + " of instance "
              + id
              + " is labelled "
              + label
              + ", not the instance's class "
              + inst.classIndex());
    }
  }

  Instance get(int id) {
    return records.get(id);
  }

  List<Instance> list() {
    return List.copyOf(records.values());
  }

  int pixelCount(int id) {
    return id < 1 || id > Instance.MAX_ID ? 0 : pixelCount[id];
  }

  /**
   * The id a new object gets: the next unused one, or once ids have run up to MAX_ID (a loaded
   * project may hold id 65535), the lowest id no live object holds. Earlier history states stay
   * consistent: each restores its own table and pixels together.
   */
  int freeId() {
    if (nextId <= Instance.MAX_ID) {
      return nextId;
    }
    for (int id = 1; id <= Instance.MAX_ID; id++) {
      if (!records.containsKey(id) && pixelCount[id] == 0) {
        return id;
      }
    }
    throw new IllegalStateException(
        "this scene already has " + Instance.MAX_ID + " objects; delete one to make another");
  }

  /** Records a new object; seed 0: it takes the scene's look until the artist re-rolls it. */
  int create(int id, int classIndex, RenderMode mode) {
    return put(new Instance(id, classIndex, 0, mode, false));
  }

  int put(Instance inst) {
    nextId = Math.max(nextId, inst.id() + 1);
    records.put(inst.id(), inst);
    return inst.id();
  }

  State state() {
    return new State(Collections.unmodifiableMap(new LinkedHashMap<>(records)), nextId);
  }

  void restore(State state) {
    records.clear();
    records.putAll(state.records());
    nextId = state.nextId();
  }

  /** Applies an edit's effect on pixel counts (undo: after -> before; redo: before -> after). */
  void count(PixelEdit edit, boolean undoing) {
    for (PixelEdit.Tile t : edit.tiles()) {
      short[] from = undoing ? t.idsAfter() : t.idsBefore();
      short[] to = undoing ? t.idsBefore() : t.idsAfter();
      for (int i = 0; i < from.length; i++) {
        pixelCount[from[i] & 0xFFFF]--;
        pixelCount[to[i] & 0xFFFF]++;
      }
    }
  }

  /** Drops objects left with no pixels (painted over, or a stroke that changed nothing). */
  void dropEmpty() {
    records.values().removeIf(i -> pixelCount[i.id()] == 0);
  }
}
