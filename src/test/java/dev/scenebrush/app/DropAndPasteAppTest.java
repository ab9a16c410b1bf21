package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.io.LabelImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Files dropped on the window and pictures pasted into it go where an artist expects. */
@ExtendWith(ApplicationExtension.class)
class DropAndPasteAppTest extends AppTestBase {
  @TempDir Path dir;

  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  /** A colour label map of the painting's size: sky above, grass below. */
  Path labelPng() throws Exception {
    LabelMap m = new LabelMap(256, 256);
    m.fill(cls("sky"));
    for (int y = 128; y < 256; y++) {
      for (int x = 0; x < 256; x++) {
        m.set(x, y, cls("grass"));
      }
    }
    Path p = dir.resolve("meadow.png");
    LabelImages.writeColor(m, doc().palette(), p);
    return p;
  }

  boolean drop(FxRobot robot, Path p) {
    boolean[] taken = new boolean[1];
    robot.interact(() -> taken[0] = window.drop(List.of(p.toFile())));
    WaitForAsyncUtils.waitForFxEvents();
    return taken[0];
  }

  @Test
  void aDroppedLabelPngImportsAsOneStepAndADroppedProjectOpens(FxRobot robot) throws Exception {
    assertTrue(drop(robot, labelPng()));
    assertEquals(cls("grass"), doc().labelAt(10, 200));
    assertEquals("Import meadow.png", doc().scene().undoName().orElseThrow());
    assertTrue(view().status().messageText().startsWith("Imported meadow.png"));
    assertEquals(view().status().messageText(), view().status().messageTooltip());
    assertTrue(
        popupTexts().stream().anyMatch(t -> t.startsWith("Imported meadow.png")),
        "the import report is a notification: " + popupTexts());
    Path project = dir.resolve("saved.sbrush");
    robot.interact(() -> assertTrue(window.files().saveTo(project)));
    robot.interact(() -> window.files().newDocument(64, 64));
    assertTrue(drop(robot, project));
    assertEquals(project, doc().fileProperty().get(), "the dropped painting is open");
    assertEquals(cls("grass"), doc().labelAt(10, 200));
  }

  @Test
  void onTheStyleTabAnImageBecomesAStyleAndElsewhereAJpegIsRefusedWithTheReason(FxRobot robot)
      throws Exception {
    Path photo = dir.resolve("sunset.jpg");
    BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        img.setRGB(x, y, (200 << 16) | ((x + y) << 8) | 40);
      }
    }
    ImageIO.write(img, "jpg", photo.toFile());
    assertFalse(drop(robot, photo), "a JPEG is no label map");
    assertTrue(view().status().messageText().contains("Style tab"));
    assertEquals(0, doc().gallery().size());
    robot.interact(() -> view().showTab("Style"));
    assertTrue(drop(robot, photo));
    assertEquals(1, doc().gallery().size(), "kept as a style");
    assertEquals("sunset.jpg", doc().gallery().get(0).name());
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertFalse(drop(robot, text));
    assertTrue(view().status().messageText().contains("notes.txt"));
  }

  @Test
  void ctrlVPastesAPictureAsAStyleOnTheStyleTabAndAsLabelsElsewhere(FxRobot robot)
      throws Exception {
    BufferedImage labels = ImageIO.read(labelPng().toFile());
    robot.interact(
        () -> {
          ClipboardContent c = new ClipboardContent();
          c.putImage(SwingFXUtils.toFXImage(labels, null));
          Clipboard.getSystemClipboard().setContent(c);
        });
    robot.interact(() -> view().canvas().requestFocus());
    robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.V);
    robot.release(javafx.scene.input.KeyCode.V, javafx.scene.input.KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(cls("grass"), doc().labelAt(10, 200), "pasted as a label map");
    assertEquals("Import the pasted image", doc().scene().undoName().orElseThrow());
    robot.interact(() -> view().showTab("Style"));
    robot.interact(window::paste);
    assertEquals(1, doc().gallery().size(), "pasted on the Style tab: a style");
    assertEquals("Pasted image", doc().gallery().get(0).name());
    robot.interact(() -> Clipboard.getSystemClipboard().clear());
    robot.interact(window::paste);
    assertTrue(view().status().messageText().startsWith("Nothing to paste"));
    assertEquals(1, doc().gallery().size());
  }
}
