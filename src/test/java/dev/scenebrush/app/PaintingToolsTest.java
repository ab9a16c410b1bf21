package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.app.window.ViewMode;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.RenderedImage;
import java.util.Arrays;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PaintingToolsTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @Test
  void brushStrokeIsHardEdgedAndReRenders(FxRobot robot) throws Exception {
    RenderedImage first = awaitRender(null);
    use(robot, Tool.BRUSH, "grass");
    robot.interact(() -> view().tools().setBrushSize(20));
    drag(robot, 40, 200, 220, 200);
    for (int x = 45; x <= 215; x += 10) {
      assertEquals(cls("grass"), doc().labelAt(x, 200), "stroke missed x=" + x);
    }
    assertEquals(0, doc().labelAt(128, 40), "pixels away from the stroke keep their label");
    for (int y = 185; y < 215; y++) {
      int v = doc().labelAt(120, y);
      assertTrue(v == 0 || v == cls("grass"), "only two labels, never a blend");
    }
    RenderedImage second = awaitRender(first);
    assertFalse(Arrays.equals(first.argb(), second.argb()), "the render follows the painting");
    assertTrue(
        robot.lookup("#status-render-time").queryLabeled().getText().startsWith("last render"));
  }

  @Test
  void eraserFillAndEyedropper(FxRobot robot) {
    use(robot, Tool.ERASER, null);
    robot.interact(() -> view().tools().setBrushSize(30));
    drag(robot, 128, 128, 130, 128);
    assertEquals(Palette.UNKNOWN, doc().labelAt(128, 128));
    use(robot, Tool.FILL, "sea");
    robot.clickOn(at(10, 10));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("sea"), doc().labelAt(250, 250));
    assertEquals(Palette.UNKNOWN, doc().labelAt(128, 128), "fill stops at the erased hole");
    use(robot, Tool.EYEDROPPER, "sky");
    robot.clickOn(at(250, 250));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("sea"), view().palette().selectedProperty().get());
  }

  @Test
  void lineRectangleEllipseAndPolygon(FxRobot robot) {
    use(robot, Tool.LINE, "dirt");
    robot.interact(() -> view().tools().setBrushSize(6));
    drag(robot, 20, 20, 120, 20);
    assertEquals(cls("dirt"), doc().labelAt(70, 20));
    assertEquals(0, doc().labelAt(70, 30));

    use(robot, Tool.RECTANGLE, "sand");
    drag(robot, 20, 60, 80, 100);
    assertEquals(cls("sand"), doc().labelAt(50, 80));
    assertEquals(0, doc().labelAt(90, 80));

    use(robot, Tool.ELLIPSE, "lake");
    drag(robot, 120, 60, 200, 120);
    assertEquals(cls("lake"), doc().labelAt(160, 90));
    assertEquals(0, doc().labelAt(122, 62), "the box corner stays outside the ellipse");

    use(robot, Tool.POLYGON, "rock");
    robot.clickOn(at(20, 150)).clickOn(at(100, 150)).clickOn(at(60, 230));
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("rock"), doc().labelAt(60, 170));
    assertEquals(0, doc().labelAt(25, 225));

    use(robot, Tool.LASSO, "flower");
    robot
        .drag(at(150, 150), javafx.scene.input.MouseButton.PRIMARY)
        .moveTo(at(230, 150))
        .moveTo(at(230, 230))
        .moveTo(at(150, 230))
        .dropTo(at(150, 160));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("flower"), doc().labelAt(190, 190));
    assertEquals(0, doc().labelAt(240, 240));
  }

  @Test
  void keyboardShortcutsPickToolsAndBrushSize(FxRobot robot) {
    robot.clickOn(at(5, 5), MouseButton.MIDDLE); // focus the canvas without painting
    robot.type(KeyCode.G);
    assertEquals(Tool.FILL, view().tools().toolProperty().get());
    robot.type(KeyCode.E);
    assertEquals(Tool.ERASER, view().tools().toolProperty().get());
    robot.type(KeyCode.L);
    assertEquals(Tool.LINE, view().tools().toolProperty().get());
    robot.type(KeyCode.I);
    assertEquals(Tool.EYEDROPPER, view().tools().toolProperty().get());
    robot.type(KeyCode.B);
    assertEquals(Tool.BRUSH, view().tools().toolProperty().get());
    int size = view().tools().brushSize();
    robot.type(KeyCode.CLOSE_BRACKET);
    assertTrue(view().tools().brushSize() > size);
    robot.type(KeyCode.OPEN_BRACKET).type(KeyCode.OPEN_BRACKET);
    assertTrue(view().tools().brushSize() < size);
  }

  @Test
  void spaceDragPansInsteadOfPainting(FxRobot robot) {
    use(robot, Tool.BRUSH, "grass");
    robot.clickOn(at(5, 5), MouseButton.MIDDLE);
    double before = view().canvas().toView(0, 0).getX();
    robot.press(KeyCode.SPACE);
    drag(robot, 100, 100, 160, 100);
    robot.release(KeyCode.SPACE);
    assertNotEquals(before, view().canvas().toView(0, 0).getX(), 0.5);
    assertEquals(0, doc().labelAt(130, 100), "panning paints nothing");
  }

  @Test
  void undoRedoWithShortcutsAndAStrokeIsOneStep(FxRobot robot) {
    use(robot, Tool.BRUSH, "grass");
    drag(robot, 30, 50, 200, 60);
    drag(robot, 30, 150, 200, 160);
    assertEquals(2, doc().scene().undoDepth());
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(0, doc().labelAt(115, 155), "second stroke undone");
    assertEquals(cls("grass"), doc().labelAt(115, 55), "first stroke kept");
    robot
        .press(KeyCode.CONTROL, KeyCode.SHIFT)
        .type(KeyCode.Z)
        .release(KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("grass"), doc().labelAt(115, 155), "redo brings it back");
    int shown = view().canvas().displayedPixel(115, 155) & 0xFFFFFF;
    assertEquals(doc().palette().get(cls("grass")).rgb(), shown, "the canvas shows the redo");
  }

  @Test
  void viewModesAndZoom(FxRobot robot) throws Exception {
    awaitRender(null);
    for (ViewMode m : ViewMode.values()) {
      robot.interact(() -> view().viewModeProperty().set(m));
      WaitForAsyncUtils.waitForFxEvents();
    }
    robot.interact(() -> view().viewModeProperty().set(ViewMode.OVERLAY));
    assertTrue(view().canvas().isVisible());
    robot.interact(() -> view().canvas().zoomActual());
    assertEquals(1.0, view().canvas().zoomFactor(), 1e-9);
    robot.interact(() -> view().canvas().zoomToFit());
    assertTrue(view().canvas().zoomFactor() > 1.0, "a 256 px canvas fits larger than 100 %");
  }

  @Test
  void paletteSearchGroupsAndRecent(FxRobot robot) {
    robot.interact(() -> view().palette().setSearch("wat"));
    assertEquals(java.util.List.of("sea", "river", "lake"), view().palette().listedClasses());
    robot.interact(() -> view().palette().setSearch(""));
    robot.interact(
        () -> {
          view().palette().select(cls("tree"));
          view().palette().select(cls("sand"));
        });
    assertEquals("sand", view().palette().recentClasses().get(0));
    assertEquals("tree", view().palette().recentClasses().get(1));
    robot.clickOn("#recent-tree");
    assertEquals(cls("tree"), view().palette().selectedProperty().get());
    assertEquals(
        java.util.List.of("sand", "tree"),
        view().palette().recentClasses().subList(0, 2),
        "picking from the row does not reorder it under the cursor");
    robot.clickOn("#palette-search").write("lak").type(KeyCode.ENTER);
    assertEquals(cls("lake"), view().palette().selectedProperty().get(), "Enter picks the match");
    robot.interact(() -> view().canvas().requestFocus());
    robot.clickOn("#palette-search");
    assertEquals("", robot.lookup("#palette-search").queryTextInputControl().getText());
    assertTrue(view().palette().listedClasses().contains("sky"), "a new search shows all");
  }
}
