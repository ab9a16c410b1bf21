package dev.scenebrush.inference.document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a scene's changes into undo steps: one edit at a time is recorded as the tiles it touches
 * and the object table before and after, then pushed onto the painting's history. It also tells the
 * scene's listeners which pixels and objects changed, for edits as for their undo and redo.
 */
final class SceneRecorder {
  private final LabelMap labels;
  private final InstanceMap ids;
  private final InstanceTable table;
  private final History history;
  private final List<Consumer<DirtyRect>> pixelListeners = new ArrayList<>();
  private final List<Runnable> tableListeners = new ArrayList<>();

  // the edit in progress
  private TileUndo recording;
  private InstanceTable.State tableAtStart;

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

  SceneRecorder(LabelMap labels, InstanceMap ids, InstanceTable table, History history) {
    this.labels = labels;
    this.ids = ids;
    this.table = table;
    this.history = history;
  }

  History history() {
    return history;
  }

  void onPixels(Consumer<DirtyRect> l) {
    pixelListeners.add(l);
  }

  void onInstances(Runnable l) {
    tableListeners.add(l);
  }

  /** Starts an edit; the object table as it is now is what its undo restores. */
  void start() {
    if (recording != null) {
      throw new IllegalStateException("an edit is already in progress");
    }
    recording = new TileUndo(labels, ids);
    tableAtStart = table.state();
  }

  boolean inProgress() {
    return recording != null;
  }

  /** Call before the edit in progress changes any pixel inside rect. */
  void touch(DirtyRect rect) {
    if (recording == null) {
      throw new IllegalStateException("no edit in progress");
    }
    recording.touch(rect);
  }

  /**
   * Ends the edit in progress as one undo step under the given name; an edit that changed no pixel
   * and no object leaves no step, and the id it may have taken is free again.
   */
  void commit(String name) {
    PixelEdit edit = recording.finish(name);
    recording = null;
    table.count(edit, false);
    table.dropEmpty();
    InstanceTable.State after = table.state();
    if (edit.isEmpty() && after.records().equals(tableAtStart.records())) {
      table.restore(tableAtStart);
      return;
    }
    history.push(new Step(name, edit, tableAtStart, after));
    fireTable();
  }

  /** Takes back the newest edit of any kind; returns the pixels it touched (EMPTY if none). */
  DirtyRect undo() {
    checkIdle();
    return history.undo().map(SceneRecorder::touched).orElse(DirtyRect.EMPTY);
  }

  DirtyRect redo() {
    checkIdle();
    return history.redo().map(SceneRecorder::touched).orElse(DirtyRect.EMPTY);
  }

  void firePixels(DirtyRect d) {
    if (!d.isEmpty()) {
      for (Consumer<DirtyRect> l : pixelListeners) {
        l.accept(d);
      }
    }
  }

  void fireTable() {
    for (Runnable r : tableListeners) {
      r.run();
    }
  }

  private static DirtyRect touched(Edit e) {
    return e instanceof Step s ? s.pixels.bounds() : DirtyRect.EMPTY;
  }

  private void checkIdle() {
    if (recording != null) {
      throw new IllegalStateException("finish the stroke in progress before undo or redo");
    }
  }
}
