package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Edit;
import dev.scenebrush.inference.document.History;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryTest {
  /** An edit of one integer cell; edits named alike merge. */
  static final class SetValue implements Edit {
    final int[] cell;
    final int before;
    int after;
    final String name;

    SetValue(int[] cell, int value, String name) {
      this.cell = cell;
      this.before = cell[0];
      this.after = value;
      this.name = name;
      cell[0] = value;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void undo() {
      cell[0] = before;
    }

    @Override
    public void redo() {
      cell[0] = after;
    }

    @Override
    public long bytes() {
      return 100;
    }

    @Override
    public boolean absorb(Edit next) {
      if (next instanceof SetValue s && s.name.equals(name)) {
        after = s.after;
        return true;
      }
      return false;
    }
  }

  final AtomicLong now = new AtomicLong();
  final History h = new History(now::get);
  final int[] cell = {0};

  void set(int v, String name) {
    h.push(new SetValue(cell, v, name));
  }

  @Test
  void quickEditsOfOneKindMergeAndSlowOnesDoNot() {
    set(1, "Mix");
    now.addAndGet(100_000_000);
    set(2, "Mix");
    now.addAndGet(100_000_000);
    set(3, "Mix");
    assertEquals(1, h.depth(), "one slider drag is one step");
    now.addAndGet(100_000_000);
    set(4, "Seed");
    assertEquals(2, h.depth(), "another kind is another step");
    now.addAndGet(History.MERGE_WINDOW_NANOS + 1);
    set(5, "Seed");
    assertEquals(3, h.depth(), "after a pause, another step");
    h.undo();
    h.undo();
    assertEquals(3, cell[0]);
    h.undo();
    assertEquals(0, cell[0]);
    assertFalse(h.canUndo());
  }

  @Test
  void anEditAfterUndoNeverMergesIntoTheStepBelow() {
    set(1, "Mix");
    set(2, "Mix");
    h.undo();
    set(7, "Mix");
    h.undo();
    assertEquals(0, cell[0], "the new edit is its own step over the undone state");
    h.redo();
    assertEquals(7, cell[0]);
    assertFalse(h.canRedo(), "the undone step was dropped by the new edit");
  }

  @Test
  void theSavePointIsCleanAgainAfterUndoAndRedoAndSavingSealsMerging() {
    assertTrue(h.atSavePoint());
    set(1, "Mix");
    h.markSaved();
    assertTrue(h.atSavePoint());
    set(2, "Mix");
    assertEquals(2, h.depth(), "an edit after a save does not merge into the saved step");
    assertFalse(h.atSavePoint());
    h.undo();
    assertTrue(h.atSavePoint());
    h.undo();
    assertFalse(h.atSavePoint());
    h.redo();
    assertTrue(h.atSavePoint());
  }

  @Test
  void aSavedStateDroppedFromRedoCanNeverBeCleanAgain() {
    set(1, "A");
    h.markSaved();
    h.undo();
    set(2, "B");
    h.undo();
    assertFalse(h.atSavePoint(), "the saved state went with the redo steps");
  }

  @Test
  void theCapDropsTheOldestStepsButKeepsTheNewest() {
    h.setLimitBytes(250);
    for (int i = 1; i <= 5; i++) {
      now.addAndGet(History.MERGE_WINDOW_NANOS + 1);
      set(i, "Step");
    }
    assertEquals(2, h.depth());
    assertEquals(200, h.bytes());
    h.undo();
    h.undo();
    assertEquals(3, cell[0], "undo stops where the history was cut");
    assertFalse(h.atSavePoint(), "the empty start was dropped with the oldest steps");
    h.redo();
    h.redo();
    h.setLimitBytes(50);
    assertEquals(1, h.depth(), "the newest step always stays");
  }
}
