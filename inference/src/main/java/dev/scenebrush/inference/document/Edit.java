package dev.scenebrush.inference.document;

/**
 * One undoable change to a painting: pixels, objects, styles or the seed. An edit is recorded after
 * it has been applied; {@link #undo} and {@link #redo} move the painting between its two states and
 * may be called alternately any number of times.
 */
public interface Edit {
  /** What the Edit menu says: "Undo Brush", "Undo New look". */
  String name();

  void undo();

  void redo();

  /** Memory this edit holds, counted against the history's cap. */
  long bytes();

  /**
   * Folds an edit that follows this one quickly into it, when both are one gesture to the artist
   * (dragging the mix slider, typing a seed). Returns false to keep them as two steps.
   */
  default boolean absorb(Edit next) {
    return false;
  }
}
