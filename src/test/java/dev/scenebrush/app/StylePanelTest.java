package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.inference.render.RenderedImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StylePanelTest extends AppTestBase {
  @TempDir Path dir;

  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  RenderedImage renderAfter(FxRobot robot, Runnable action) throws Exception {
    RenderedImage before = awaitRender(null);
    robot.interact(action);
    return awaitRender(before);
  }

  Path styleImage(int rgb) throws Exception {
    BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 60; y++) {
      for (int x = 0; x < 80; x++) {
        img.setRGB(x, y, rgb + x + (y << 8));
      }
    }
    Path p = dir.resolve("style" + rgb + ".png");
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  @Test
  void aTypedSeedIsReproducibleAndNewLookChangesIt(FxRobot robot) throws Exception {
    RenderedImage a = renderAfter(robot, () -> view().style().setSeed(42));
    RenderedImage b = renderAfter(robot, () -> view().style().setSeed(43));
    assertFalse(Arrays.equals(a.argb(), b.argb()));
    robot.interact(() -> view().showTab("Style"));
    robot.doubleClickOn("#style-seed").write("42").type(KeyCode.ENTER);
    RenderedImage again = awaitRender(b);
    assertEquals(42, doc().seedProperty().get());
    assertArrayEquals(a.argb(), again.argb(), "same seed, same image");
    robot.clickOn("#style-new-look");
    WaitForAsyncUtils.waitForFxEvents();
    assertNotEquals(42, doc().seedProperty().get());
  }

  @Test
  void otherLooksCanBePicked(FxRobot robot) {
    long first = view().style().lookSeeds().get(0);
    robot.interact(() -> view().showTab("Style"));
    robot.clickOn("#look-0");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(first, doc().seedProperty().get());
  }

  @Test
  void aStyleImageIsKeptAndUsedAndABadOneIsReported(FxRobot robot) throws Exception {
    Path img = styleImage(0x203040);
    robot.interact(() -> assertTrue(view().style().useStyleImage(img)));
    assertEquals(1, doc().gallery().size());
    assertNotNull(doc().globalZProperty().get());
    assertArrayEquals(doc().gallery().get(0).z(), doc().globalZProperty().get());
    Path bad = Files.writeString(dir.resolve("broken.jpg"), "no image here");
    robot.interact(() -> assertFalse(view().style().useStyleImage(bad)));
    assertTrue(dialogs.errors.get(0).contains("broken.jpg"), dialogs.errors.get(0));
    assertEquals(1, doc().gallery().size());
  }

  @Test
  void theMixSliderInterpolatesBetweenTheTwoStyles(FxRobot robot) throws Exception {
    robot.interact(() -> view().style().setSeed(5));
    float[] base = doc().globalStyle(context.pack().zDim()).clone();
    Path img = styleImage(0x905010);
    robot.interact(() -> view().style().useStyleImage(img));
    float[] kept = doc().gallery().get(0).z();
    robot.interact(() -> view().style().setSeed(5)); // back to the seed's look
    robot.interact(() -> view().style().selectKept(0));
    robot.interact(() -> view().style().setMix(1));
    assertArrayEquals(kept, doc().globalZProperty().get());
    robot.interact(() -> view().style().setMix(0));
    assertArrayEquals(base, doc().globalZProperty().get());
    robot.interact(() -> view().style().setMix(0.5));
    float[] mid = doc().globalZProperty().get();
    assertEquals((base[0] + kept[0]) / 2, mid[0], 1e-5);
  }

  @Test
  void theStyleBrushPaintsARegionAndTheRenderFollows(FxRobot robot) throws Exception {
    robot.interact(() -> view().style().keepCurrent());
    robot.interact(() -> view().style().setSeed(777));
    RenderedImage before = awaitRender(null);
    use(robot, Tool.STYLE, null);
    robot.interact(
        () -> {
          view().style().selectKept(0);
          view().tools().setBrushSize(60);
        });
    assertNull(doc().regions());
    drag(robot, 20, 20, 120, 120);
    assertNotNull(doc().regions());
    assertEquals(1, doc().regions()[70 * 256 + 70]);
    assertEquals(0, doc().regions()[250 * 256 + 250]);
    RenderedImage after = awaitRender(before);
    assertFalse(Arrays.equals(before.argb(), after.argb()));
  }

  @Test
  void oneObjectGetsANewLookAndStylesSurviveSaveAndOpen(FxRobot robot) throws Exception {
    use(robot, Tool.OBJECT, "tree");
    robot.interact(() -> view().tools().setBrushSize(30));
    drag(robot, 60, 150, 60, 220);
    int id = doc().scene().instances().get(0).id();
    assertEquals(0, doc().scene().instance(id).orElseThrow().seed(), "takes the scene's look");
    RenderedImage before = awaitRender(null);
    robot.interact(
        () -> {
          view().instances().select(id);
          view().instances().rerollSelected();
        });
    assertNotEquals(0, doc().scene().instance(id).orElseThrow().seed());
    RenderedImage after = awaitRender(before);
    assertFalse(Arrays.equals(before.argb(), after.argb()));
    Path img = styleImage(0x406080);
    robot.interact(() -> view().style().useStyleImage(img));
    RenderedImage styled = awaitRender(after);
    Path file = dir.resolve("styled.sbrush");
    robot.interact(() -> assertTrue(window.files().saveTo(file)));
    robot.interact(() -> window.files().newDocument(64, 64));
    robot.interact(() -> assertTrue(window.files().openFile(file)));
    assertEquals(1, doc().gallery().size());
    assertArrayEquals(doc().gallery().get(0).z(), doc().globalZProperty().get());
    assertNotEquals(0, doc().scene().instance(id).orElseThrow().seed());
    org.testfx.util.WaitForAsyncUtils.waitFor(
        60,
        java.util.concurrent.TimeUnit.SECONDS,
        () -> {
          RenderedImage now = view().renderView().shownProperty().get();
          return now != null && !"file".equals(now.provider());
        });
    RenderedImage reopened = view().renderView().shownProperty().get();
    assertArrayEquals(styled.argb(), reopened.argb(), "reopening reproduces the image exactly");
  }
}
