package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.testing.Fixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** With a ladder pack the preview is rendered at the size it is shown, base picture first. */
@ExtendWith(ApplicationExtension.class)
class LadderPreviewAppTest extends AppTestBase {
  final List<Integer> shownWidths = new CopyOnWriteArrayList<>();

  @Override
  ModelPack pack() {
    return Fixtures.ladderPack();
  }

  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
    view()
        .renderView()
        .shownProperty()
        .addListener((o, a, img) -> shownWidths.add(img == null ? 0 : img.width()));
  }

  @Test
  void previewClimbsToTheViewSizeAndSaysWhichRungShows(FxRobot robot) throws Exception {
    // Renders before the first layout may have used the default size; the view's own size then
    // asks for another render.
    WaitForAsyncUtils.waitFor(
        60,
        java.util.concurrent.TimeUnit.SECONDS,
        () -> {
          RenderedImage r = doc().lastRenderProperty().get();
          return r != null && r.width() == view().previewSize()[0];
        });
    shownWidths.clear();
    RenderedImage before = doc().lastRenderProperty().get();
    robot.interact(() -> view().requestRender());
    RenderedImage done = awaitRender(before);
    int[] size = view().previewSize();
    assertTrue(size[0] > 64, "the 256-px document is shown larger than the base: " + size[0]);
    assertEquals(size[0], done.width());
    assertEquals(done.width(), done.height(), "the document's aspect (square)");
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(shownWidths.size() >= 2, "base first, then refined: " + shownWidths);
    assertTrue(shownWidths.get(0) < done.width(), "the first picture is the base: " + shownWidths);
    assertEquals(done.width(), shownWidths.get(shownWidths.size() - 1));
    String stage = robot.lookup("#status-stage").queryLabeled().getText();
    assertTrue(
        stage.startsWith("refined ") && stage.endsWith(done.width() + "×" + done.height()), stage);
  }
}
