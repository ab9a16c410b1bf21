package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.testing.Fixtures;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {
  AppContext context;
  MainView view;
  Document doc;

  @Start
  void start(Stage stage) {
    context = new AppContext(Fixtures.tinyPack(), true);
    doc = new Document(context.pack().palette(), 256, 256);
    doc.fillAll(0);
    view = new MainView(context, doc);
    stage.setScene(new Scene(view, 1000, 600));
    stage.show();
    view.requestRender();
  }

  @AfterEach
  void close() {
    context.close();
  }

  RenderedImage awaitRender(RenderedImage previous) throws Exception {
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> {
          RenderedImage now = view.renderView().shownProperty().get();
          return now != null && now != previous;
        });
    return view.renderView().shownProperty().get();
  }

  Point2D screenOf(FxRobot robot, double cx, double cy) {
    LabelCanvasView c = view.canvas();
    return c.localToScreen(c.toView(cx, cy));
  }

  @Test
  void strokeSetsLabelPixelsAndUpdatesTheRenderedImage(FxRobot robot) throws Exception {
    RenderedImage first = awaitRender(null);
    assertNotNull(first);
    assertTrue(view.status().lookup("#status-provider") != null);
    int grass = doc.palette().indexOf("grass").orElseThrow();
    robot.interact(
        () -> {
          view.palette().select(grass);
          view.tools().setBrushSize(20);
        });
    robot.drag(screenOf(robot, 40, 200), MouseButton.PRIMARY).dropTo(screenOf(robot, 220, 200));
    WaitForAsyncUtils.waitForFxEvents();
    for (int x = 45; x <= 215; x += 10) {
      assertEquals(grass, doc.labelAt(x, 200), "stroke missed x=" + x);
    }
    assertEquals(0, doc.labelAt(128, 40), "pixels away from the stroke keep their label");
    RenderedImage second = awaitRender(first);
    assertFalse(Arrays.equals(first.argb(), second.argb()), "the render follows the painting");
    assertTrue(
        robot.lookup("#status-render-time").queryLabeled().getText().startsWith("last render"));
  }

  @Test
  void eraserPaintsUnknownAndFillFillsARegion(FxRobot robot) throws Exception {
    awaitRender(null);
    robot.interact(() -> view.tools().select(Tool.ERASER));
    robot.interact(() -> view.tools().setBrushSize(30));
    robot.drag(screenOf(robot, 128, 128), MouseButton.PRIMARY).dropTo(screenOf(robot, 130, 128));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(Palette.UNKNOWN, doc.labelAt(128, 128));
    int sea = doc.palette().indexOf("sea").orElseThrow();
    robot.interact(
        () -> {
          view.tools().select(Tool.FILL);
          view.palette().select(sea);
        });
    robot.clickOn(screenOf(robot, 10, 10));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(sea, doc.labelAt(250, 250));
    assertEquals(Palette.UNKNOWN, doc.labelAt(128, 128), "fill stops at the erased hole");
  }
}
