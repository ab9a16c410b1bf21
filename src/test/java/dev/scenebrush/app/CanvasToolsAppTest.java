package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.app.window.ViewMode;
import java.util.Arrays;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Circle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Selecting and moving objects, the pointer chain, the brush outline, zoom and linked views. */
@ExtendWith(ApplicationExtension.class)
class CanvasToolsAppTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  /** A tree painted with the object brush; returns its id. */
  int paintTree(FxRobot robot) {
    use(robot, Tool.OBJECT, "tree");
    robot.interact(() -> view().tools().setBrushSize(20));
    drag(robot, 60, 120, 60, 160);
    return doc().scene().instances().get(0).id();
  }

  void key(FxRobot robot, KeyCode... keys) {
    robot.press(keys);
    KeyCode[] reversed = keys.clone();
    java.util.Collections.reverse(Arrays.asList(reversed));
    robot.release(reversed);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theSelectToolSelectsMovesAndDeletesAnObjectAndEachStepUndoes(FxRobot robot) {
    int id = paintTree(robot);
    int count = doc().scene().pixelCount(id);
    use(robot, Tool.SELECT, null);
    robot.clickOn(at(60, 140));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(id, view().instances().selectedProperty().get(), "the Objects tab follows");
    assertEquals(4, robot.lookup("#selection-handle").queryAll().size(), "box with handles");
    drag(robot, 60, 140, 160, 100);
    assertEquals(id, doc().scene().instanceAt(160, 100), "moved under the cursor");
    assertEquals(0, doc().scene().instanceAt(60, 140));
    assertEquals(count, doc().scene().pixelCount(id));
    assertEquals("Move tree", doc().scene().undoName().orElseThrow());
    key(robot, KeyCode.DELETE);
    assertTrue(doc().scene().instance(id).isEmpty(), "Delete removes the selected object");
    key(robot, KeyCode.CONTROL, KeyCode.Z);
    assertEquals(id, doc().scene().instanceAt(160, 100));
    key(robot, KeyCode.CONTROL, KeyCode.Z);
    assertEquals(id, doc().scene().instanceAt(60, 140), "back where it was painted");
  }

  @Test
  void ctrlDDuplicatesAndShiftHFlipsTheSelectedObject(FxRobot robot) {
    int id = paintTree(robot);
    robot.interact(() -> view().instances().select(id));
    robot.interact(() -> view().canvas().requestFocus());
    int count = doc().scene().pixelCount(id);
    key(robot, KeyCode.CONTROL, KeyCode.D);
    assertEquals(2, doc().scene().instances().size());
    int copy = view().instances().selectedProperty().get();
    assertNotEquals(id, copy, "the copy is selected");
    assertEquals(count, doc().scene().pixelCount(copy), "a whole copy, drawn over the original");
    key(robot, KeyCode.SHIFT, KeyCode.H);
    assertEquals("Flip tree", doc().scene().undoName().orElseThrow());
    assertEquals(Tool.OBJECT, view().tools().toolProperty().get(), "Shift+H is not the pan key");
  }

  @Test
  void middleDragAndSpaceDragPanWithoutReachingTheTool(FxRobot robot) {
    use(robot, Tool.BRUSH, "sand");
    byte[] before = doc().scene().labelsSnapshot().raw();
    double panX = view().canvas().panXProperty().get();
    robot.drag(at(100, 100), MouseButton.MIDDLE).moveTo(at(130, 100)).dropTo(at(160, 100));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(Arrays.equals(before, doc().scene().labelsSnapshot().raw()), "nothing painted");
    assertNotEquals(panX, view().canvas().panXProperty().get(), "the view moved");
  }

  @Test
  void altClickPicksTheClassWithAnyTool(FxRobot robot) {
    use(robot, Tool.RECTANGLE, "sand");
    drag(robot, 20, 20, 80, 80);
    robot.interact(() -> view().palette().select(cls("sea")));
    robot.press(KeyCode.ALT).clickOn(at(50, 50)).release(KeyCode.ALT);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("sand"), view().palette().selectedProperty().get());
    assertEquals(1, doc().scene().undoDepth(), "the click drew nothing");
  }

  @Test
  void aRectangleEndingTwoPixelsShortOfTheEdgeSnapsToItSoAFillCannotLeak(FxRobot robot) {
    robot.interact(() -> view().canvas().zoomActual());
    use(robot, Tool.RECTANGLE, "sea");
    drag(robot, 100, 40, 253.5, 253.5); // the canvas is 256 px: 2 px short of both edges
    assertEquals(cls("sea"), doc().labelAt(255, 255), "snapped to the corner");
    assertEquals(cls("sea"), doc().labelAt(255, 100));
    use(robot, Tool.FILL, "sand");
    robot.clickOn(at(10, 10));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("sea"), doc().labelAt(255, 200), "the fill stayed outside the shape");
  }

  @Test
  void theBrushOutlineHasTheBrushSizeAtAnyZoomAndTheZoomIsShown(FxRobot robot) {
    use(robot, Tool.BRUSH, "sand");
    robot.interact(() -> view().tools().setBrushSize(40));
    robot.interact(() -> view().canvas().zoomActual());
    robot.moveTo(at(128, 128));
    WaitForAsyncUtils.waitForFxEvents();
    Circle ring = robot.lookup("#brush-outline").query();
    assertTrue(ring.isVisible());
    assertEquals(20, ring.getRadius(), 1e-9, "radius in canvas pixels");
    assertEquals(128, ring.getCenterX(), 1.0);
    assertEquals("100 %", view().status().zoomText());
    double screenRadius = ring.localToScreen(ring.getBoundsInLocal()).getWidth() / 2;
    robot.scroll(1, javafx.geometry.VerticalDirection.UP);
    WaitForAsyncUtils.waitForFxEvents();
    double zoom = view().canvas().zoomFactor();
    assertNotEquals(1.0, zoom);
    assertEquals(Math.round(zoom * 100) + " %", view().status().zoomText());
    double zoomedRadius = ring.localToScreen(ring.getBoundsInLocal()).getWidth() / 2;
    assertEquals(screenRadius * zoom, zoomedRadius, 2.0, "the outline scales with the view");
    use(robot, Tool.FILL, "sand");
    robot.moveTo(at(100, 100));
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(ring.isVisible(), "tools without a brush show no outline");
  }

  @Test
  void sideBySideThePictureFollowsTheCanvasZoomAndPan(FxRobot robot) throws Exception {
    awaitRender(null);
    robot.interact(() -> view().canvas().zoomActual());
    WaitForAsyncUtils.waitForFxEvents();
    var b = view().renderView().pictureBounds();
    assertEquals(256, b.getWidth(), 1.0, "100 % on the canvas is 100 % in the picture");
    assertEquals(view().canvas().panXProperty().get(), b.getMinX(), 1.0);
    robot.interact(() -> view().linkViewsProperty().set(false));
    WaitForAsyncUtils.waitForFxEvents();
    var fitted = view().renderView().pictureBounds();
    assertEquals(
        Math.min(view().renderView().getWidth(), view().renderView().getHeight()),
        fitted.getWidth(),
        1.0,
        "unlinked, the picture is fitted");
  }

  @Test
  void theViewMenuFollowsTheViewAfterNewAndTheOverlayHasAnOpacitySlider(FxRobot robot) {
    robot.interact(
        () -> {
          view().viewModeProperty().set(ViewMode.OVERLAY);
          view().overlayOpacityProperty().set(0.3);
        });
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.Slider opacity = robot.lookup("#overlay-opacity").query();
    assertTrue(opacity.isVisible());
    assertEquals(0.3, opacity.getValue(), 1e-9);
    assertTrue(radio("menu-mode-overlay").isSelected());
    robot.interact(() -> window.files().newDocument(128, 96));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(ViewMode.SIDE_BY_SIDE, view().viewModeProperty().get());
    assertTrue(radio("menu-mode-side_by_side").isSelected(), "the menu shows the new view's mode");
    CheckMenuItem link = (CheckMenuItem) menuItem("menu-link-views");
    assertTrue(link.isSelected());
    robot.interact(() -> link.setSelected(false));
    assertFalse(view().linkViewsProperty().get(), "the item drives the new view");
  }

  @Test
  void afterOpenTheMenusShowTheOpenedPaintingAndShortcutsNeedNoMenu(FxRobot robot)
      throws Exception {
    java.nio.file.Path file = settings.resolve("overlay.sbrush");
    robot.interact(
        () -> {
          view().viewModeProperty().set(ViewMode.OVERLAY);
          assertTrue(window.files().saveTo(file));
          window.files().newDocument(96, 96);
        });
    assertTrue(radio("menu-mode-side_by_side").isSelected());
    assertTrue(menuItem("menu-undo").isDisable(), "a new painting has nothing to undo");
    robot.interact(() -> assertTrue(window.files().openFile(file)));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(radio("menu-mode-overlay").isSelected(), "the mode saved with the painting");
    assertEquals(ViewMode.OVERLAY, view().viewModeProperty().get());
    // Paint an object, select it and duplicate it by shortcut: no menu was opened in this window.
    paintTree(robot);
    int id = doc().scene().instances().get(0).id();
    robot.interact(() -> view().instances().select(id));
    javafx.scene.control.Button dup = robot.lookup("#instance-duplicate").queryButton();
    assertFalse(dup.isDisable(), "the Objects tab button shares the action's state");
    key(robot, KeyCode.CONTROL, KeyCode.D);
    assertEquals(2, doc().scene().instances().size(), "Ctrl+D duplicated the selected object");
    key(robot, KeyCode.CONTROL, KeyCode.Z);
    assertEquals(1, doc().scene().instances().size(), "Ctrl+Z took the copy back");
    robot.interact(() -> view().instances().select(0));
    assertTrue(dup.isDisable() && menuItem("menu-duplicate").isDisable(), "nothing selected");
  }

  RadioMenuItem radio(String id) {
    return (RadioMenuItem) menuItem(id);
  }

  MenuItem menuItem(String id) {
    javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) window.getTop();
    for (Menu m : bar.getMenus()) {
      for (MenuItem i : m.getItems()) {
        if (id.equals(i.getId())) {
          return i;
        }
      }
    }
    throw new AssertionError("no menu item " + id);
  }

  @Test
  void theShortcutListIsReadFromTheMenusAndTools(FxRobot robot) {
    robot.interact(window::showShortcuts);
    String text = dialogs.infos.get(dialogs.infos.size() - 1);
    for (Tool t : Tool.values()) {
      assertTrue(text.contains(t.label()), t.label());
    }
    assertTrue(text.contains("Duplicate Object"), text);
    assertTrue(text.contains("Save As"), text);
  }
}
