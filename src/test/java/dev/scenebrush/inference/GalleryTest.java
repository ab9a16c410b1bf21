package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.gallery.LookPresets;
import dev.scenebrush.inference.gallery.MaterialTiles;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.pack.PackLoader;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pictures a pack ships for the palette and the style gallery (materials and looks). */
class GalleryTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"landscape", "landscape-spade"})
  void everyBundledClassHasAMaterialPictureCutFromARender(String id) {
    ModelPack pack = BundledPackTest.load(id);
    Map<String, BufferedImage> tiles = MaterialTiles.read(pack.materials().orElseThrow());
    assertEquals(pack.palette().size(), tiles.size(), "classes with a picture: " + tiles.keySet());
    for (BufferedImage tile : tiles.values()) {
      assertEquals(64, tile.getWidth());
      assertTrue(spread(tile) > 10, "a picture, not a flat fill");
    }
    // A tile shows its class: sky is bluer than grass, grass greener than sky.
    int[] sky = meanRgb(tiles.get("sky"));
    int[] grass = meanRgb(tiles.get("grass"));
    assertTrue(sky[2] > grass[2] && grass[1] > grass[2], "sky/grass tiles swapped or wrong");
  }

  @Test
  void thePresetsAreTheBundledLooksAndDuskRendersDarkerThanDay() {
    ModelPack pack = BundledPackTest.load("landscape");
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      List<StyleState.NamedStyle> presets = LookPresets.encode(rt, pack);
      assertEquals(
          List.of("Day", "Golden hour", "Overcast", "Dusk"),
          presets.stream().map(StyleState.NamedStyle::name).toList());
      assertEquals(pack.zDim(), presets.get(0).z().length);
      SampleScene scene = SampleScene.bundled(pack.palette());
      BaseRenderer renderer = new BaseRenderer(rt, pack);
      double day = luminance(render(renderer, pack, scene, presets.get(0).z()));
      double dusk = luminance(render(renderer, pack, scene, presets.get(3).z()));
      assertTrue(dusk < day - 15, "dusk " + dusk + " vs day " + day);
    }
  }

  @Test
  void aPackWithoutLooksOrMaterialsHasNone() {
    ModelPack tiny = Fixtures.tinyPack();
    assertTrue(tiny.materials().isEmpty());
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      assertTrue(LookPresets.encode(rt, tiny).isEmpty());
    }
  }

  @Test
  void badGalleryEntriesAreNamed() throws Exception {
    Path pack = Fixtures.copyTinyPack(dir);
    writeAtlas(pack, 64 * 6, 64 * 3);
    assertTrue(
        loadError(pack, materials("materials.png", 64, "\"sky\", \"lava\""))
            .contains("palette 'landscape' has no class 'lava'"));
    assertTrue(
        loadError(pack, materials("materials.png", 4, "\"sky\""))
            .contains("\"tile\" must be 8..256"));
    assertTrue(
        loadError(pack, materials("../x.png", 64, "\"sky\"")).contains("points outside the pack"));
    assertTrue(
        loadError(pack, ", \"looks\": [{\"name\": \"Day\", \"images\": [\"gone.png\"]}]")
            .contains("look 'Day': file 'gone.png' does not exist"));
    assertTrue(
        loadError(pack, ", \"looks\": [{\"images\": [\"materials.png\"]}]")
            .contains("a look needs a \"name\""));
  }

  @Test
  void anAtlasThatDoesNotHoldItsTilesIsRefusedBeforeDecoding() throws Exception {
    Path pack = Fixtures.copyTinyPack(dir);
    writeAtlas(pack, 100, 64);
    ModelPack p = load(pack, materials("materials.png", 64, "\"sky\""));
    String msg =
        assertThrows(PackException.class, () -> MaterialTiles.read(p.materials().orElseThrow()))
            .getMessage();
    assertTrue(msg.contains("100x64 is not a whole number of 64-pixel tiles"), msg);
    writeAtlas(pack, 64, 64);
    ModelPack two = load(pack, materials("materials.png", 64, "\"sky\", \"clouds\""));
    msg =
        assertThrows(PackException.class, () -> MaterialTiles.read(two.materials().orElseThrow()))
            .getMessage();
    assertTrue(msg.contains("holds 1 tiles, pack.json names 2 classes"), msg);
    Files.writeString(pack.resolve("materials.png"), "not a picture");
    ModelPack corrupt = load(pack, materials("materials.png", 64, "\"sky\""));
    assertThrows(PackException.class, () -> MaterialTiles.read(corrupt.materials().orElseThrow()));
  }

  @Test
  void aTransparentTileMeansNoPicture() throws Exception {
    Path pack = Fixtures.copyTinyPack(dir);
    BufferedImage atlas = new BufferedImage(128, 64, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        atlas.setRGB(x, y, 0xff3366cc);
      }
    }
    ImageIO.write(atlas, "png", pack.resolve("materials.png").toFile());
    ModelPack p = load(pack, materials("materials.png", 64, "\"sky\", \"clouds\""));
    Map<String, BufferedImage> tiles = MaterialTiles.read(p.materials().orElseThrow());
    assertEquals(List.of("sky"), List.copyOf(tiles.keySet()));
    assertFalse(tiles.containsKey("clouds"));
  }

  private static String materials(String atlas, int tile, String classes) {
    return ", \"materials\": {\"atlas\": \""
        + atlas
        + "\", \"tile\": "
        + tile
        + ", \"classes\": ["
        + classes
        + "]}";
  }

  private static void writeAtlas(Path pack, int w, int h) throws Exception {
    ImageIO.write(
        new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB),
        "png",
        pack.resolve("materials.png").toFile());
  }

  private static ModelPack load(Path pack, String extra) throws Exception {
    Path manifest = pack.resolve("pack.json");
    String json = Files.readString(manifest);
    if (!json.contains("\"gallery-test\"")) {
      Files.writeString(manifest.resolveSibling("pack.orig"), json);
    }
    String orig = Files.readString(manifest.resolveSibling("pack.orig"));
    int end = orig.lastIndexOf('}');
    Files.writeString(manifest, orig.substring(0, end) + extra + ", \"gallery-test\": 1}");
    return new PackLoader(Fixtures.palettes()).load(pack);
  }

  private static String loadError(Path pack, String extra) {
    return assertThrows(PackException.class, () -> load(pack, extra)).getMessage();
  }

  private static RenderedImage render(
      BaseRenderer renderer, ModelPack pack, SampleScene scene, float[] z) {
    return renderer.render(
        scene.labels(),
        scene.instances(),
        z,
        pack.width(),
        pack.height(),
        new ModelSession.Cancel());
  }

  private static double luminance(RenderedImage img) {
    double sum = 0;
    for (int argb : img.argb()) {
      sum += 0.299 * (argb >> 16 & 255) + 0.587 * (argb >> 8 & 255) + 0.114 * (argb & 255);
    }
    return sum / img.argb().length;
  }

  private static int[] meanRgb(BufferedImage tile) {
    long r = 0;
    long g = 0;
    long b = 0;
    int n = tile.getWidth() * tile.getHeight();
    for (int y = 0; y < tile.getHeight(); y++) {
      for (int x = 0; x < tile.getWidth(); x++) {
        int c = tile.getRGB(x, y);
        r += c >> 16 & 255;
        g += c >> 8 & 255;
        b += c & 255;
      }
    }
    return new int[] {(int) (r / n), (int) (g / n), (int) (b / n)};
  }

  private static int spread(BufferedImage tile) {
    int lo = 255;
    int hi = 0;
    for (int y = 0; y < tile.getHeight(); y++) {
      for (int x = 0; x < tile.getWidth(); x++) {
        int g = tile.getRGB(x, y) >> 8 & 255;
        lo = Math.min(lo, g);
        hi = Math.max(hi, g);
      }
    }
    return hi - lo;
  }
}
