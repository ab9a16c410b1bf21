package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleSceneTest {
  final Palette palette = Fixtures.palettes().load("landscape");

  @Test
  void theBundledSampleBecomesAnEditableSceneWithItsObjects() {
    SampleScene sample = SampleScene.load(Fixtures.home().resolve("samples"), "valley", palette);
    Scene scene = sample.toScene(palette);
    assertEquals(512, scene.width());
    assertTrue(scene.instances().size() >= 5, "trees, bushes, houses: " + scene.instances());
    int house = palette.indexOf("house").orElseThrow();
    assertTrue(scene.instances().stream().anyMatch(i -> i.classIndex() == house));
    for (Instance i : scene.instances()) {
      assertTrue(palette.get(i.classIndex()).isThing());
      assertTrue(scene.pixelCount(i.id()) > 0);
    }
    // The sample's own files are untouched by edits of the scene made from it.
    int before = sample.labels().get(0, 0);
    scene.fill(0, 0, palette.indexOf("snow").orElseThrow());
    assertEquals(palette.indexOf("snow").orElseThrow(), scene.labelAt(0, 0));
    assertEquals(before, sample.labels().get(0, 0));
  }

  @Test
  void idsOnStuffOrSpanningTwoClassesAreDropped(@TempDir Path dir) throws Exception {
    int sky = palette.indexOf("sky").orElseThrow();
    int tree = palette.indexOf("tree").orElseThrow();
    LabelMap labels = new LabelMap(8, 8);
    labels.fill(sky);
    InstanceMap ids = new InstanceMap(8, 8);
    for (int x = 0; x < 4; x++) {
      labels.set(x, 0, tree);
      ids.raw()[x] = 5; // a tree
      ids.raw()[8 + x] = 7; // id 7 lies on sky: not an object
    }
    ids.raw()[8 + 5] = 5; // one pixel of id 5 on sky
    LabelImages.writeColor(labels, palette, dir.resolve("x-labels.png"));
    LabelImages.writeInstances(ids, dir.resolve("x-instances.png"));
    Scene scene = SampleScene.load(dir, "x", palette).toScene(palette);
    assertEquals(1, scene.instances().size());
    assertEquals(4, scene.pixelCount(5));
    assertEquals(0, scene.instanceAt(0, 1));
    assertThrows(IllegalArgumentException.class, () -> SampleScene.load(dir, "missing", palette));
  }
}
