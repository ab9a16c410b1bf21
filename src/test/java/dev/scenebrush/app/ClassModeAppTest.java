package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.render.RenderedImage;
import java.util.List;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An object in class mode is re-rendered by its class generator; a new look changes only it. */
@ExtendWith(ApplicationExtension.class)
class ClassModeAppTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @Test
  void classModeAndANewLookForOneObject(FxRobot robot) throws Exception {
    RenderedImage shown = awaitRender(null);
    use(robot, Tool.OBJECT, "tree");
    robot.interact(() -> view().tools().setBrushSize(24));
    drag(robot, 60, 60, 60, 120);
    drag(robot, 190, 150, 190, 200);
    assertEquals(2, doc().scene().instances().size());
    int first = doc().scene().instances().get(0).id();
    int second = doc().scene().instances().get(1).id();
    RenderedImage base = awaitRender(shown);
    // The first through its row's Render box, as a user picks it; the second through the panel.
    List<ComboBox<RenderMode>> boxes = modeBoxes(robot);
    assertEquals(List.of("Base", "Base"), shownLabels(boxes), "the Render column names the modes");
    // One change, one render each: on a busy machine the first change's render can finish after
    // the second change, and would be taken for the picture with both objects in class mode.
    robot.interact(() -> boxes.get(0).setValue(RenderMode.CLASS));
    assertEquals(RenderMode.CLASS, doc().scene().instance(first).orElseThrow().mode());
    RenderedImage firstClassed = awaitRender(base);
    robot.interact(() -> view().instances().setMode(second, RenderMode.CLASS));
    RenderedImage classed = awaitRender(firstClassed);
    assertEquals(List.of("Class", "Class"), shownLabels(modeBoxes(robot)));
    assertFalse(java.util.Arrays.equals(base.argb(), classed.argb()), "the class pass ran");
    // A new look for the second tree: the first tree and everything far away stay as they are.
    robot.interact(
        () -> {
          view().instances().select(second);
          view().instances().rerollSelected();
        });
    RenderedImage rerolled = awaitRender(classed);
    int w = rerolled.width();
    double sx = w / 256.0;
    int changed = 0;
    for (int i = 0; i < rerolled.argb().length; i++) {
      if (rerolled.argb()[i] != classed.argb()[i]) {
        changed++;
        double x = (i % w) / sx;
        double y = (i / w) / sx;
        // The second tree's crop box (twice its size around it) in document pixels.
        assertTrue(x >= 100 && y >= 95, "changed far from the second tree at " + x + "," + y);
      }
    }
    assertTrue(changed > 0, "its look changed");
    // "Match scene" takes the second tree back to the scene's look: the picture before the new
    // look, exactly; undo gives it its own look again.
    robot.clickOn("Objects"); // the panel's tab
    javafx.scene.control.Button match = robot.lookup("#instance-match-scene").queryButton();
    assertFalse(match.isDisabled(), "an object with a look of its own can match the scene");
    robot.interact(match::fire);
    assertEquals(0, doc().scene().instance(second).orElseThrow().seed());
    assertTrue(match.isDisabled(), "it already takes the scene's look");
    // A render of the new look may still be on its way: wait for the one that matches, or fail.
    try {
      org.testfx.util.WaitForAsyncUtils.waitFor(
          60,
          java.util.concurrent.TimeUnit.SECONDS,
          () -> {
            RenderedImage now = doc().lastRenderProperty().get();
            return now != rerolled && java.util.Arrays.equals(classed.argb(), now.argb());
          });
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the picture never went back to the scene's look", e);
    }
    robot.interact(() -> doc().undo());
    assertTrue(doc().scene().instance(second).orElseThrow().seed() != 0, "undo: its own look");
  }

  @Test
  void aModeThePackLacksIsGreyedOutInThatObjectsRenderBox(FxRobot robot) throws Exception {
    // The test pack has a class generator for trees only (and a retrieval library).
    use(robot, Tool.OBJECT, "tree");
    robot.interact(() -> view().tools().setBrushSize(24));
    drag(robot, 60, 60, 60, 120);
    use(robot, Tool.OBJECT, "bush");
    drag(robot, 190, 150, 190, 200);
    int tree = doc().scene().instances().get(0).id();
    int bush = doc().scene().instances().get(1).id();
    assertTrue(view().instances().offers(tree, RenderMode.CLASS));
    assertFalse(view().instances().offers(bush, RenderMode.CLASS));
    assertTrue(view().instances().offers(bush, RenderMode.RETRIEVAL));
    List<ComboBox<RenderMode>> boxes = modeBoxes(robot);
    robot.interact(() -> boxes.get(1).show());
    List<javafx.scene.control.ListCell<?>> options =
        robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
            .filter(n -> n.isVisible() && ((javafx.scene.control.ListCell<?>) n).getItem() != null)
            .<javafx.scene.control.ListCell<?>>map(n -> (javafx.scene.control.ListCell<?>) n)
            .toList();
    robot.interact(() -> boxes.get(1).hide());
    assertEquals(
        List.of("Base", "Class (not in this pack)", "Retrieval"),
        options.stream().map(c -> c.getText()).toList());
    assertEquals(List.of(false, true, false), options.stream().map(c -> c.isDisabled()).toList());
  }

  @SuppressWarnings("unchecked")
  private static List<ComboBox<RenderMode>> modeBoxes(FxRobot robot) {
    return robot.lookup("#instances-table .combo-box").queryAll().stream()
        .filter(n -> n.isVisible() && ((ComboBox<?>) n).getValue() != null)
        .map(n -> (ComboBox<RenderMode>) n)
        .sorted(java.util.Comparator.comparingDouble(n -> n.localToScene(0, 0).getY()))
        .toList();
  }

  private static List<String> shownLabels(List<ComboBox<RenderMode>> boxes) {
    return boxes.stream().map(b -> b.getConverter().toString(b.getValue())).toList();
  }
}
