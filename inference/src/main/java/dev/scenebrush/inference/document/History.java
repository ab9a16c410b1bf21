package dev.scenebrush.inference.document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one undo history of a painting. Edits of every kind go on one stack, so undo always takes
 * back the newest change whatever it was. Memory is capped (oldest steps go first, the newest
 * always stays); quick successive edits that belong together merge into one step; the save point
 * makes "undone back to the saved state" read as clean.
 */
public final class History {
  /** Edits closer together than this may merge (a slider drag, a run of seed changes). */
  public static final long MERGE_WINDOW_NANOS = 800_000_000L;

  /** Stands for a saved state that no undo or redo can reach any more. */
  private static final Object UNREACHABLE = new Object();

  private final Deque<Edit> undo = new ArrayDeque<>();
  private final Deque<Edit> redo = new ArrayDeque<>();
  private final List<Runnable> listeners = new ArrayList<>();
  private final LongSupplier clock;
  private long bytes;
  private long limitBytes = 256L << 20;
  private long lastPushNanos;
  private boolean mergeOpen;
  private Object savePoint;

  public History() {
    this(System::nanoTime);
  }

  /** A history reading time from the given nanosecond clock (tests use a manual one). */
  public History(LongSupplier clock) {
    this.clock = clock;
  }

  /** Records an edit already applied; drops the redo steps; may merge into the newest step. */
  public void push(Edit edit) {
    long now = clock.getAsLong();
    dropRedo();
    Edit top = undo.peek();
    if (mergeOpen && top != null && now - lastPushNanos < MERGE_WINDOW_NANOS) {
      long before = top.bytes();
      if (top.absorb(edit)) {
        bytes += top.bytes() - before;
        lastPushNanos = now;
        trim();
        fire();
        return;
      }
    }
    undo.push(edit);
    bytes += edit.bytes();
    lastPushNanos = now;
    mergeOpen = true;
    trim();
    fire();
  }

  /** Takes back the newest step; returns it, or empty when there is none. */
  public Optional<Edit> undo() {
    Edit e = undo.poll();
    if (e == null) {
      return Optional.empty();
    }
    e.undo();
    redo.push(e);
    mergeOpen = false;
    fire();
    return Optional.of(e);
  }

  public Optional<Edit> redo() {
    Edit e = redo.poll();
    if (e == null) {
      return Optional.empty();
    }
    e.redo();
    undo.push(e);
    mergeOpen = false;
    fire();
    return Optional.of(e);
  }

  /** The next edit never merges into the current newest step (after a save, a tool change). */
  public void seal() {
    mergeOpen = false;
  }

  /** The painting as it is now is what the file holds. */
  public void markSaved() {
    savePoint = undo.peek();
    mergeOpen = false;
    fire();
  }

  /** True when undo and redo have brought the painting back to its saved state. */
  public boolean atSavePoint() {
    return undo.peek() == savePoint;
  }

  public boolean canUndo() {
    return !undo.isEmpty();
  }

  public boolean canRedo() {
    return !redo.isEmpty();
  }

  public Optional<String> undoName() {
    return Optional.ofNullable(undo.peek()).map(Edit::name);
  }

  public Optional<String> redoName() {
    return Optional.ofNullable(redo.peek()).map(Edit::name);
  }

  public int depth() {
    return undo.size();
  }

  public long bytes() {
    return bytes;
  }

  public long limitBytes() {
    return limitBytes;
  }

  public void setLimitBytes(long limit) {
    limitBytes = limit;
    trim();
    fire();
  }

  /** Called after every push, undo, redo, save and trim. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void dropRedo() {
    for (Edit r : redo) {
      bytes -= r.bytes();
      if (r == savePoint) {
        savePoint = UNREACHABLE;
      }
    }
    redo.clear();
  }

  private void trim() {
    while (bytes > limitBytes && undo.size() > 1) {
      Edit oldest = undo.removeLast();
      bytes -= oldest.bytes();
      if (savePoint == null) {
        // The saved state was the one before the dropped step: undo can no longer reach it.
        savePoint = UNREACHABLE;
      } else if (oldest == savePoint) {
        savePoint = null; // the saved state is now the bottom of the history
      }
    }
  }

  private void fire() {
    for (Runnable r : listeners) {
      r.run();
    }
  }
}
