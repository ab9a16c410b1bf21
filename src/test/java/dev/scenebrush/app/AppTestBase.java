package dev.scenebrush.app;

import dev.scenebrush.app.canvas.LabelCanvasView;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.app.window.MainView;
import dev.scenebrush.app.window.MainWindow;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real window on the small test pack with scripted dialogs. */
abstract class AppTestBase {
  AppContext context;
  MainWindow window;
  StubDialogs dialogs = new StubDialogs();
  Path settings;

  /** Subclasses call this from their own @Start method (TestFX only sees declared ones). */
  void launch(Stage stage) throws Exception {
    launch(stage, 1200, 700);
  }

  void launch(Stage stage, double width, double height) throws Exception {
    SceneBrushApp.applyTheme(); // laid out as the user sees it
    settings = Files.createTempDirectory("sb-settings");
    context = new AppContext(pack(), true, Fixtures.palettes());
    Document doc = Document.blank(context.pack().palette(), 256, 256, 0);
    window = new MainWindow(context, dialogs, settings, doc);
    stage.setScene(new javafx.scene.Scene(window, width, height));
    stage.show();
  }

  /** The pack the window opens on. */
  dev.scenebrush.inference.pack.ModelPack pack() {
    return Fixtures.tinyPack();
  }

  @AfterEach
  void close() {
    window.shutdown();
    context.close();
  }

  MainView view() {
    return window.view();
  }

  Document doc() {
    return window.document();
  }

  int cls(String name) {
    return doc().palette().indexOf(name).orElseThrow();
  }

  Point2D at(double cx, double cy) {
    LabelCanvasView c = view().canvas();
    return c.localToScreen(c.toView(cx, cy));
  }

  void drag(FxRobot robot, double x0, double y0, double x1, double y1) {
    robot
        .drag(at(x0, y0), MouseButton.PRIMARY)
        .moveTo(at((x0 + x1) / 2, (y0 + y1) / 2))
        .dropTo(at(x1, y1));
    WaitForAsyncUtils.waitForFxEvents();
  }

  void use(FxRobot robot, Tool tool, String className) {
    robot.interact(
        () -> {
          view().tools().select(tool);
          if (className != null) {
            view().palette().select(cls(className));
          }
        });
  }

  /** The texts shown in notifications (and any other popup) over the window now. */
  static java.util.List<String> popupTexts() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
      if (w instanceof javafx.stage.PopupWindow && w.getScene() != null) {
        collectTexts(w.getScene().getRoot(), out);
      }
    }
    return out;
  }

  private static void collectTexts(javafx.scene.Node n, java.util.List<String> out) {
    if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
      out.add(l.getText());
    }
    if (n instanceof javafx.scene.Parent p) {
      p.getChildrenUnmodifiable().forEach(c -> collectTexts(c, out));
    }
  }

  /** The next finished render (with a ladder pack: its top rung, not a picture on the way). */
  RenderedImage awaitRender(RenderedImage previous) throws Exception {
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> {
          RenderedImage now = doc().lastRenderProperty().get();
          return now != null && now != previous;
        });
    WaitForAsyncUtils.waitForFxEvents();
    return doc().lastRenderProperty().get();
  }
}
