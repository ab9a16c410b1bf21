package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.Palette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the artist edits: the label map, the instance map and the instance table, with undo and
 * redo. Every change goes through the command methods; each stroke, fill, shape or instance
 * operation is one undo step, stored as the tiles it touched (memory bounded by {@link
 * #historyLimitBytes()}).
 */
public final class Scene {
  /** How a stroke of a thing class treats instances. */
  public enum InstancePolicy {
    /** Extend the instance the stroke starts on if it has the same class, else start a new one. */
    AUTO,
    /** Always start a new instance. */
    NEW
  }

  private final Palette palette;
  private final LabelMap labels;
  private final InstanceMap ids;
  private final Map<Integer, Instance> table = new LinkedHashMap<>();
  private final int[] pixelCount = new int[Instance.MAX_ID + 1];
  private int nextId = 1;

  private final History history;
  private final List<Consumer<DirtyRect>> pixelListeners = new ArrayList<>();
  private final List<Runnable> tableListeners = new ArrayList<>();

  // stroke in progress
  private TileUndo recording;
  private Map<Integer, Instance> tableAtStart;
  private int nextIdAtStart;
  private int strokeLabel;
  private int strokeId;
  private int strokeDiameter;
  private String strokeName;

  /** A pixel or object edit: the touched tiles and the object table before and after. */
  private final class Step implements Edit {
    private final String name;
    private final PixelEdit pixels;
    private final Map<Integer, Instance> tableBefore;
    private final Map<Integer, Instance> tableAfter;
    private final int nextIdBefore;
    private final int nextIdAfter;

    Step(
        String name,
        PixelEdit pixels,
        Map<Integer, Instance> tableBefore,
        Map<Integer, Instance> tableAfter,
        int nextIdBefore,
        int nextIdAfter) {
      this.name = name;
      this.pixels = pixels;
      this.tableBefore = tableBefore;
      this.tableAfter = tableAfter;
      this.nextIdBefore = nextIdBefore;
      this.nextIdAfter = nextIdAfter;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long bytes() {
      return pixels.bytes() + 64L * (tableBefore.size() + tableAfter.size());
    }

    @Override
    public void undo() {
      pixels.undo(labels, ids);
      countTiles(pixels, true);
      restoreTable(tableBefore, nextIdBefore);
      firePixels(pixels.bounds());
      fireTable();
    }

    @Override
    public void redo() {
      pixels.redo(labels, ids);
      countTiles(pixels, false);
      restoreTable(tableAfter, nextIdAfter);
      firePixels(pixels.bounds());
      fireTable();
    }
  }

  public Scene(Palette palette, int width, int height) {
    this(palette, new LabelMap(width, height), new InstanceMap(width, height), List.of());
  }

  /** A scene from loaded maps; the instance table must match the instance map. */
  public Scene(Palette palette, LabelMap labels, InstanceMap ids, List<Instance> instances) {
    this(palette, labels, ids, instances, new History());
  }

  /** As above, recording its edits on the given history (shared with the painting's styles). */
  public Scene(
      Palette palette,
      LabelMap labels,
      InstanceMap ids,
      List<Instance> instances,
      History history) {
    this.history = history;
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
    this.palette = palette;
    this.labels = labels;
    this.ids = ids;
    for (Instance i : instances) {
      if (table.put(i.id(), i) != null) {
        throw new IllegalArgumentException("instance id " + i.id() + " appears twice");
      }
      if (i.classIndex() < 0
          || i.classIndex() >= palette.size()
          || !palette.get(i.classIndex()).isThing()) {
        throw new IllegalArgumentException(
            "instance " + i.id() + " has class " + i.classIndex() + ", which is not a thing class");
      }
      nextId = Math.max(nextId, i.id() + 1);
    }
    short[] raw = ids.raw();
    byte[] lab = labels.raw();
    for (int p = 0; p < raw.length; p++) {
      int id = raw[p] & 0xFFFF;
      if (id == 0) {
        continue;
      }
      Instance inst = table.get(id);
      if (inst == null) {
        throw new IllegalArgumentException(
            "pixel ("
                + p % ids.width()
                + ", "
                + p / ids.width()
                + ") belongs to instance "
                + id
                + ", which is not in the instance list");
      }
      if ((lab[p] & 0xFF) != inst.classIndex()) {
        throw new IllegalArgumentException(
            "pixel ("
                + p % ids.width()
                + ", "
                + p / ids.width()
                + ") of instance "
                + id
                + " is labelled "
                + (lab[p] & 0xFF)
                + ", not the instance's class "
                + inst.classIndex());
      }
      pixelCount[id]++;
    }
  }

  // ------------------------------------------------------------------ reading

  public Palette palette() {
    return palette;
  }

  public int width() {
    return labels.width();
  }

  public int height() {
    return labels.height();
  }

  public int labelAt(int x, int y) {
    return labels.get(x, y);
  }

  public int instanceAt(int x, int y) {
    return ids.get(x, y);
  }

  public LabelMap labelsSnapshot() {
    return labels.copy();
  }

  public InstanceMap instancesSnapshot() {
    return ids.copy();
  }

  /** Read-only view of the live label map (for display and saving; do not write). */
  public LabelMap labels() {
    return labels;
  }

  public InstanceMap instanceMap() {
    return ids;
  }

  public List<Instance> instances() {
    return List.copyOf(table.values());
  }

  public Optional<Instance> instance(int id) {
    return Optional.ofNullable(table.get(id));
  }

  public int pixelCount(int id) {
    return id < 1 || id > Instance.MAX_ID ? 0 : pixelCount[id];
  }

  /** The painting's one undo history; other edits (styles, seeds) are pushed onto it too. */
  public History history() {
    return history;
  }

  public boolean canUndo() {
    return history.canUndo();
  }

  public boolean canRedo() {
    return history.canRedo();
  }

  public Optional<String> undoName() {
    return history.undoName();
  }

  public int undoDepth() {
    return history.depth();
  }

  public long historyBytes() {
    return history.bytes();
  }

  public long historyLimitBytes() {
    return history.limitBytes();
  }

  public void setHistoryLimitBytes(long limit) {
    history.setLimitBytes(limit);
  }

  public void onPixels(Consumer<DirtyRect> l) {
    pixelListeners.add(l);
  }

  public void onInstances(Runnable l) {
    tableListeners.add(l);
  }

  // ------------------------------------------------------------------ strokes

  /** Starts a stroke (brush, eraser, line) at (x, y); UNKNOWN erases. */
  public void beginStroke(
      String name, double x, double y, int diameter, int label, InstancePolicy policy) {
    checkLabel(label);
    int id = 0;
    boolean creates = false;
    if (isThing(label)) {
      int under = inside((int) x, (int) y) ? ids.get((int) x, (int) y) : 0;
      Instance existing = table.get(under);
      if (policy == InstancePolicy.AUTO && existing != null && existing.classIndex() == label) {
        id = under;
      } else {
        id = freeId(); // before recording: a full table must not leave a stroke half-open
        creates = true;
      }
    }
    startRecording();
    strokeName = name;
    strokeLabel = label;
    strokeDiameter = Math.max(1, diameter);
    strokeId = creates ? createInstance(id, label) : id;
    strokeTo(x, y, x, y);
  }

  /** Continues the stroke with a segment. */
  public DirtyRect strokeTo(double ax, double ay, double bx, double by) {
    if (recording == null) {
      throw new IllegalStateException("no stroke in progress");
    }
    DirtyRect bounds = Painter.lineBounds(labels, ax, ay, bx, by, strokeDiameter);
    recording.touch(bounds);
    DirtyRect d = Painter.line(labels, ids, ax, ay, bx, by, strokeDiameter, strokeLabel, strokeId);
    firePixels(d);
    return d;
  }

  /** Ends the stroke: one undo step (nothing if no pixel changed). */
  public void endStroke() {
    if (recording != null) {
      commit(strokeName);
    }
  }

  public boolean strokeInProgress() {
    return recording != null;
  }

  // ------------------------------------------------------------------ one-shot edits

  /** 4-connected exact fill of the region (same label and instance) under (x, y). */
  public DirtyRect fill(int x, int y, int label) {
    checkLabel(label);
    if (!inside(x, y)) {
      return DirtyRect.EMPTY;
    }
    if (labels.get(x, y) == label && !isThing(label)) {
      return DirtyRect.EMPTY;
    }
    return paintRegion("Fill", Painter.region(labels, ids, x, y), label);
  }

  /** Fills a rectangle, ellipse or polygon region (from {@link Painter}) with a label. */
  public DirtyRect paintRegion(String name, Painter.Region region, int label) {
    checkLabel(label);
    if (region.bounds().isEmpty()) {
      return DirtyRect.EMPTY;
    }
    int free = isThing(label) ? freeId() : 0;
    startRecording();
    int id = isThing(label) ? createInstance(free, label) : 0;
    recording.touch(region.bounds());
    Painter.apply(labels, ids, region, label, id);
    firePixels(region.bounds());
    commit(name);
    return region.bounds();
  }

  /**
   * Replaces every label with those of a map of the same size (an imported label map) as one undo
   * step; objects go, since the new labels carry none.
   */
  public DirtyRect replaceLabels(String name, LabelMap replacement) {
    if (replacement.width() != width() || replacement.height() != height()) {
      throw new IllegalArgumentException(
          "the label map is "
              + replacement.width()
              + "x"
              + replacement.height()
              + " but the painting is "
              + width()
              + "x"
              + height());
    }
    byte[] src = replacement.raw();
    for (int p = 0; p < src.length; p++) {
      checkLabel(src[p] & 0xFF);
    }
    startRecording();
    DirtyRect all = new DirtyRect(0, 0, width(), height());
    recording.touch(all);
    System.arraycopy(src, 0, labels.raw(), 0, src.length);
    // Pixel counts follow from the recorded tiles when the step is committed.
    Arrays.fill(ids.raw(), (short) 0);
    table.clear();
    firePixels(all);
    commit(name);
    return all;
  }

  /** Removes an instance: its pixels become UNKNOWN. */
  public void deleteInstance(int id) {
    Instance inst = table.get(id);
    if (inst == null) {
      return;
    }
    startRecording();
    DirtyRect bounds = boundsOf(id);
    recording.touch(bounds);
    short[] raw = ids.raw();
    byte[] lab = labels.raw();
    int w = width();
    for (int y = bounds.y(); y < bounds.y() + bounds.height(); y++) {
      for (int x = bounds.x(); x < bounds.x() + bounds.width(); x++) {
        int p = y * w + x;
        if ((raw[p] & 0xFFFF) == id) {
          raw[p] = 0;
          lab[p] = (byte) Palette.UNKNOWN;
        }
      }
    }
    table.remove(id);
    firePixels(bounds);
    commit("Delete " + palette.get(inst.classIndex()).name());
  }

  /** Changes an instance's record (mode, seed, lock) as one undo step. */
  public void updateInstance(Instance changed) {
    Instance old = table.get(changed.id());
    if (old == null || old.equals(changed)) {
      return;
    }
    if (old.classIndex() != changed.classIndex()) {
      throw new IllegalArgumentException("an instance keeps its class");
    }
    startRecording();
    table.put(changed.id(), changed);
    commit("Change " + palette.get(old.classIndex()).name());
  }

  /**
   * Moves an object by (dx, dy) as one undo step: the pixels it leaves take the class around it
   * (the generator fills them), the pixels it lands on become the object. Returns what changed.
   */
  public DirtyRect moveInstance(int id, int dx, int dy) {
    return ObjectMoves.move(this, id, dx, dy, false);
  }

  /** Mirrors an object left to right inside its bounding box, as one undo step. */
  public DirtyRect flipInstance(int id) {
    return ObjectMoves.move(this, id, 0, 0, true);
  }

  /**
   * Copies an object (class, mode and own look) offset by (dx, dy) as a new object, one undo step;
   * returns the copy's id, or 0 when nothing of it lands on the canvas.
   */
  public int duplicateInstance(int id, int dx, int dy) {
    return ObjectMoves.duplicate(this, id, dx, dy);
  }

  /**
   * Runs a change of pixels (and objects) as one undo step. Every pixel the change writes must lie
   * in one of the touched rectangles, which are saved before it runs.
   */
  void record(String name, List<DirtyRect> touched, Runnable change) {
    startRecording();
    DirtyRect all = DirtyRect.EMPTY;
    for (DirtyRect r : touched) {
      recording.touch(r);
      all = all.union(r);
    }
    try {
      change.run();
    } finally {
      // Even a change that failed half-way leaves the scene editable, its part undoable.
      firePixels(all);
      commit(name);
    }
  }

  /** A new object record like another (class, look, mode), under a free id. */
  int addInstanceLike(Instance like) {
    int id = freeId();
    createInstance(id, like.classIndex());
    table.put(id, new Instance(id, like.classIndex(), like.seed(), like.mode(), like.locked()));
    return id;
  }

  /** Bounding box of an instance's pixels (EMPTY if it has none). */
  public DirtyRect boundsOf(int id) {
    if (pixelCount(id) == 0) {
      return DirtyRect.EMPTY;
    }
    short[] raw = ids.raw();
    int w = width();
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    for (int p = 0; p < raw.length; p++) {
      if ((raw[p] & 0xFFFF) == id) {
        int x = p % w;
        int y = p / w;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    return maxX < 0 ? DirtyRect.EMPTY : new DirtyRect(minX, minY, maxX - minX + 1, maxY - minY + 1);
  }

  // ------------------------------------------------------------------ undo / redo

  /** Takes back the newest edit of any kind; returns the pixels it touched (EMPTY if none). */
  public DirtyRect undo() {
    checkIdle();
    return history.undo().map(Scene::touched).orElse(DirtyRect.EMPTY);
  }

  public DirtyRect redo() {
    checkIdle();
    return history.redo().map(Scene::touched).orElse(DirtyRect.EMPTY);
  }

  private static DirtyRect touched(Edit e) {
    return e instanceof Step s ? s.pixels.bounds() : DirtyRect.EMPTY;
  }

  private void checkIdle() {
    if (recording != null) {
      throw new IllegalStateException("finish the stroke in progress before undo or redo");
    }
  }

  // ------------------------------------------------------------------ internals

  private void startRecording() {
    if (recording != null) {
      throw new IllegalStateException("an edit is already in progress");
    }
    recording = new TileUndo(labels, ids);
    tableAtStart = new LinkedHashMap<>(table);
    nextIdAtStart = nextId;
  }

  private void commit(String name) {
    PixelEdit edit = recording.finish(name);
    recording = null;
    countTiles(edit, false);
    // Instances left with no pixels (painted over, or a stroke that changed nothing) go away.
    table.values().removeIf(i -> pixelCount[i.id()] == 0);
    boolean tableChanged = !table.equals(tableAtStart);
    if (edit.isEmpty() && !tableChanged) {
      nextId = nextIdAtStart;
      return;
    }
    Step step =
        new Step(
            name,
            edit,
            Collections.unmodifiableMap(tableAtStart),
            Collections.unmodifiableMap(new LinkedHashMap<>(table)),
            nextIdAtStart,
            nextId);
    history.push(step);
    fireTable();
  }

  /** Applies an edit's effect on pixel counts (undo: after -> before; redo: before -> after). */
  private void countTiles(PixelEdit edit, boolean undoing) {
    for (PixelEdit.Tile t : edit.tiles()) {
      short[] from = undoing ? t.idsAfter() : t.idsBefore();
      short[] to = undoing ? t.idsBefore() : t.idsAfter();
      for (int i = 0; i < from.length; i++) {
        pixelCount[from[i] & 0xFFFF]--;
        pixelCount[to[i] & 0xFFFF]++;
      }
    }
  }

  private void restoreTable(Map<Integer, Instance> state, int next) {
    table.clear();
    table.putAll(state);
    nextId = next;
  }

  /**
   * The id a new instance gets: the next unused one, or once ids have run up to MAX_ID (a loaded
   * project may hold id 65535), the lowest id no live instance holds. Earlier history states stay
   * consistent: each restores its own table and pixels together.
   */
  private int freeId() {
    if (nextId <= Instance.MAX_ID) {
      return nextId;
    }
    for (int id = 1; id <= Instance.MAX_ID; id++) {
      if (!table.containsKey(id) && pixelCount[id] == 0) {
        return id;
      }
    }
    throw new IllegalStateException(
        "this scene already has " + Instance.MAX_ID + " objects; delete one to make another");
  }

  private int createInstance(int id, int classIndex) {
    nextId = Math.max(nextId, id + 1);
    // Seed 0: the object takes the scene's look until the artist re-rolls it.
    table.put(id, new Instance(id, classIndex, 0, RenderMode.BASE, false));
    return id;
  }

  private boolean isThing(int label) {
    return label != Palette.UNKNOWN && palette.get(label).isThing();
  }

  private void checkLabel(int label) {
    if (label != Palette.UNKNOWN && (label < 0 || label >= palette.size())) {
      throw new IllegalArgumentException(
          "label " + label + " is not a class of palette '" + palette.id() + "'");
    }
  }

  private boolean inside(int x, int y) {
    return x >= 0 && y >= 0 && x < width() && y < height();
  }

  private void firePixels(DirtyRect d) {
    if (!d.isEmpty()) {
      for (Consumer<DirtyRect> l : pixelListeners) {
        l.accept(d);
      }
    }
  }

  private void fireTable() {
    for (Runnable r : tableListeners) {
      r.run();
    }
  }
}
