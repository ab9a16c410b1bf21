package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * New objects start in the mode the pack gives their class: the bundled pack draws houses with its
 * house generator (measured better than the base's houses), trees with the base generator.
 */
@ExtendWith(ApplicationExtension.class)
class NewObjectModeAppTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @Override
  ModelPack pack() {
    return Fixtures.bundledPack("landscape");
  }

  @Test
  void aPaintedHouseStartsInClassModeAndATreeInBaseMode(FxRobot robot) {
    use(robot, Tool.OBJECT, "house");
    robot.interact(() -> view().tools().setBrushSize(24));
    drag(robot, 60, 60, 60, 120);
    use(robot, Tool.OBJECT, "tree");
    drag(robot, 190, 150, 190, 200);
    assertEquals(List.of(RenderMode.CLASS, RenderMode.BASE), modes());
    robot.interact(() -> doc().undo());
    robot.interact(() -> doc().undo());
    robot.interact(() -> doc().redo());
    assertEquals(List.of(RenderMode.CLASS), modes(), "undo and redo keep the mode it started in");
    // The sample scene, opened from the menu, starts its houses in class mode too.
    dialogs.unsavedAnswer = dev.scenebrush.app.dialogs.Dialogs.Unsaved.DISCARD;
    robot.interact(() -> window.files().openSample());
    List<Instance> sample = doc().scene().instances();
    for (Instance o : sample) {
      RenderMode expected = o.classIndex() == cls("house") ? RenderMode.CLASS : RenderMode.BASE;
      assertEquals(expected, o.mode(), "object " + o.id() + " of the sample");
    }
    assertTrue(sample.stream().anyMatch(o -> o.mode() == RenderMode.CLASS), "it has houses");
  }

  private List<RenderMode> modes() {
    return doc().scene().instances().stream().map(Instance::mode).toList();
  }
}
