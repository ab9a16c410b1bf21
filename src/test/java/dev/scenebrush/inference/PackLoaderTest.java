package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.pack.PackLoader;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackLoaderTest {
  @TempDir Path dir;

  private Path brokenPack(String from, String to) throws Exception {
    Path pack = Fixtures.copyTinyPack(dir);
    Path manifest = pack.resolve("pack.json");
    String json = Files.readString(manifest);
    assertTrue(json.contains(from), "fixture manifest should contain " + from);
    Files.writeString(manifest, json.replace(from, to));
    return pack;
  }

  private String loadError(Path pack) {
    return assertThrows(PackException.class, () -> new PackLoader(Fixtures.palettes()).load(pack))
        .getMessage();
  }

  @Test
  void loadsTheTestPack() {
    ModelPack p = Fixtures.tinyPack();
    assertEquals("tiny", p.id());
    assertEquals(19, p.labelChannels());
    assertEquals(8, p.zDim());
    assertTrue(p.generator().startsWith(p.folder()));
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      PackVerifier.verify(p, rt);
    }
  }

  @Test
  void missingFileIsNamed() throws Exception {
    String msg = loadError(brokenPack("\"generator.onnx\"", "\"gone.onnx\""));
    assertTrue(msg.contains("'gone.onnx' does not exist"), msg);
  }

  @Test
  void pathsLeavingThePackAreRefused() throws Exception {
    Files.writeString(dir.resolve("outside.onnx"), "x");
    String msg = loadError(brokenPack("\"generator.onnx\"", "\"../outside.onnx\""));
    assertTrue(msg.contains("points outside the pack folder"), msg);
    String abs = loadError(brokenPack("\"encoder.onnx\"", "\"/etc/passwd\""));
    assertTrue(abs.contains("must be relative"), abs);
  }

  @Test
  void symlinkOutOfThePackIsRefused() throws Exception {
    Path outside = Files.writeString(dir.resolve("real.onnx"), "x");
    Path pack = brokenPack("\"encoder.onnx\"", "\"link.onnx\"");
    Files.createSymbolicLink(pack.resolve("link.onnx"), outside);
    String msg = loadError(pack);
    assertTrue(msg.contains("links outside the pack folder"), msg);
  }

  @Test
  void unknownPaletteIsNamed() throws Exception {
    String msg = loadError(brokenPack("\"palette\": \"landscape\"", "\"palette\": \"marsscape\""));
    assertTrue(msg.contains("unknown palette 'marsscape'"), msg);
    assertTrue(msg.contains("available palettes"), msg);
  }

  @Test
  void badJsonIsReported() throws Exception {
    Path pack = Fixtures.copyTinyPack(dir);
    Files.writeString(pack.resolve("pack.json"), "{\"id\": \"x\", ");
    assertTrue(loadError(pack).contains("not valid JSON"));
  }

  @Test
  void aSplitGeneratorMustFitTheGridAndTheModels() throws Exception {
    String scale = loadError(brokenPack("\"scale\": 4", "\"scale\": 3"));
    assertTrue(scale.contains("\"scale\" must be a power of two") && scale.contains("16"), scale);
    String missing = loadError(brokenPack("\"generator_finish.onnx\"", "\"none.onnx\""));
    assertTrue(missing.contains("tiling finish") && missing.contains("'none.onnx'"), missing);
    ModelPack p =
        new PackLoader(Fixtures.palettes())
            .load(brokenPack("\"featureChannels\": 32", "\"featureChannels\": 7"));
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      String msg = assertThrows(PackException.class, () -> PackVerifier.verify(p, rt)).getMessage();
      assertTrue(msg.contains("generator_trunk.onnx") && msg.contains("needs 7 channels"), msg);
    }
  }

  @Test
  void resolutionMustFitTheMultiple() throws Exception {
    String msg = loadError(brokenPack("\"multipleOf\": 16", "\"multipleOf\": 48"));
    assertTrue(msg.contains("must be positive multiples of 48"), msg);
  }

  @Test
  void wrongZDimensionIsCaughtAgainstTheModel() throws Exception {
    Path pack = brokenPack("\"zDim\": 8", "\"zDim\": 16");
    ModelPack p = new PackLoader(Fixtures.palettes()).load(pack);
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      String msg = assertThrows(PackException.class, () -> PackVerifier.verify(p, rt)).getMessage();
      assertTrue(msg.contains("'z' has shape") && msg.contains("needs 16 channels"), msg);
    }
  }

  @Test
  void paletteWithOtherClassCountDoesNotMatchTheModelInput() throws Exception {
    Path palettes = Files.createDirectories(dir.resolve("palettes"));
    Files.writeString(
        palettes.resolve("small.json"),
        "{\"id\":\"small\",\"classes\":[{\"name\":\"sky\",\"color\":\"#87CEEB\",\"kind\":\"stuff\"},"
            + "{\"name\":\"tree\",\"color\":\"#1B5E20\",\"kind\":\"thing\"}]}");
    Path pack = brokenPack("\"palette\": \"landscape\"", "\"palette\": \"small\"");
    ModelPack p = new PackLoader(new PaletteLoader(palettes)).load(pack);
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      String msg = assertThrows(PackException.class, () -> PackVerifier.verify(p, rt)).getMessage();
      assertTrue(msg.contains("'label' has shape") && msg.contains("needs 3 channels"), msg);
    }
  }

  @Test
  void classGeneratorResolutionMustBeASquareItCanDouble() throws Exception {
    String res = "\"resolution\": [\n        32,\n        32\n      ],\n      \"context\"";
    for (String bad : new String[] {"0,\n        0", "-32,\n        -32", "32,\n        16"}) {
      String msg =
          loadError(
              brokenPack(
                  res, "\"resolution\": [\n        " + bad + "\n      ],\n      \"context\""));
      assertTrue(msg.contains("class generator 'tree'") && msg.contains("must be square"), msg);
    }
  }

  @Test
  void aClassGeneratorNamesTheModeNewObjectsStartIn() throws Exception {
    PackLoader loader = new PackLoader(Fixtures.palettes());
    int tree = Fixtures.palettes().load("landscape").indexOf("tree").orElseThrow();
    int rock = Fixtures.palettes().load("landscape").indexOf("rock").orElseThrow();
    ModelPack plain = Fixtures.tinyPack();
    assertEquals(RenderMode.BASE, plain.newObjectMode(tree), "base unless the pack says so");
    ModelPack classFirst =
        loader.load(brokenPack("\"context\"", "\"defaultMode\": \"class\",\n      \"context\""));
    assertEquals(RenderMode.CLASS, classFirst.newObjectMode(tree));
    assertEquals(RenderMode.BASE, classFirst.newObjectMode(rock), "no class generator: base");
    String msg =
        loadError(brokenPack("\"context\"", "\"defaultMode\": \"retrieval\",\n      \"context\""));
    assertTrue(
        msg.contains("class generator 'tree'")
            && msg.contains("defaultMode must be \"base\" or \"class\", got \"retrieval\""),
        msg);
  }
}
