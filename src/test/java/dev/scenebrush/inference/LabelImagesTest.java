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

  private String refusal(byte[] png, boolean instances) throws Exception {
    Path f = Files.write(dir.resolve("x" + png.length + (instances ? "i" : "l") + ".png"), png);
    return assertThrows(
            LabelImageException.class,
            () -> {
              if (instances) {
                LabelImages.readInstances(f);
              } else {
                LabelImages.readLabels(f, palette);
              }
            })
        .getMessage();
  }

  @Test
  void aHugeDeclaredSizeIsRefusedFromTheHeader() throws Exception {
    byte[] bomb = dev.scenebrush.testing.ForgedPng.declaring(20000, 20000, 8, 2);
    assertTrue(bomb.length < 1000);
    String msg = refusal(bomb, false);
    assertTrue(msg.contains("is 20000x20000") && msg.contains("at most 8192"), msg);
    String style =
        assertThrows(
                LabelImageException.class,
                () -> LabelImages.readImage(Files.write(dir.resolve("style.png"), bomb)))
            .getMessage();
    assertTrue(style.contains("is 20000x20000"), style);
  }

  @Test
  void unusualPngKindsAreNamedNotTakenForForeignColours() throws Exception {
    String deep = refusal(dev.scenebrush.testing.ForgedPng.filled(8, 8, 16, 0, 3), false);
    assertTrue(deep.contains("16-bit grey PNG") && deep.contains("8-bit index"), deep);
    String alpha = refusal(dev.scenebrush.testing.ForgedPng.filled(8, 8, 8, 4, 3), false);
    assertTrue(alpha.contains("grey+alpha PNG"), alpha);
    String rgbIds = refusal(dev.scenebrush.testing.ForgedPng.filled(8, 8, 8, 2, 3), true);
    assertTrue(rgbIds.contains("8-bit RGB PNG") && rgbIds.contains("instance maps"), rgbIds);
  }
}
