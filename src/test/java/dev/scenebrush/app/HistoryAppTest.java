package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.inference.render.RenderedImage;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HistoryAppTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @TempDir Path dir;

  @Test
  void undoByShortcutRestoresTheLabelsAndThePictureWithoutOpeningAMenu(FxRobot robot)
      throws Exception {
    RenderedImage before = awaitRender(null);
    byte[] labels = doc().scene().labelsSnapshot().raw();
    use(robot, Tool.BRUSH, "sand");
    drag(robot, 10, 100, 200, 100);
    RenderedImage painted = awaitRender(before);
    assertFalse(java.util.Arrays.equals(before.argb(), painted.argb()));
    robot.interact(() -> view().canvas().requestFocus());
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertArrayEquals(labels, doc().scene().labelsSnapshot().raw());
    RenderedImage last = awaitRenderMatching(before);
    assertArrayEquals(before.argb(), last.argb(), "the picture is the one before the stroke");
  }

  /** Waits until the shown render equals the expected picture (renders are deterministic). */
  private RenderedImage awaitRenderMatching(RenderedImage expected) throws Exception {
    WaitForAsyncUtils.waitFor(
        60,
        java.util.concurrent.TimeUnit.SECONDS,
        () -> {
          RenderedImage now = doc().lastRenderProperty().get();
          return now != null && java.util.Arrays.equals(now.argb(), expected.argb());
        });
    return doc().lastRenderProperty().get();
  }

  @Test
  void undoingBackToTheSavePointIsCleanAndTheTitleSaysSo(FxRobot robot) throws Exception {
    Path f = dir.resolve("dune.sbrush");
    robot.interact(() -> assertTrue(window.files().saveTo(f)));
    assertEquals("dune.sbrush — SceneBrush", window.titleProperty().get());
    use(robot, Tool.BRUSH, "sand");
    drag(robot, 10, 100, 200, 100);
    assertTrue(doc().dirtyProperty().get());
    assertEquals("• dune.sbrush — SceneBrush", window.titleProperty().get());
    robot.interact(() -> view().undo());
    assertFalse(doc().dirtyProperty().get(), "back at the saved state");
    robot.interact(() -> view().redo());
    assertTrue(doc().dirtyProperty().get());
  }

  @Test
  void ctrlZAfterAStyleBrushStrokeTakesBackTheStyleAndThePictureNotTheLabelStroke(FxRobot robot)
      throws Exception {
    use(robot, Tool.BRUSH, "sand");
    drag(robot, 10, 100, 200, 100);
    RenderedImage painted = awaitRender(null);
    byte[] labels = doc().scene().labelsSnapshot().raw();
    robot.interact(() -> view().style().keepCurrent());
    robot.interact(() -> view().style().setSeed(777));
    RenderedImage otherLook = awaitRender(painted);
    use(robot, Tool.STYLE, null);
    robot.interact(
        () -> {
          view().style().selectKept(0);
          view().tools().setBrushSize(60);
        });
    drag(robot, 20, 20, 120, 120);
    assertTrue(doc().regions() != null);
    awaitRender(otherLook);
    robot.interact(() -> view().canvas().requestFocus());
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(null, doc().regions(), "the style stroke is undone");
    assertArrayEquals(labels, doc().scene().labelsSnapshot().raw(), "the label stroke stays");
    assertArrayEquals(otherLook.argb(), awaitRenderMatching(otherLook).argb());
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(0, doc().seedProperty().get(), "then the seed");
    assertEquals("0", robot.lookup("#style-seed").queryTextInputControl().getText());
  }

  @Test
  void aLabelMapOfThePaintingsSizeImportsAsOneUndoStep(FxRobot robot) throws Exception {
    Path png = dir.resolve("labels.png");
    var map = new dev.scenebrush.inference.document.LabelMap(256, 256);
    map.fill(cls("sand"));
    dev.scenebrush.inference.io.LabelImages.writeColor(map, doc().palette(), png);
    Document before = doc();
    byte[] labels = doc().scene().labelsSnapshot().raw();
    robot.interact(() -> assertTrue(window.files().importLabels(png).isPresent()));
    assertTrue(before == doc(), "the same painting, not a new one");
    assertEquals(cls("sand"), doc().labelAt(128, 128));
    assertEquals("Import labels.png", doc().scene().undoName().orElseThrow());
    robot.interact(() -> view().undo());
    assertArrayEquals(labels, doc().scene().labelsSnapshot().raw());
  }
}
