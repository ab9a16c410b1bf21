package dev.scenebrush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
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

  @Test
  void versionIsThePomsInTheCommandAndTheSelfTest() throws Exception {
    String pom = java.nio.file.Files.readString(Fixtures.home().resolve("pom.xml"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<artifactId>scenebrush</artifactId>\\s*<version>([^<]+)<")
            .matcher(pom);
    org.junit.jupiter.api.Assertions.assertTrue(m.find(), "the pom names its version");
    Run r = run("--version");
    assertEquals(0, r.code());
    assertEquals("SceneBrush " + m.group(1), r.out().strip());
    assertEquals(m.group(1), SelfTestCommand.version());
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
  void styleImageAndMixingChangeTheLookReproducibly() throws Exception {
    Path map = colourMap();
    Path style = dir.resolve("style.png");
    BufferedImage s = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 50; y++) {
      for (int x = 0; x < 50; x++) {
        s.setRGB(x, y, 0xFF8800 + x * 3);
      }
    }
    ImageIO.write(s, "png", style.toFile());
    Path a = dir.resolve("a.png");
    Path b = dir.resolve("b.png");
    Path seedOnly = dir.resolve("s.png");
    Path mixed0 = dir.resolve("m0.png");
    assertEquals(
        0,
        run(
                "render",
                map.toString(),
                "-o",
                a.toString(),
                "--pack",
                pack,
                "--style-image",
                style.toString())
            .code());
    assertEquals(
        0,
        run(
                "render",
                map.toString(),
                "-o",
                b.toString(),
                "--pack",
                pack,
                "--style-image",
                style.toString())
            .code());
    assertEquals(
        0,
        run("render", map.toString(), "-o", seedOnly.toString(), "--pack", pack, "--seed", "5")
            .code());
    assertEquals(
        0,
        run(
                "render",
                map.toString(),
                "-o",
                mixed0.toString(),
                "--pack",
                pack,
                "--seed",
                "5",
                "--mix",
                style.toString(),
                "--mix-amount",
                "0")
            .code());
    assertEquals(pixelsOf(a), pixelsOf(b), "the same style image gives the same picture");
    assertTrue(!pixelsOf(a).equals(pixelsOf(seedOnly)));
    assertEquals(pixelsOf(seedOnly), pixelsOf(mixed0), "mix amount 0 keeps the first style");
    Run bad =
        run(
            "render",
            map.toString(),
            "-o",
            a.toString(),
            "--pack",
            pack,
            "--mix",
            "7",
            "--mix-amount",
            "2");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("between 0 and 1"), bad.err());
    Run missing =
        run(
            "render",
            map.toString(),
            "-o",
            a.toString(),
            "--pack",
            pack,
            "--style-image",
            dir.resolve("none.jpg").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("file not found"), missing.err());
  }

  static java.util.List<Integer> pixelsOf(Path p) throws Exception {
    BufferedImage img = ImageIO.read(p.toFile());
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        out.add(img.getRGB(x, y));
      }
    }
    return out;
  }

  @Test
  void packsListsTheModelsFolder() {
    Run r = run("packs");
    assertEquals(0, r.code(), r.out() + r.err());
    String landscape =
        r.out().lines().filter(l -> l.startsWith("landscape ")).findFirst().orElseThrow();
    assertTrue(
        landscape.endsWith(
            "+encoder +tiling +class(tree,house,bush,stone) +retrieval +ladder(1024)"),
        r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.trim().equals("new objects start in class mode: house")),
        r.out());
  }

  @Test
  void renderClimbsTheLadderOrRunsDirectAndTakesFolders(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String pack = Fixtures.ladderPackFolder().toString();
    Path labels = Fixtures.home().resolve("samples/valley-labels.png");
    Path out = dir.resolve("l.png");
    Run r =
        run("render", labels.toString(), "-o", out.toString(), "--pack", pack, "--size", "256x192");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ladder 64x48 -> 128x96 -> 256x192"), r.out());
    assertEquals(256, javax.imageio.ImageIO.read(out.toFile()).getWidth());
    Run direct =
        run(
            "render",
            labels.toString(),
            "-o",
            out.toString(),
            "--pack",
            pack,
            "--size",
            "256x192",
            "--direct");
    assertEquals(0, direct.code(), direct.err());
    assertFalse(direct.out().contains("; ladder "), direct.out());
    Path in = java.nio.file.Files.createDirectories(dir.resolve("maps"));
    java.nio.file.Files.copy(labels, in.resolve("a.png"));
    java.nio.file.Files.copy(labels, in.resolve("b.png"));
    Run batch =
        run(
            "render",
            in.toString(),
            "-o",
            dir.resolve("outs").toString(),
            "--pack",
            pack,
            "--size",
            "128x96");
    assertEquals(0, batch.code(), batch.err());
    assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("outs/b.png")), batch.out());
  }

  @Test
  void anOutputThatIsAnInputOrAnotherOutputIsRefusedBeforeWork() throws Exception {
    Path map = colourMap();
    byte[] before = Files.readAllBytes(map);
    Run self = run("render", map.toString(), "-o", map.toString(), "--pack", pack);
    assertEquals(2, self.code());
    assertTrue(self.err().contains("same file as LABELS"), self.err());
    Path sneaky = dir.resolve("sub/../scene.png");
    Files.createDirectories(dir.resolve("sub"));
    Run export =
        run(
            "export",
            map.toString(),
            "-o",
            dir.resolve("x.png").toString(),
            "--pack",
            pack,
            "--size",
            "64x48",
            "--labels-out",
            sneaky.toString());
    assertEquals(2, export.code());
    assertTrue(
        export.err().contains("--labels-out") && export.err().contains("INPUT"), export.err());
    Run twice =
        run(
            "export",
            map.toString(),
            "-o",
            dir.resolve("x.png").toString(),
            "--pack",
            pack,
            "--size",
            "64x48",
            "--labels-out",
            dir.resolve("x.png").toString());
    assertEquals(2, twice.code());
    assertTrue(twice.err().contains("same file as --out"), twice.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(map)));
    assertFalse(Files.exists(dir.resolve("x.png")));
  }

  @Test
  void anUnwritableFolderIsNamedBeforeRendering() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
    Run r = run("render", colourMap().toString(), "-o", "/proc/o.png", "--pack", pack);
    assertEquals(2, r.code());
    assertTrue(r.err().contains("cannot write /proc/o.png"), r.err());
  }

  @Test
  void theBenchmarksAreGroupedUnderBench() {
    Run help = run("bench", "--help");
    assertEquals(0, help.code());
    for (String sub : List.of("move", "soak", "export", "stroke", "class", "retrieval")) {
      assertTrue(help.out().contains(sub), "bench --help lists " + sub + ": " + help.out());
    }
    Run old = run("bench-move");
    assertEquals(2, old.code(), "the old top-level name is gone: " + old.err());
  }

  @Test
  void soakBenchReportsResidentMemoryPerInterval() {
    Run r =
        run(
            "bench",
            "soak",
            "--pack",
            pack,
            "--cycles",
            "6",
            "--every",
            "2",
            "--canvas",
            "128",
            "--preview",
            "64",
            "--threads",
            "1");
    assertEquals(0, r.code(), r.err());
    assertEquals(3, r.out().lines().filter(l -> l.startsWith("cycle ")).count(), r.out());
    assertTrue(
        r.out().contains("after warm-up (from cycle 2)") && r.out().contains("spread"), r.out());
  }
}
