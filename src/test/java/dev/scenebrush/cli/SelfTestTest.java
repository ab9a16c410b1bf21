package dev.scenebrush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfTestTest {
  @TempDir Path dir;
  private final String home = System.getProperty(SceneBrushHome.PROPERTY);

  @AfterEach
  void restoreHome() {
    if (home == null) {
      System.clearProperty(SceneBrushHome.PROPERTY);
    } else {
      System.setProperty(SceneBrushHome.PROPERTY, home);
    }
  }

  @Test
  void passesOnTheRepositoryAndWritesTheSampleRender() throws Exception {
    Path out = dir.resolve("sample.png");
    CliTest.Run r = CliTest.run("self-test", "--cpu", "--out", out.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("landscape — matches its PyTorch reference"), r.out());
    assertTrue(r.out().contains("landscape — retrieval generator matches its reference"), r.out());
    assertTrue(r.out().contains("sample 'valley' 512x512"), r.out());
    assertTrue(r.out().contains("self-test passed"), r.out());
    BufferedImage img = ImageIO.read(out.toFile());
    assertEquals(512, img.getWidth());
    assertEquals(512, img.getHeight());
  }

  /** A home with the given packs (copied from the repository), palettes and samples. */
  private Path homeWith(Path... packs) throws Exception {
    Path h = dir.resolve("home");
    copyTree(Fixtures.home().resolve("palettes"), h.resolve("palettes"));
    copyTree(Fixtures.home().resolve("samples"), h.resolve("samples"));
    Files.createDirectories(h.resolve("models"));
    for (Path p : packs) {
      copyTree(p, h.resolve("models").resolve(p.getFileName()));
    }
    System.setProperty(SceneBrushHome.PROPERTY, h.toString());
    return h;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path dest = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest);
        }
      }
    }
  }

  @Test
  void aPackThatNoLongerMatchesItsReferenceFailsTheTest() throws Exception {
    Path h = homeWith(Fixtures.tinyPackFolder());
    Path ref = h.resolve("models/tiny/reference.json");
    // Shift every reference pixel: the runtime's output no longer matches.
    String json = Files.readString(ref);
    int at = json.indexOf("\"image\": [") + "\"image\": [".length();
    Files.writeString(ref, json.substring(0, at) + "0.5, " + json.substring(at));
    CliTest.Run r = CliTest.run("self-test", "--cpu");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("tiny — BROKEN"), r.out());
    assertTrue(r.out().contains("SELF-TEST FAILED"), r.out());
  }

  @Test
  void aRetrievalGeneratorThatNoLongerMatchesFailsTheTest() throws Exception {
    Path h = homeWith(Fixtures.tinyPackFolder());
    CliTest.Run r = CliTest.run("self-test", "--cpu");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("tiny — retrieval generator matches its reference"), r.out());
    Path ref = h.resolve("models/tiny/retrieval-reference.json");
    String json = Files.readString(ref);
    int at = json.indexOf("\"image\": [") + "\"image\": [".length();
    Files.writeString(ref, json.substring(0, at) + "0.5, " + json.substring(at));
    r = CliTest.run("self-test", "--cpu");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("tiny — BROKEN: the retrieval generator differs"), r.out());
    Files.writeString(ref, "{\"width\": 4");
    r = CliTest.run("self-test", "--cpu");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("cannot read retrieval-reference.json"), r.out());
  }

  @Test
  void noPacksOrNoSampleFailWithTheReason() throws Exception {
    Path tiny = Fixtures.tinyPackFolder();
    Path h = homeWith();
    CliTest.Run r = CliTest.run("self-test", "--cpu");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("SELF-TEST FAILED: no model packs in"), r.out());

    copyTree(tiny, h.resolve("models/tiny"));
    Files.delete(h.resolve("samples/valley-labels.png"));
    r = CliTest.run("self-test", "--cpu");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("sample scene 'valley' not found"), r.out());
  }

  private static RenderedImage image(int w, int h, java.util.function.IntUnaryOperator colour) {
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = colour.applyAsInt(i);
    }
    return new RenderedImage(w, h, px, 0, "test");
  }

  @Test
  void thePictureChecksRejectFlatAndLabelBlindPictures() {
    int w = 64;
    int h = 64;
    byte[] labels = new byte[w * h];
    for (int i = w * h / 2; i < labels.length; i++) {
      labels[i] = 9; // lower half grass, upper half sky
    }
    RenderedImage flat = image(w, h, i -> 0xFF808080);
    assertNotNull(SelfTestChecks.problemWith(flat, labels));
    assertTrue(SelfTestChecks.problemWith(flat, labels).contains("flat"));

    Random rnd = new Random(3);
    RenderedImage noise = image(w, h, i -> 0xFF000000 | rnd.nextInt(0xFFFFFF));
    String blind = SelfTestChecks.problemWith(noise, labels);
    assertNotNull(blind, "noise that ignores the labels must fail");
    assertTrue(blind.contains("look alike"), blind);

    RenderedImage sceneLike =
        image(w, h, i -> (labels[i] == 9 ? 0xFF3C8C32 : 0xFF87CEEB) + (i % 7));
    assertNull(SelfTestChecks.problemWith(sceneLike, labels));
  }

  @Test
  void everyPartOfAPackIsChecked() throws Exception {
    Path h = homeWith(Fixtures.tinyPackFolder());
    CliTest.Run ok = CliTest.run("self-test", "--cpu");
    assertEquals(0, ok.code(), ok.out());
    assertTrue(ok.out().contains("tiny — class generator 'tree' runs"), ok.out());
    assertTrue(ok.out().contains("tiny — segment library segments.bin reads"), ok.out());
    Path lib = h.resolve("models/tiny/segments.bin");
    byte[] bytes = Files.readAllBytes(lib);
    Files.write(lib, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    CliTest.Run cut = CliTest.run("self-test", "--cpu");
    assertEquals(1, cut.code(), cut.out());
    assertTrue(cut.out().contains("tiny — BROKEN: segment library segments.bin"), cut.out());
    Files.write(lib, bytes);
    Files.writeString(h.resolve("models/tiny/class-tree.onnx"), "not a model");
    CliTest.Run gen = CliTest.run("self-test", "--cpu");
    assertEquals(1, gen.code(), gen.out());
    assertTrue(gen.out().contains("tiny — BROKEN: class generator 'tree'"), gen.out());
  }
}
