package dev.scenebrush.app.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The overlay keeps drawing while the renderer uploads its buffer: Prism's packed copy of a dirty
 * rectangle sets the shared buffer's limit and position on the render thread, and an edit on the FX
 * thread at that moment once failed with an IndexOutOfBoundsException in the middle of a stroke.
 */
@ExtendWith(ApplicationExtension.class)
class LabelOverlayTest {
  final Palette palette = Fixtures.palettes().load("landscape");

  @Start
  void start(javafx.stage.Stage stage) {}

  @Test
  void anEditDrawsWhileTheRendererHoldsTheBufferLimit(FxRobot robot) {
    Document doc = Document.blank(palette, 64, 48, palette.indexOf("sky").orElseThrow());
    int tree = palette.indexOf("tree").orElseThrow();
    doc.scene().paintRegion("Rect", Painter.rectangle(doc.scene().labels(), 20, 10, 40, 30), tree);
    int id = doc.scene().instanceAt(30, 20);
    int[] inside = new int[1];
    robot.interact(
        () -> {
          LabelOverlay overlay = new LabelOverlay(doc);
          overlay.selected = id;
          IntBuffer shared = overlay.buffer().getBuffer();
          shared.limit(64); // as an upload of the first row leaves it
          overlay.repaintAll();
          shared.limit(shared.capacity());
          inside[0] = shared.get(20 * 64 + 30);
        });
    assertEquals(0x66666600, inside[0], "the selected object is tinted");
  }
}
