package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.Palette;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What the artist edits: the label map, the instance map and the instance table, with undo and
 * redo. Every change goes through the command methods; each stroke, fill, shape or instance
 * operation is one undo step ({@link SceneRecorder}), stored as the tiles it touched (memory
 * bounded by {@link History#limitBytes()}).
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

  private final SceneRecorder recorder;

  // stroke in progress
  private int strokeLabel;
  private int strokeId;
  private int strokeDiameter;
  private String strokeName;

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
    this.recorder = new SceneRecorder(labels, ids, table, history);
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
    return recorder.history();
  }

  public boolean canUndo() {
    return recorder.history().canUndo();
  }

  public boolean canRedo() {
    return recorder.history().canRedo();
  }

  public Optional<String> undoName() {
    return recorder.history().undoName();
  }

  public int undoDepth() {
    return recorder.history().depth();
  }

  public long historyBytes() {
    return recorder.history().bytes();
  }

  public void onPixels(Consumer<DirtyRect> l) {
    recorder.onPixels(l);
  }

  public void onInstances(Runnable l) {
    recorder.onInstances(l);
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
    recorder.start();
    strokeName = name;
    strokeLabel = label;
    strokeDiameter = Math.max(1, diameter);
    strokeId = creates ? table.create(id, label, newObjectModes.apply(label)) : id;
    strokeTo(x, y, x, y);
  }

  /** Continues the stroke with a segment. */
  public DirtyRect strokeTo(double ax, double ay, double bx, double by) {
    if (!recorder.inProgress()) {
      throw new IllegalStateException("no stroke in progress");
    }
    DirtyRect bounds = Painter.lineBounds(labels, ax, ay, bx, by, strokeDiameter);
    recorder.touch(bounds);
    DirtyRect d = Painter.line(labels, ids, ax, ay, bx, by, strokeDiameter, strokeLabel, strokeId);
    firePixels(d);
    return d;
  }

  /** Ends the stroke: one undo step (nothing if no pixel changed). */
  public void endStroke() {
    if (recorder.inProgress()) {
      recorder.commit(strokeName);
    }
  }

  public boolean strokeInProgress() {
    return recorder.inProgress();
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
    recorder.start();
    int id = isThing(label) ? table.create(free, label, newObjectModes.apply(label)) : 0;
    recorder.touch(region.bounds());
    Painter.apply(labels, ids, region, label, id);
    firePixels(region.bounds());
    recorder.commit(name);
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
    recorder.start();
    table.put(changed);
    recorder.commit("Change " + palette.get(old.classIndex()).name());
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
    recorder.start();
    DirtyRect all = DirtyRect.EMPTY;
    for (DirtyRect r : touched) {
      recorder.touch(r);
      all = all.union(r);
    }
    try {
      change.run();
    } finally {
      // Even a change that failed half-way leaves the scene editable, its part undoable.
      firePixels(all);
      recorder.commit(name);
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
    return recorder.undo();
  }

  public DirtyRect redo() {
    return recorder.redo();
  }

  // ------------------------------------------------------------------ internals

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
    recorder.firePixels(d);
  }
}
