package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.render.RenderedImage;
import java.util.Arrays;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Retrieval-guided rendering in the window, with a local re-roll. */
@ExtendWith(ApplicationExtension.class)
class RetrievalAppTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @Test
  void switchingToRetrievalRendersAndAltClickReRollsOneSegment(FxRobot robot) throws Exception {
    RenderedImage base = awaitRender(null);
    CheckMenuItem item =
        (CheckMenuItem)
            robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream())
                .filter(i -> "menu-retrieval".equals(i.getId()))
                .findFirst()
                .orElseThrow();
    assertFalse(item.isDisable(), "the test pack has a retrieval generator");
    robot.interact(
        () -> {
          item.setSelected(true);
          item.fire();
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(view().retrievalModeProperty().get());
    RenderedImage guided = awaitRender(base);
    assertFalse(Arrays.equals(base.argb(), guided.argb()), "the retrieval generator renders");
    robot.interact(() -> assertTrue(view().anotherSegmentAt(10, 10)));
    RenderedImage rerolled = awaitRender(guided);
    assertFalse(Arrays.equals(guided.argb(), rerolled.argb()), "another segment, another picture");
    assertTrue(view().status().messageText().contains("Another retrieved segment"));
  }
}
