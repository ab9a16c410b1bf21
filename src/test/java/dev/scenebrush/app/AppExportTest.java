package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.export.ExportJob;
import dev.scenebrush.app.export.ExportSettings;
import dev.scenebrush.app.window.MainWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javafx.concurrent.Worker;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Export from the app: background job with progress, extra files, cancel, bad requests. */
@ExtendWith(ApplicationExtension.class)
class AppExportTest extends AppTestBase {
  @TempDir Path dir;

  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  private ExportJob export(FxRobot robot, ExportSettings s) {
    dialogs.exportAnswer = s;
    AtomicReference<ExportJob> job = new AtomicReference<>();
    robot.interact(() -> job.set(window.exportImage().orElse(null)));
    return job.get();
  }

  /** Task state is read on the FX thread only. */
  private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  private static Worker.State await(ExportJob job) throws Exception {
    WaitForAsyncUtils.waitFor(
        120,
        TimeUnit.SECONDS,
        () -> {
          Worker.State st = onFx(job::getState);
          return st == Worker.State.SUCCEEDED
              || st == Worker.State.FAILED
              || st == Worker.State.CANCELLED;
        });
    WaitForAsyncUtils.waitForFxEvents();
    return onFx(job::getState);
  }

  @Test
  void exportsAnyAspectWithLabelsAndLayersInTheBackground(FxRobot robot) throws Exception {
    Path image = dir.resolve("wide.png");
    ExportJob job = export(robot, new ExportSettings(640, 256, image, true, false, true));
    assertTrue(view().status().exporting(), "progress shows while the export runs");
    assertEquals(Worker.State.SUCCEEDED, await(job), String.valueOf(onFx(job::getException)));
    BufferedImage img = ImageIO.read(image.toFile());
    assertEquals(640, img.getWidth());
    assertEquals(256, img.getHeight());
    assertEquals(640, ImageIO.read(dir.resolve("wide-labels.png").toFile()).getWidth());
    // The layered file holds the same picture and the label map, as GIMP and Krita read them.
    try (java.util.zip.ZipFile ora = new java.util.zip.ZipFile(dir.resolve("wide.ora").toFile())) {
      assertEquals("mimetype", ora.entries().nextElement().getName(), "mimetype comes first");
      BufferedImage layer = ImageIO.read(ora.getInputStream(ora.getEntry("data/image.png")));
      assertEquals(640, layer.getWidth());
      for (int y = 0; y < 256; y += 37) {
        for (int x = 0; x < 640; x += 53) {
          assertEquals(img.getRGB(x, y), layer.getRGB(x, y), "image layer at " + x + "," + y);
        }
      }
      String stack =
          new String(
              ora.getInputStream(ora.getEntry("stack.xml")).readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(stack.contains("name=\"Image\"") && stack.contains("name=\"Labels\""), stack);
    }
    assertFalse(Files.exists(dir.resolve("wide-instances.png")));
    assertEquals(1.0, onFx(job::getProgress), 1e-9);
    assertTrue(view().status().messageText().startsWith("Exported wide.png (640×256)"));
    WaitForAsyncUtils.waitForFxEvents();
    java.util.List<String> shown = onFx(AppTestBase::popupTexts);
    assertTrue(
        shown.stream().anyMatch(t -> t.startsWith("Exported wide.png (640×256)")),
        "a notification says the export is done: " + shown);
    assertFalse(view().status().messageText().contains("base generator"));
    assertFalse(view().status().exporting());
  }

  @Test
  void anExportInRetrievalModeSaysWhichGeneratorRendered(FxRobot robot) throws Exception {
    robot.interact(() -> view().retrievalModeProperty().set(true));
    Path image = dir.resolve("guided.png");
    ExportJob job = export(robot, new ExportSettings(256, 256, image, false, false, false));
    assertEquals(Worker.State.SUCCEEDED, await(job), String.valueOf(onFx(job::getException)));
    assertTrue(Files.size(image) > 0);
    assertTrue(
        view().status().messageText().contains("with the base generator"),
        view().status().messageText());
  }

  @Test
  void cancelLeavesNothingAndPaintingGoesOnMeanwhile(FxRobot robot) throws Exception {
    Path image = dir.resolve("big.png");
    ExportJob job = export(robot, new ExportSettings(4096, 4096, image, true, true, true));
    // The window keeps working while the export runs: a fill is one undo step as usual.
    robot.interact(() -> doc().scene().fill(10, 10, cls("grass")));
    assertEquals(cls("grass"), doc().labelAt(10, 10));
    robot.interact(() -> robot.lookup("#export-cancel").queryButton().fire());
    assertEquals(Worker.State.CANCELLED, await(job));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "no file and no temporary file is left");
    }
    assertTrue(view().status().messageText().contains("cancelled"));
  }

  @Test
  void badRequestsAreRefusedWithTheReason(FxRobot robot) {
    assertEquals(
        null, export(robot, new ExportSettings(0, 100, dir.resolve("a.png"), false, false, false)));
    assertTrue(
        dialogs.errors.get(0).contains("canvas size must be 1..8192"), dialogs.errors.get(0));
    export(robot, new ExportSettings(100, 100000, dir.resolve("a.png"), false, false, false));
    assertTrue(dialogs.errors.get(1).contains("8192"), dialogs.errors.get(1));
    export(robot, new ExportSettings(100, 100, dir.resolve("missing/a.png"), false, false, false));
    assertTrue(
        dialogs.errors.get(2).contains("folder missing or read-only"), dialogs.errors.get(2));
    export(robot, new ExportSettings(100, 100, dir.resolve("a.gif"), false, false, false));
    assertTrue(dialogs.errors.get(3).contains(".png, .jpg or .tif"), dialogs.errors.get(3));
  }

  @Test
  void theExportDialogStartsNextToTheSavedPaintingWithTheLastSettings(FxRobot robot)
      throws Exception {
    Path painting = dir.resolve("dune.sbrush");
    robot.interact(() -> assertTrue(window.files().saveTo(painting)));
    Path other = dir.resolve("out");
    java.nio.file.Files.createDirectories(other);
    ExportJob job =
        export(robot, new ExportSettings(512, 512, other.resolve("big.png"), true, false, true));
    assertEquals(Worker.State.SUCCEEDED, await(job));
    ExportSettings first = dialogs.exportSuggestions.get(0);
    assertEquals(dir.resolve("dune.png"), first.image(), "next to the painting, named after it");
    assertEquals(256, first.width(), "the painting's size the first time");
    dialogs.exportAnswer = null; // the user cancels the second dialog
    robot.interact(() -> window.exportImage());
    ExportSettings second = dialogs.exportSuggestions.get(1);
    assertEquals(512, second.width(), "the last size, same proportions");
    assertTrue(second.labels() && second.layers() && !second.instances(), "the last extras");
    assertEquals(dir.resolve("dune.png"), second.image());
  }

  @Test
  void theLastExportSettingsSurviveARestart(FxRobot robot) throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    ExportJob job =
        export(robot, new ExportSettings(384, 384, out.resolve("wide.png"), true, true, false));
    assertEquals(Worker.State.SUCCEEDED, await(job));
    // A new window on the same settings folder, as after quitting and starting again.
    robot.interact(
        () -> {
          window.shutdown();
          window =
              new MainWindow(
                  context,
                  dialogs,
                  settings,
                  dev.scenebrush.app.document.Document.blank(
                      context.pack().palette(), 128, 128, 0));
        });
    dialogs.exportAnswer = null;
    robot.interact(() -> window.exportImage());
    ExportSettings after = dialogs.exportSuggestions.get(dialogs.exportSuggestions.size() - 1);
    assertEquals(384, after.width(), "the last size (same proportions)");
    assertEquals(
        out.resolve("wide.png"), after.image(), "the last folder and name (unsaved painting)");
    assertTrue(after.labels() && after.instances() && !after.layers(), "the last extras");
  }

  @Test
  void aPhotoshopFileCanBeTheLayeredOneAndItsSettingIsRemembered(FxRobot robot) throws Exception {
    Path image = dir.resolve("scene.png");
    ExportJob job =
        export(
            robot,
            new ExportSettings(
                320, 320, image, false, false, true, dev.scenebrush.app.export.LayeredFormat.PSD));
    assertEquals(Worker.State.SUCCEEDED, await(job), String.valueOf(onFx(job::getException)));
    assertFalse(Files.exists(dir.resolve("scene.ora")));
    var read = dev.scenebrush.inference.LayeredPsdTest.read(dir.resolve("scene.psd"), "10,10");
    assertEquals(320, read.get("width").getAsInt());
    assertEquals(
        "Image", read.getAsJsonArray("layers").get(0).getAsJsonObject().get("name").getAsString());
    dialogs.exportAnswer = null;
    robot.interact(() -> window.exportImage());
    ExportSettings next = dialogs.exportSuggestions.get(dialogs.exportSuggestions.size() - 1);
    assertEquals(dev.scenebrush.app.export.LayeredFormat.PSD, next.layersFormat());
  }
}
