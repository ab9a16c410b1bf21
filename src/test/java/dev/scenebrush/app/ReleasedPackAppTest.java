package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app on a pack converted from a released COCO-Stuff SPADE checkpoint (random weights). */
@ExtendWith(ApplicationExtension.class)
class ReleasedPackAppTest extends AppTestBase {
  @TempDir Path dir;

  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @Override
  ModelPack pack() {
    return Fixtures.releasedPack("spade-coco-stuff");
  }

  /** The sample scene saved as a landscape-palette project. */
  private Path landscapeProject(String name) throws Exception {
    Palette landscape = Fixtures.palettes().load("landscape");
    Path file = dir.resolve(name);
    ProjectFile.save(
        new Project(
            SampleScene.bundled(landscape).toScene(landscape),
            "landscape",
            StyleState.ofSeed(0),
            Map.of(),
            Optional.empty(),
            0,
            0),
        file);
    return file;
  }

  @Test
  void aLandscapePaintingOpensRetargetedAndRendersOnTheCocoPack(FxRobot robot) throws Exception {
    Palette landscape = Fixtures.palettes().load("landscape");
    Path file = landscapeProject("valley.sbrush");
    RenderedImage shownBefore = view().renderView().shownProperty().get();
    robot.interact(() -> assertTrue(window.files().openFile(file)));
    assertEquals(1, dialogs.confirmations.size());
    assertTrue(dialogs.confirmations.get(0).contains("11 of 11 classes map"));
    assertEquals("coco-stuff", doc().palette().id());
    assertEquals(512, doc().width());
    var original = SampleScene.bundled(landscape).labels();
    for (int[] p : new int[][] {{5, 5}, {300, 60}, {250, 400}, {500, 500}}) {
      int before = original.get(p[0], p[1]);
      int expected =
          dev.scenebrush.inference.document.LabelRetarget.match(
                  landscape.get(before), doc().palette())
              .orElseThrow();
      assertEquals(expected, doc().scene().labelAt(p[0], p[1]));
    }
    assertTrue(doc().dirtyProperty().get() || doc().fileProperty().get() == null);
    RenderedImage shown = awaitRender(shownBefore);
    assertNotNull(shown);
  }

  @Test
  void declinedRetargetKeepsThePaintingAndAboutNamesTheLicence(FxRobot robot) throws Exception {
    Palette landscape = Fixtures.palettes().load("landscape");
    Path file = landscapeProject("v.sbrush");
    dialogs.confirmAnswer = false;
    robot.interact(() -> assertFalse(window.files().openFile(file)));
    assertEquals(256, doc().width(), "the open painting stays");

    robot.interact(window::about);
    String about = dialogs.infos.get(dialogs.infos.size() - 1);
    assertTrue(about.contains("CC BY-NC-SA 4.0 (non-commercial use only)"), about);
    assertTrue(about.contains("github.com/NVlabs/SPADE"), about);
  }

  @Test
  void retiredCocoIdsAreNotOfferedForPainting(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(182 - 11, view().palette().listedClasses().size());
  }
}
