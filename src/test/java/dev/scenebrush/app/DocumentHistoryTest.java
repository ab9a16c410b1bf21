package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every kind of edit the artist makes is one step of one history, undone and redone exactly. */
class DocumentHistoryTest {
  final Palette palette = Fixtures.palettes().load("landscape");
  final int sky = palette.indexOf("sky").orElseThrow();
  final int grass = palette.indexOf("grass").orElseThrow();
  final int tree = palette.indexOf("tree").orElseThrow();
  final Document doc = Document.blank(palette, 96, 64, sky);
  final float[] warm = StyleSeed.gaussian(11, 8);
  final float[] cold = StyleSeed.gaussian(12, 8);

  /** Labels, objects and styles as one comparable string. */
  String state() {
    StringBuilder b = new StringBuilder();
    b.append(Arrays.hashCode(doc.scene().labels().raw()))
        .append('|')
        .append(Arrays.hashCode(doc.scene().instanceMap().raw()))
        .append('|')
        .append(doc.scene().instances());
    StyleState s = doc.styleState();
    b.append("|seed ").append(s.seed()).append('|').append(Arrays.toString(s.globalZ()));
    s.gallery().forEach(g -> b.append('|').append(g.name()).append(Arrays.toString(g.z())));
    s.regionStyles().forEach(z -> b.append("|r").append(Arrays.toString(z)));
    b.append('|').append(s.regions() == null ? "no regions" : Arrays.hashCode(s.regions()));
    return b.toString();
  }

  /** Applies an edit; it must be one new step that undo and redo move across exactly. */
  void roundTrip(String expectedName, Runnable edit) {
    String before = state();
    int depth = doc.scene().undoDepth();
    edit.run();
    String after = state();
    assertNotEquals(before, after, expectedName + " changed nothing");
    assertEquals(depth + 1, doc.scene().undoDepth(), expectedName + " is one step");
    assertEquals(expectedName, doc.scene().undoName().orElseThrow());
    long revision = doc.revisionProperty().get();
    doc.undo();
    assertEquals(before, state(), "undo of " + expectedName);
    assertTrue(doc.revisionProperty().get() > revision, "undo tells the views to redraw");
    doc.redo();
    assertEquals(after, state(), "redo of " + expectedName);
    doc.undo();
    doc.redo();
    assertEquals(after, state(), "second redo of " + expectedName);
  }

  void stroke(int label, Scene.InstancePolicy policy, double x0, double y0, double x1, double y1) {
    doc.beginStroke("Brush", x0, y0, 6, label, policy);
    doc.strokeTo(x0, y0, x1, y1);
    doc.endStroke();
  }

  void styleStroke(float[] z, double x0, double y0, double x1, double y1) {
    doc.paintStyle(x0, y0, x0, y0, 9, z);
    doc.paintStyle(x0, y0, x1, y1, 9, z);
    doc.endStyleStroke();
  }

  @Test
  void everyKindOfEditIsOneStepOfOneHistory() {
    roundTrip("Brush", () -> stroke(grass, Scene.InstancePolicy.AUTO, 5, 50, 90, 50));
    roundTrip("Brush", () -> stroke(tree, Scene.InstancePolicy.NEW, 30, 10, 30, 30));
    int id = doc.scene().instances().get(0).id();
    roundTrip("Fill", () -> doc.fill(2, 2, grass));
    roundTrip(
        "Rectangle",
        () ->
            doc.paintRegion(
                "Rectangle", Painter.rectangle(doc.scene().labels(), 60, 5, 80, 20), tree));
    roundTrip(
        "Change tree",
        () ->
            doc.updateInstance(doc.scene().instance(id).orElseThrow().withMode(RenderMode.CLASS)));
    roundTrip("Change tree", () -> doc.rerollInstance(id, 99));
    roundTrip("Style brush", () -> styleStroke(warm, 10, 10, 60, 40));
    roundTrip("Style brush", () -> styleStroke(cold, 40, 30, 80, 30));
    roundTrip("Clear style regions", doc::clearRegions);
    roundTrip("Seed 42", () -> doc.setSeed(42));
    roundTrip("Keep style", () -> doc.keepStyle("Look 1", warm, false));
    roundTrip("Style from dusk.png", () -> doc.keepStyle("dusk.png", cold, true));
    roundTrip("Use Look 1", () -> doc.setGlobalZ("Use Look 1", warm));
    roundTrip("Delete tree", () -> doc.deleteInstance(doc.scene().instances().get(0).id()));
    LabelMap imported = new LabelMap(96, 64);
    imported.fill(grass);
    roundTrip("Import labels.png", () -> doc.replaceLabels("Import labels.png", imported));
  }

  @Test
  void undoAfterAStyleStrokeTakesBackTheStyleNotTheLabelsPaintedBefore() {
    stroke(grass, Scene.InstancePolicy.AUTO, 5, 50, 90, 50);
    styleStroke(warm, 10, 10, 60, 40);
    doc.undo();
    assertEquals(grass, doc.labelAt(40, 50), "the label stroke stays");
    assertEquals(null, doc.regions(), "the style stroke went");
    doc.undo();
    assertEquals(sky, doc.labelAt(40, 50));
  }

  @Test
  void aMixSliderDragIsOneStepAndUndoGoesBackToTheLookBeforeIt() {
    doc.setSeed(5);
    for (int i = 1; i <= 10; i++) {
      doc.setGlobalZ("Mix styles", mix(doc.globalStyle(8), warm, i / 10f));
    }
    assertEquals("Mix styles", doc.scene().undoName().orElseThrow());
    doc.undo();
    assertEquals(null, doc.globalZProperty().get());
    assertEquals(5, doc.seedProperty().get());
  }

  static float[] mix(float[] a, float[] b, float t) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + (b[i] - a[i]) * t;
    }
    return out;
  }

  @Test
  void undoingStyleEditsBackToTheSavePointIsClean() {
    doc.markSaved(Path.of("x.sbrush"));
    assertFalse(doc.dirtyProperty().get());
    doc.setSeed(77);
    styleStroke(warm, 10, 10, 60, 40);
    assertTrue(doc.dirtyProperty().get());
    doc.undo();
    assertTrue(doc.dirtyProperty().get());
    doc.undo();
    assertFalse(doc.dirtyProperty().get(), "back at the saved look");
    assertTrue(doc.canRedoProperty().get());
  }

  @Test
  void anImportOfAnotherSizeIsRefusedByTheScene() {
    LabelMap small = new LabelMap(10, 10);
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> doc.replaceLabels("Import", small));
    assertTrue(e.getMessage().contains("10x10"), e.getMessage());
    assertEquals(0, doc.scene().undoDepth());
  }

  @Test
  void aSingleObjectRecordIsUnchangedByUndoOfAStyleStroke() {
    stroke(tree, Scene.InstancePolicy.NEW, 30, 10, 30, 30);
    Instance t = doc.scene().instances().get(0);
    styleStroke(warm, 10, 10, 60, 40);
    doc.undo();
    assertEquals(t, doc.scene().instances().get(0));
  }
}
