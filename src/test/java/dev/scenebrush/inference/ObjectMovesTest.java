package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ObjectMovesTest {
  final Palette palette = Fixtures.palettes().load("landscape");
  final int sky = palette.indexOf("sky").orElseThrow();
  final int grass = palette.indexOf("grass").orElseThrow();
  final int tree = palette.indexOf("tree").orElseThrow();
  final Scene s = new Scene(palette, 80, 60);

  /** Sky above, grass below, one tree (x 20..29, y 30..44) standing in the grass. */
  int meadowWithTree() {
    s.paintRegion("Fill", Painter.rectangle(s.labels(), 0, 0, 80, 60), sky);
    s.paintRegion("Fill", Painter.rectangle(s.labels(), 0, 25, 80, 60), grass);
    s.paintRegion("Tree", Painter.rectangle(s.labels(), 20, 30, 30, 45), tree);
    Instance t = s.instances().get(0);
    s.updateInstance(t.withSeed(31).withMode(RenderMode.CLASS));
    return t.id();
  }

  @Test
  void aMovedTreeLeavesGrassAndKeepsItsShapeLookAndModeAndUndoPutsItBack() {
    int id = meadowWithTree();
    byte[] labels = s.labelsSnapshot().raw();
    int count = s.pixelCount(id);
    s.moveInstance(id, 35, -5);
    assertEquals("Move tree", s.undoName().orElseThrow());
    assertEquals(grass, s.labelAt(25, 40), "the old place is grass again");
    assertEquals(0, s.instanceAt(25, 40));
    assertEquals(tree, s.labelAt(60, 35));
    assertEquals(id, s.instanceAt(60, 35));
    assertEquals(count, s.pixelCount(id), "the same size");
    assertEquals(31, s.instance(id).orElseThrow().seed());
    assertEquals(RenderMode.CLASS, s.instance(id).orElseThrow().mode());
    s.undo();
    assertArrayEquals(labels, s.labelsSnapshot().raw());
    assertEquals(id, s.instanceAt(25, 40));
  }

  @Test
  void aTreeMovedPartlyOffTheCanvasKeepsWhatIsLeft() {
    int id = meadowWithTree();
    s.moveInstance(id, 55, 0); // x 75..84: half off the right edge
    assertEquals(5 * 15, s.pixelCount(id));
    s.moveInstance(id, 30, 0); // entirely off: the object is gone, as one more undo step
    assertTrue(s.instance(id).isEmpty());
    s.undo();
    assertEquals(5 * 15, s.pixelCount(id));
  }

  @Test
  void aDuplicateIsANewObjectWithTheSameLookAndUndoRemovesOnlyIt() {
    int id = meadowWithTree();
    int copy = s.duplicateInstance(id, 20, 0);
    assertNotEquals(0, copy);
    assertNotEquals(id, copy);
    assertEquals(2, s.instances().size());
    assertEquals(s.pixelCount(id), s.pixelCount(copy));
    assertEquals(31, s.instance(copy).orElseThrow().seed());
    assertEquals(copy, s.instanceAt(45, 40));
    assertEquals(id, s.instanceAt(25, 40), "the original stays");
    s.undo();
    assertEquals(1, s.instances().size());
    assertEquals(grass, s.labelAt(45, 40));
  }

  @Test
  void aFlipMirrorsTheObjectInItsBox() {
    s.paintRegion("Fill", Painter.rectangle(s.labels(), 0, 0, 80, 60), grass);
    // An L: a column x 10..12 (y 10..29) and a foot x 10..19 (y 27..29).
    s.paintRegion("Tree", Painter.rectangle(s.labels(), 10, 10, 13, 30), tree);
    s.beginStroke("Brush", 11, 28, 3, tree, Scene.InstancePolicy.AUTO);
    s.strokeTo(11, 28, 18, 28);
    s.endStroke();
    assertEquals(1, s.instances().size(), "the foot extends the column");
    int id = s.instances().get(0).id();
    var box = s.boundsOf(id);
    int right = box.x() + box.width() - 1;
    assertEquals(tree, s.labelAt(11, 12));
    s.flipInstance(id);
    assertEquals(box, s.boundsOf(id), "the same box");
    assertEquals(tree, s.labelAt(right - 1, 12), "the column is now on the right");
    assertEquals(grass, s.labelAt(11, 12), "and the left is grass");
    s.undo();
    assertEquals(tree, s.labelAt(11, 12));
  }

  @Test
  void anObjectSurroundedOnlyByObjectsLeavesUnpaintedPixels() {
    s.paintRegion("Fill", Painter.rectangle(s.labels(), 0, 0, 80, 60), grass);
    s.paintRegion("Tree", Painter.rectangle(s.labels(), 0, 0, 80, 60), tree);
    s.paintRegion("Tree", Painter.rectangle(s.labels(), 30, 20, 40, 30), tree);
    int inner = s.instanceAt(35, 25);
    s.moveInstance(inner, 0, 20);
    assertEquals(Palette.UNKNOWN, s.labelAt(35, 25));
  }
}
