package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.Palette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What the artist edits: the label map, the instance map and the instance table, with undo and
 * redo. Every change goes through the command methods; each stroke, fill, shape or instance
 * operation is one undo step, stored as the tiles it touched (memory bounded by {@link
 * History#limitBytes()}).
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
  private final InstanceTable table;
  private IntFunction<RenderMode> newObjectModes = c -> RenderMode.BASE;

  private final History history;
  private final List<Consumer<DirtyRect>> pixelListeners = new ArrayList<>();
  private final List<Runnable> tableListeners = new ArrayList<>();

  // stroke in progress
  private TileUndo recording;
  private InstanceTable.State tableAtStart;
  private int strokeLabel;
  private int strokeId;
  private int strokeDiameter;
  private String strokeName;

  /** A pixel or object edit: the touched tiles and the object table before and after. */
  private final class Step implements Edit {
    private final String name;
    private final PixelEdit pixels;
    private final InstanceTable.State before;
    private final InstanceTable.State after;

    Step(String name, PixelEdit pixels, InstanceTable.State before, InstanceTable.State after) {
      this.name = name;
      this.pixels = pixels;
      this.before = before;
      this.after = after;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long bytes() {
      return pixels.bytes() + 64L * (before.records().size() + after.records().size());
    }

    @Override
    public void undo() {
      pixels.undo(labels, ids);
      table.count(pixels, true);
      table.restore(before);
      firePixels(pixels.bounds());
      fireTable();
    }

    @Override
    public void redo() {
      pixels.redo(labels, ids);
      table.count(pixels, false);
      table.restore(after);
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
    this.table = InstanceTable.of(palette, labels, ids, instances);
    this.history = history;
    this.palette = palette;
    this.labels = labels;
    this.ids = ids;
  }

  /**
   * The render mode objects painted from now on start in, by class (the pack's choice,
   * ModelPack.newObjectMode); base until set. Objects that exist keep theirs.
   */
  public void setNewObjectModes(IntFunction<RenderMode> modes) {
    this.newObjectModes = Objects.requireNonNull(modes);
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
    return table.list();
  }

  public Optional<Instance> instance(int id) {
    return Optional.ofNullable(table.get(id));
  }

  public int pixelCount(int id) {
    return table.pixelCount(id);
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
        id = table.freeId(); // before recording: a full table must not leave a stroke half-open
        creates = true;
      }
    }
    startRecording();
    strokeName = name;
    strokeLabel = label;
    strokeDiameter = Math.max(1, diameter);
    strokeId = creates ? table.create(id, label, newObjectModes.apply(label)) : id;
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
    int free = isThing(label) ? table.freeId() : 0;
    startRecording();
    int id = isThing(label) ? table.create(free, label, newObjectModes.apply(label)) : 0;
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
    DirtyRect all = new DirtyRect(0, 0, width(), height());
    // Objects go with their pixels: the commit drops records left without any.
    record(
        name,
        List.of(all),
        () -> {
          System.arraycopy(src, 0, labels.raw(), 0, src.length);
          Arrays.fill(ids.raw(), (short) 0);
        });
    return all;
  }

  /** Removes an instance: its pixels become UNKNOWN. */
  public void deleteInstance(int id) {
    ObjectMoves.delete(this, id);
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
    table.put(changed);
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
    int id = table.freeId();
    return table.put(new Instance(id, like.classIndex(), like.seed(), like.mode(), like.locked()));
  }

  /** Bounding box of an instance's pixels (EMPTY if it has none). */
  public DirtyRect boundsOf(int id) {
    return pixelCount(id) == 0 ? DirtyRect.EMPTY : ids.boundsOf(id);
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
    tableAtStart = table.state();
  }

  private void commit(String name) {
    PixelEdit edit = recording.finish(name);
    recording = null;
    table.count(edit, false);
    table.dropEmpty();
    InstanceTable.State after = table.state();
    if (edit.isEmpty() && after.records().equals(tableAtStart.records())) {
      table.restore(tableAtStart); // the id a no-op stroke took is free again
      return;
    }
    history.push(new Step(name, edit, tableAtStart, after));
    fireTable();
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
