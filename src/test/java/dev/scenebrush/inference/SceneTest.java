package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.document.Scene.InstancePolicy;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SceneTest {
  final Palette palette = Fixtures.palettes().load("landscape");
  final int sky = palette.indexOf("sky").orElseThrow();
  final int grass = palette.indexOf("grass").orElseThrow();
  final int tree = palette.indexOf("tree").orElseThrow();

  Scene blank(int w, int h) {
    Scene s = new Scene(palette, w, h);
    s.paintRegion("Fill", Painter.rectangle(s.labels(), 0, 0, w, h), sky);
    return s;
  }

  void stroke(Scene s, int label, double... xy) {
    s.beginStroke("Brush", xy[0], xy[1], 6, label, InstancePolicy.AUTO);
    for (int i = 2; i < xy.length; i += 2) {
      s.strokeTo(xy[i - 2], xy[i - 1], xy[i], xy[i + 1]);
    }
    s.endStroke();
  }

  @Test
  void aStrokeIsOneUndoStepAndUndoRestoresEveryPixel() {
    Scene s = blank(100, 80);
    byte[] before = s.labelsSnapshot().raw();
    int depth = s.undoDepth();
    stroke(s, grass, 10, 10, 50, 40, 90, 10);
    assertEquals(depth + 1, s.undoDepth());
    assertEquals(grass, s.labelAt(50, 40));
    s.undo();
    assertTrue(Arrays.equals(before, s.labelsSnapshot().raw()));
    s.redo();
    assertEquals(grass, s.labelAt(50, 40));
  }

  @Test
  void newObjectsStartInTheModeGivenForTheirClassAndKeepItThroughUndo() {
    int house = palette.indexOf("house").orElseThrow();
    Scene s = blank(64, 64);
    stroke(s, tree, 10, 10, 10, 20);
    s.setNewObjectModes(c -> c == house ? RenderMode.CLASS : RenderMode.BASE);
    stroke(s, house, 40, 40, 44, 44);
    s.paintRegion("Rectangle", Painter.rectangle(s.labels(), 50, 5, 60, 15), house);
    stroke(s, tree, 20, 50, 20, 60);
    assertEquals(
        java.util.List.of(RenderMode.BASE, RenderMode.CLASS, RenderMode.CLASS, RenderMode.BASE),
        s.instances().stream().map(Instance::mode).toList(),
        "the first tree was painted before; strokes and shapes make houses in class mode");
    s.undo();
    s.undo();
    s.redo();
    assertEquals(RenderMode.CLASS, s.instances().get(2).mode());
  }

  @Test
  void paintingAThingCreatesAnInstanceAndStuffDoesNot() {
    Scene s = blank(64, 64);
    stroke(s, grass, 5, 5, 20, 5);
    assertTrue(s.instances().isEmpty());
    stroke(s, tree, 40, 40, 40, 50);
    assertEquals(1, s.instances().size());
    Instance t = s.instances().get(0);
    assertEquals(tree, t.classIndex());
    assertEquals(t.id(), s.instanceAt(40, 45));
    assertTrue(s.pixelCount(t.id()) > 0);
    // A stroke starting on the same tree extends it; one elsewhere makes a second tree.
    stroke(s, tree, 40, 50, 44, 56);
    assertEquals(1, s.instances().size());
    stroke(s, tree, 10, 40, 10, 50);
    assertEquals(2, s.instances().size());
    s.beginStroke("Object", 40, 45, 4, tree, InstancePolicy.NEW);
    s.endStroke();
    assertEquals(3, s.instances().size(), "the object brush always starts a new instance");
  }

  @Test
  void instancePixelsAndCountsStayConsistentThroughUndo() {
    Scene s = blank(64, 64);
    stroke(s, tree, 30, 30, 30, 40);
    int id = s.instances().get(0).id();
    int count = s.pixelCount(id);
    stroke(s, grass, 20, 35, 40, 35); // paints across the tree
    assertTrue(s.pixelCount(id) < count);
    s.undo();
    assertEquals(count, s.pixelCount(id));
    // painting over the whole tree removes it
    s.paintRegion("Fill", Painter.rectangle(s.labels(), 0, 0, 64, 64), grass);
    assertTrue(s.instances().isEmpty());
    s.undo();
    assertEquals(1, s.instances().size());
    assertEquals(count, s.pixelCount(id));
  }

  @Test
  void deleteTurnsTheInstanceIntoUnknownAndUndoBringsItBack() {
    Scene s = blank(64, 64);
    stroke(s, tree, 30, 30, 30, 40);
    int id = s.instances().get(0).id();
    s.deleteInstance(id);
    assertTrue(s.instances().isEmpty());
    assertEquals(Palette.UNKNOWN, s.labelAt(30, 35));
    assertEquals(0, s.instanceAt(30, 35));
    s.undo();
    assertEquals(tree, s.labelAt(30, 35));
    assertEquals(id, s.instanceAt(30, 35));
  }

  @Test
  void modeChangesAreUndoable() {
    Scene s = blank(32, 32);
    stroke(s, tree, 10, 10, 10, 20);
    Instance t = s.instances().get(0);
    s.updateInstance(t.withMode(RenderMode.CLASS));
    assertEquals(RenderMode.CLASS, s.instance(t.id()).orElseThrow().mode());
    s.undo();
    assertEquals(RenderMode.BASE, s.instance(t.id()).orElseThrow().mode());
  }

  @Test
  void aNewEditClearsRedo() {
    Scene s = blank(32, 32);
    stroke(s, grass, 5, 5, 20, 5);
    s.undo();
    assertTrue(s.canRedo());
    stroke(s, grass, 5, 20, 20, 20);
    assertFalse(s.canRedo());
  }

  @Test
  void historyMemoryIsBoundedAndStoresOnlyTouchedTiles() {
    Scene s = blank(2048, 2048);
    long base = s.historyBytes();
    stroke(s, grass, 100, 100, 130, 100);
    long oneStroke = s.historyBytes() - base;
    // A small stroke on a 4 MP canvas costs a few tiles, not the whole map.
    assertTrue(oneStroke < 100_000, "small stroke stored " + oneStroke + " bytes");
    s.history().setLimitBytes(3 * oneStroke);
    for (int i = 0; i < 20; i++) {
      stroke(s, i % 2 == 0 ? sky : grass, 100, 100, 130, 100);
    }
    assertTrue(s.historyBytes() <= 3 * oneStroke + 1000);
    assertTrue(s.undoDepth() >= 2 && s.undoDepth() <= 4, "depth " + s.undoDepth());
  }

  @Test
  void shapesAreExact() {
    Scene s = blank(50, 50);
    s.paintRegion("Rectangle", Painter.rectangle(s.labels(), 10, 10, 20, 30), grass);
    int n = 0;
    for (int y = 0; y < 50; y++) {
      for (int x = 0; x < 50; x++) {
        if (s.labelAt(x, y) == grass) {
          n++;
          assertTrue(x >= 10 && x < 20 && y >= 10 && y < 30);
        }
      }
    }
    assertEquals(10 * 20, n);
    s.paintRegion("Ellipse", Painter.ellipse(s.labels(), 30, 30, 50, 50), grass);
    assertEquals(grass, s.labelAt(40, 40));
    assertEquals(sky, s.labelAt(31, 31), "corner of the ellipse's box stays");
  }

  @Test
  void loadedMapsMustAgreeWithTheInstanceList() {
    Scene s = blank(16, 16);
    stroke(s, tree, 8, 4, 8, 12);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Scene(palette, s.labelsSnapshot(), s.instancesSnapshot(), java.util.List.of()));
    assertTrue(e.getMessage().contains("not in the instance list"), e.getMessage());
  }

  /** A scene whose one tree object carries the highest id a file can hold. */
  Scene withInstance65535() {
    int w = 32;
    int h = 32;
    byte[] lab = new byte[w * h];
    Arrays.fill(lab, (byte) sky);
    short[] idRaw = new short[w * h];
    lab[0] = (byte) tree;
    idRaw[0] = (short) Instance.MAX_ID;
    return new Scene(
        palette,
        new LabelMap(w, h, lab),
        new InstanceMap(w, h, idRaw),
        java.util.List.of(new Instance(Instance.MAX_ID, tree, 7, RenderMode.BASE, false)));
  }

  @Test
  void aSceneHoldingTheLastIdStillMakesNewObjectsAndKeepsEditing() {
    Scene s = withInstance65535();
    stroke(s, tree, 20, 20, 24, 24);
    assertEquals(2, s.instances().size());
    int made = s.instanceAt(22, 22);
    assertTrue(made >= 1 && made < Instance.MAX_ID, "a free id, got " + made);
    assertFalse(s.strokeInProgress());
    s.paintRegion("Rect", Painter.rectangle(s.labels(), 0, 28, 8, 32), tree);
    assertEquals(3, s.instances().size());
    s.undo();
    s.undo();
    assertEquals(1, s.instances().size());
    s.redo();
    assertEquals(made, s.instanceAt(22, 22));
  }

  @Test
  void aFullTableRefusesANewObjectWithoutBreakingTheNextEdit() {
    int w = 256;
    int h = 256;
    byte[] lab = new byte[w * h];
    Arrays.fill(lab, (byte) tree);
    short[] idRaw = new short[w * h];
    java.util.List<Instance> all = new java.util.ArrayList<>();
    for (int id = 1; id <= Instance.MAX_ID; id++) {
      idRaw[id] = (short) id;
      all.add(new Instance(id, tree, 0, RenderMode.BASE, false));
    }
    lab[0] = (byte) sky;
    Scene s = new Scene(palette, new LabelMap(w, h, lab), new InstanceMap(w, h, idRaw), all);
    IllegalStateException full =
        assertThrows(
            IllegalStateException.class,
            () -> s.beginStroke("Brush", 0, 0, 1, tree, InstancePolicy.NEW));
    assertTrue(full.getMessage().contains("65535 objects"), full.getMessage());
    assertFalse(s.strokeInProgress());
    stroke(s, grass, 100, 100, 120, 120);
    assertEquals(grass, s.labelAt(110, 110));
  }

  @Test
  void aStrokeThatChangesNothingLeavesNoStepAndNoGapInIds() {
    Scene s = blank(64, 64);
    stroke(s, tree, 10, 10, 12, 12);
    int first = s.instanceAt(11, 11);
    int depth = s.undoDepth();
    stroke(s, tree, -40, -40, -30, -30); // off the canvas: paints nothing
    assertEquals(depth, s.undoDepth());
    assertEquals(1, s.instances().size());
    stroke(s, tree, 40, 40, 42, 42);
    assertEquals(first + 1, s.instanceAt(41, 41));
  }

  @Test
  void replacingTheLabelsDropsEveryObjectAndUndoBringsThemBack() {
    Scene s = blank(64, 64);
    stroke(s, tree, 10, 10, 12, 12);
    stroke(s, tree, 40, 40, 42, 42);
    byte[] grassOnly = new byte[64 * 64];
    Arrays.fill(grassOnly, (byte) grass);
    s.replaceLabels("Import", new LabelMap(64, 64, grassOnly));
    assertTrue(s.instances().isEmpty());
    assertEquals(0, s.instanceAt(11, 11));
    assertEquals(grass, s.labelAt(11, 11));
    s.undo();
    assertEquals(2, s.instances().size());
    assertEquals(tree, s.labelAt(41, 41));
    assertEquals(s.instances().get(1).id(), s.instanceAt(41, 41));
    assertEquals(s.pixelCount(s.instanceAt(11, 11)), s.pixelCount(s.instanceAt(41, 41)));
  }
}
