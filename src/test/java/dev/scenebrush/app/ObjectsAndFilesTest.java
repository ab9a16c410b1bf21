package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.dialogs.Dialogs;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.tools.Tool;
import dev.scenebrush.app.window.MainWindow;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.io.LabelImport;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.RenderedImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ObjectsAndFilesTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @TempDir Path dir;

  @Test
  void theSampleSceneOpensFromTheFileMenuWithItsObjectsAndRenders(FxRobot robot) throws Exception {
    javafx.scene.control.MenuItem item =
        robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
            .flatMap(m -> m.getItems().stream())
            .filter(i -> "Open Sample Scene".equals(i.getText()))
            .findFirst()
            .orElseThrow();
    robot.interact(item::fire);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(512, doc().width());
    assertTrue(doc().scene().instances().size() >= 5);
    assertFalse(doc().dirtyProperty().get(), "a fresh sample has nothing to save");
    RenderedImage shown = awaitRender(null);
    assertEquals(1.0, shown.width() / (double) shown.height(), 1e-9, "square like the sample");
  }

  @Test
  void objectBrushCreatesInstancesThatThePanelListsSelectsAndDeletes(FxRobot robot) {
    use(robot, Tool.OBJECT, "tree");
    robot.interact(() -> view().tools().setBrushSize(12));
    drag(robot, 50, 100, 50, 160);
    drag(robot, 150, 100, 150, 160);
    assertEquals(2, doc().scene().instances().size());
    assertEquals(2, view().instances().rowCount());
    int first = doc().scene().instances().get(0).id();
    assertEquals(first, doc().scene().instanceAt(50, 130));
    robot.interact(() -> view().instances().select(first));
    assertTrue((view().canvas().displayedPixel(50, 130) & 0xFFFFFF) != 0, "canvas still shows it");
    robot.interact(() -> view().instances().setMode(first, RenderMode.CLASS));
    assertEquals(RenderMode.CLASS, doc().scene().instance(first).map(Instance::mode).orElseThrow());
    robot.interact(() -> view().instances().deleteSelected());
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(1, doc().scene().instances().size());
    assertEquals(Palette.UNKNOWN, doc().labelAt(50, 130));
    robot.interact(() -> doc().undo());
    assertEquals(2, doc().scene().instances().size());
    assertEquals(first, doc().scene().instanceAt(50, 130));
  }

  @Test
  void saveThenOpenIsPixelExactAndRemembered(FxRobot robot) throws Exception {
    use(robot, Tool.BRUSH, "grass");
    drag(robot, 10, 200, 240, 200);
    use(robot, Tool.OBJECT, "house");
    drag(robot, 100, 120, 110, 130);
    awaitRender(null);
    byte[] labels = doc().scene().labelsSnapshot().raw();
    short[] ids = doc().scene().instancesSnapshot().raw();
    Path file = dir.resolve("scene.sbrush");
    dialogs.files.add(file);
    robot.interact(() -> assertTrue(window.files().saveAs()));
    assertFalse(doc().dirtyProperty().get());
    Document saved = doc();
    robot.interact(() -> window.files().newDocument(64, 64));
    assertNotSame(saved, doc());
    robot.interact(() -> assertTrue(window.files().openFile(file)));
    assertArrayEquals(labels, doc().scene().labelsSnapshot().raw());
    assertArrayEquals(ids, doc().scene().instancesSnapshot().raw());
    assertEquals(file, doc().fileProperty().get());
    assertTrue(Files.readString(settings.resolve("recent.json")).contains("scene.sbrush"));
  }

  @Test
  void aCorruptProjectIsRefusedAndThePaintingIsKept(FxRobot robot) throws Exception {
    use(robot, Tool.BRUSH, "grass");
    drag(robot, 10, 100, 200, 100);
    Document before = doc();
    Path bad = Files.writeString(dir.resolve("broken.sbrush"), "PK\u0003\u0004 truncated");
    robot.interact(() -> assertFalse(window.files().openFile(bad)));
    assertSame(before, doc(), "the open painting stays");
    assertEquals(1, dialogs.errors.size());
    assertTrue(dialogs.errors.get(0).contains("broken.sbrush"), dialogs.errors.get(0));
    drag(robot, 10, 150, 200, 150);
    assertEquals(cls("grass"), doc().labelAt(100, 150), "and can still be painted");
  }

  @Test
  void unsavedChangesAreAskedAboutAndCancelKeepsThem(FxRobot robot) {
    use(robot, Tool.BRUSH, "grass");
    drag(robot, 10, 100, 200, 100);
    assertTrue(doc().dirtyProperty().get());
    Document painted = doc();
    dialogs.unsavedAnswer = Dialogs.Unsaved.CANCEL;
    robot.interact(() -> window.files().newDocument());
    assertEquals(1, dialogs.unsavedAsked);
    assertSame(painted, doc());
    dialogs.unsavedAnswer = Dialogs.Unsaved.DISCARD;
    robot.interact(() -> window.files().newDocument());
    assertEquals(128, doc().width());
    assertEquals(96, doc().height());
  }

  @Test
  void autosaveIsOfferedBackAfterACrash(FxRobot robot) throws Exception {
    Path painted = dir.resolve("meadow.sbrush");
    robot.interact(() -> assertTrue(window.files().saveTo(painted)));
    use(robot, Tool.BRUSH, "sand");
    drag(robot, 10, 100, 200, 100);
    byte[] labels = doc().scene().labelsSnapshot().raw();
    java.util.concurrent.CompletableFuture<?>[] written =
        new java.util.concurrent.CompletableFuture<?>[1];
    robot.interact(() -> written[0] = window.autosaveNow());
    written[0].get(20, java.util.concurrent.TimeUnit.SECONDS);
    Path mine = window.recoveryFile();
    assertTrue(Files.isRegularFile(mine));
    long stamp = Files.getLastModifiedTime(mine).toMillis();
    // Nothing changed since: the next tick writes nothing.
    robot.interact(() -> written[0] = window.autosaveNow());
    assertTrue(written[0].isDone());
    assertEquals(stamp, Files.getLastModifiedTime(mine).toMillis());
    // This window is alive: another copy of the app is offered nothing and takes nothing.
    robot.interact(() -> window.offerRecovery());
    assertTrue(Files.isRegularFile(mine));
    // A crash: a recovery file nobody holds. The next start offers it, keeping the painting's path.
    Path crashed = Files.copy(mine, mine.resolveSibling("recovery-dead0001.sbrush"));
    robot.interact(() -> window.files().newDocument(32, 32));
    robot.interact(() -> window.offerRecovery());
    assertArrayEquals(labels, doc().scene().labelsSnapshot().raw());
    assertTrue(doc().dirtyProperty().get(), "restored work is still unsaved");
    assertEquals(painted, doc().fileProperty().get(), "Save goes back to the painting's file");
    assertTrue(Files.notExists(crashed));
    assertFalse(Files.readString(settings.resolve("recent.json")).contains("recovery"));
    robot.interact(() -> window.files().save());
    assertFalse(doc().dirtyProperty().get());
  }

  @Test
  void aDeclinedRecoveryIsKeptNotDeleted(FxRobot robot) throws Exception {
    use(robot, Tool.BRUSH, "sand");
    drag(robot, 10, 100, 200, 100);
    java.util.concurrent.CompletableFuture<?>[] written =
        new java.util.concurrent.CompletableFuture<?>[1];
    robot.interact(() -> written[0] = window.autosaveNow());
    written[0].get(20, java.util.concurrent.TimeUnit.SECONDS);
    Path crashed =
        Files.copy(
            window.recoveryFile(),
            window.recoveryFile().resolveSibling("recovery-dead0002.sbrush"));
    dialogs.restore = false;
    robot.interact(() -> window.offerRecovery());
    assertTrue(Files.notExists(crashed));
    try (var kept = Files.list(settings.resolve("recovered"))) {
      assertEquals(1, kept.count(), "declined work stays in the recovered folder");
    }
  }

  @Test
  void paintingsOfSeveralCrashedWindowsAreOneQuestion(FxRobot robot) throws Exception {
    use(robot, Tool.BRUSH, "sand");
    drag(robot, 10, 100, 200, 100);
    java.util.concurrent.CompletableFuture<?>[] written =
        new java.util.concurrent.CompletableFuture<?>[1];
    robot.interact(() -> written[0] = window.autosaveNow());
    written[0].get(20, java.util.concurrent.TimeUnit.SECONDS);
    byte[] sand = doc().scene().labelsSnapshot().raw();
    Path mine = window.recoveryFile();
    Path older = Files.copy(mine, mine.resolveSibling("recovery-dead0003.sbrush"));
    Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    Path newer = Files.copy(mine, mine.resolveSibling("recovery-dead0004.sbrush"));
    Path oldest = Files.copy(mine, mine.resolveSibling("recovery-dead0005.sbrush"));
    Files.setLastModifiedTime(oldest, java.nio.file.attribute.FileTime.fromMillis(500_000));
    robot.interact(() -> window.files().newDocument(32, 32));
    dialogs.restore = true;
    robot.interact(() -> window.offerRecovery());
    assertEquals(List.of(2), dialogs.restoreAsked, "one question, naming the two others");
    assertArrayEquals(sand, doc().scene().labelsSnapshot().raw(), "the newest is restored");
    assertTrue(Files.notExists(older) && Files.notExists(newer) && Files.notExists(oldest));
    try (var kept = Files.list(settings.resolve("recovered"))) {
      assertEquals(2, kept.count(), "the two others are kept, not offered again");
    }
    robot.interact(() -> window.offerRecovery());
    assertEquals(List.of(2), dialogs.restoreAsked, "nothing left to ask about");
  }

  @Test
  void importOfAnAntiAliasedColourMapSnapsAndReports(FxRobot robot) throws Exception {
    Palette p = doc().palette();
    BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(p.get(cls("sky")).rgb()));
    g.fillRect(0, 0, 200, 150);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(p.get(cls("mountain")).rgb()));
    g.fillPolygon(new int[] {0, 70, 140, 200, 200, 0}, new int[] {110, 40, 90, 50, 150, 150}, 6);
    g.dispose();
    Path png = dir.resolve("aa.png");
    ImageIO.write(img, "png", png.toFile());
    LabelImport.Report[] r = new LabelImport.Report[1];
    robot.interact(() -> r[0] = window.files().importLabels(png).orElseThrow());
    assertTrue(r[0].snapped() > 0, r[0].summary());
    assertEquals(0, r[0].unknownColors());
    assertEquals(200, doc().width());
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 200; x++) {
        int v = doc().labelAt(x, y);
        assertTrue(v == cls("sky") || v == cls("mountain"), "(" + x + "," + y + ") = " + v);
      }
    }
    assertTrue(robot.lookup("#status-message").queryLabeled().getText().contains("snapped"));
    // Export both ways and read them back exactly.
    Path colours = dir.resolve("out-colours.png");
    Path index = dir.resolve("out-index.png");
    robot.interact(
        () -> {
          assertTrue(window.files().exportLabels(colours, true));
          assertTrue(window.files().exportLabels(index, false));
        });
    assertArrayEquals(
        doc().scene().labelsSnapshot().raw(), LabelImages.readLabels(colours, p).raw());
    assertArrayEquals(doc().scene().labelsSnapshot().raw(), LabelImages.readLabels(index, p).raw());
  }

  @Test
  void leftoversOfKilledSavesBesideRecentPaintingsGoAtStart(FxRobot robot) throws Exception {
    Path painted = dir.resolve("p.sbrush");
    robot.interact(() -> assertTrue(window.files().saveTo(painted)));
    Path left = dev.scenebrush.inference.io.TempFiles.create(dir, "p.sbrush");
    Files.setLastModifiedTime(
        left, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    MainWindow[] next = new MainWindow[1];
    robot.interact(
        () ->
            next[0] =
                new MainWindow(
                    context, dialogs, settings, Document.blank(doc().palette(), 64, 64, 0)));
    WaitForAsyncUtils.waitFor(
        20, java.util.concurrent.TimeUnit.SECONDS, () -> Files.notExists(left));
    assertTrue(Files.isRegularFile(painted));
    robot.interact(() -> next[0].shutdown());
  }
}
