package dev.scenebrush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;
  final Palette palette = Fixtures.palettes().load("landscape");
  final String pack = Fixtures.tinyPackFolder().toString();

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = SceneBrushCli.execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  Path colourMap() throws Exception {
    LabelMap m = new LabelMap(64, 48);
    m.fill(0);
    for (int y = 24; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        m.set(x, y, 9);
      }
    }
    Path p = dir.resolve("scene.png");
    LabelImages.writeColor(m, palette, p);
    return p;
  }

  @Test
  void rendersAColourLabelMapToAnImage() throws Exception {
    Path out = dir.resolve("out.png");
    Run r =
        run("render", colourMap().toString(), "-o", out.toString(), "--pack", pack, "--seed", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("rendered"), r.out());
    BufferedImage img = ImageIO.read(out.toFile());
    assertEquals(64, img.getWidth());
    assertEquals(48, img.getHeight());
    Path again = dir.resolve("again.png");
    run("render", colourMap().toString(), "-o", again.toString(), "--pack", pack, "--seed", "3");
    BufferedImage b = ImageIO.read(again.toFile());
    assertEquals(img.getRGB(10, 10), b.getRGB(10, 10));
    assertEquals(img.getRGB(60, 40), b.getRGB(60, 40));
  }

  @Test
  void rendersAnIndexMapAtAnotherSize() throws Exception {
    LabelMap m = new LabelMap(32, 32);
    m.fill(3);
    Path in = dir.resolve("index.png");
    LabelImages.writeIndex(m, in);
    Path out = dir.resolve("big.jpg");
    Run r = run("render", in.toString(), "-o", out.toString(), "--pack", pack, "--size", "80x40");
    assertEquals(0, r.code(), r.err());
    BufferedImage img = ImageIO.read(out.toFile());
    assertEquals(80, img.getWidth());
    assertEquals(40, img.getHeight());
  }

  @Test
  void badInputsFailWithAClearMessage() throws Exception {
    Path out = dir.resolve("o.png");
    Run missing =
        run("render", dir.resolve("nope.png").toString(), "-o", out.toString(), "--pack", pack);
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("file not found"), missing.err());

    BufferedImage foreign = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    foreign.setRGB(1, 1, 0x010203);
    Path f = dir.resolve("foreign.png");
    ImageIO.write(foreign, "png", f.toFile());
    Run colours = run("render", f.toString(), "-o", out.toString(), "--pack", pack);
    assertEquals(2, colours.code());
    assertTrue(colours.err().contains("not in palette 'landscape'"), colours.err());

    Run size =
        run(
            "render",
            colourMap().toString(),
            "-o",
            out.toString(),
            "--pack",
            pack,
            "--size",
            "big");
    assertEquals(2, size.code());
    assertTrue(size.err().contains("--size must look like 512x512"), size.err());

    Run noPack =
        run("render", colourMap().toString(), "-o", out.toString(), "--pack", "no-such-pack");
    assertEquals(2, noPack.code());
    assertTrue(noPack.err().contains("no model pack 'no-such-pack'"), noPack.err());

    Run folder =
        run(
            "render",
            colourMap().toString(),
            "-o",
            dir.resolve("missing/dir/o.png").toString(),
            "--pack",
            pack);
    assertEquals(2, folder.code());
    assertTrue(folder.err().contains("folder missing"), folder.err());
    assertTrue(Files.notExists(out));

    Run usage = run("render");
    assertEquals(2, usage.code());
    assertTrue(usage.err().contains("Missing required"), usage.err());
  }

  @Test
  void packsListsTheModelsFolder() {
    Run r = run("packs");
    assertTrue(r.code() == 0 || r.code() == 1, r.err());
    assertTrue(r.out().length() > 0);
  }
}
