package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelImagesTest {
  @TempDir Path dir;
  final Palette palette = Fixtures.palettes().load("landscape");

  static LabelMap sample() {
    LabelMap m = new LabelMap(40, 30);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        m.set(x, y, (x + y) % 5 == 0 ? Palette.UNKNOWN : (x * 7 + y) % 18);
      }
    }
    return m;
  }

  @Test
  void indexAndColourPngsRoundTripExactly() throws Exception {
    LabelMap m = sample();
    LabelImages.writeIndex(m, dir.resolve("i.png"));
    LabelImages.writeColor(m, palette, dir.resolve("c.png"));
    assertArrayEquals(m.raw(), LabelImages.readLabels(dir.resolve("i.png"), palette).raw());
    assertArrayEquals(m.raw(), LabelImages.readLabels(dir.resolve("c.png"), palette).raw());
  }

  @Test
  void sixteenBitInstanceMapsRoundTrip() throws Exception {
    InstanceMap m = new InstanceMap(300, 2);
    for (int x = 0; x < 300; x++) {
      m.set(x, 0, x * 200);
      m.set(x, 1, 65535 - x);
    }
    LabelImages.writeInstances(m, dir.resolve("inst.png"));
    assertArrayEquals(m.raw(), LabelImages.readInstances(dir.resolve("inst.png")).raw());
  }

  @Test
  void foreignColoursAreCountedAndLocated() throws Exception {
    BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        img.setRGB(x, y, 0x87CEEB);
      }
    }
    img.setRGB(3, 4, 0x123456);
    img.setRGB(5, 5, 0x123457);
    ImageIO.write(img, "png", dir.resolve("aa.png").toFile());
    String msg =
        assertThrows(
                LabelImageException.class,
                () -> LabelImages.readLabels(dir.resolve("aa.png"), palette))
            .getMessage();
    assertTrue(msg.contains("2 pixels") && msg.contains("(3, 4)") && msg.contains("#123456"), msg);
  }

  @Test
  void corruptAndMissingFilesAreReported() throws Exception {
    Files.writeString(dir.resolve("bad.png"), "definitely not a png");
    String msg =
        assertThrows(
                LabelImageException.class,
                () -> LabelImages.readLabels(dir.resolve("bad.png"), palette))
            .getMessage();
    assertTrue(msg.contains("cannot read image bad.png"), msg);
    assertTrue(
        assertThrows(
                LabelImageException.class,
                () -> LabelImages.readLabels(dir.resolve("none.png"), palette))
            .getMessage()
            .contains("file not found"));
  }

  @Test
  void indexValuesOutsideThePaletteAreRefused() throws Exception {
    LabelMap m = new LabelMap(4, 4);
    m.set(1, 2, 100);
    LabelImages.writeIndex(m, dir.resolve("i.png"));
    String msg =
        assertThrows(
                LabelImageException.class,
                () -> LabelImages.readLabels(dir.resolve("i.png"), palette))
            .getMessage();
    assertTrue(msg.contains("label value 100 at (1, 2)"), msg);
  }
}
