package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.io.LayeredPicture;
import dev.scenebrush.inference.io.LayeredPsd;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layered PSD as a real reader sees it: Debian's psd-tools (the package Photoshop files are
 * read with in Python) opens what {@link LayeredPsd} writes, with the layers, names, offsets,
 * visibility and pixels the export put there.
 */
public class LayeredPsdTest {
  @TempDir Path dir;
  final Palette palette = Fixtures.palettes().load("landscape");
  final int sky = palette.indexOf("sky").orElseThrow();
  final int tree = palette.indexOf("tree").orElseThrow();
  final int stone = palette.indexOf("stone").orElseThrow();

  /** A 301×203 picture (odd sizes: rows of any length), a tree and a stone with their own ids. */
  @Test
  void psdToolsReadsTheLayersNamesOffsetsAndPixels() throws Exception {
    int w = 301;
    int h = 203;
    LabelMap labels = new LabelMap(w, h);
    labels.fill(sky);
    InstanceMap ids = new InstanceMap(w, h);
    int[] argb = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Smooth gradients with noise-like bits: both runs and literals in every row.
        argb[y * w + x] = 0xFF000000 | (x % 256) << 16 | (y % 256) << 8 | ((x * 7 + y * 13) & 0xFF);
      }
    }
    paint(labels, ids, 40, 30, 70, 90, tree, 3); // x 40..109, y 30..119
    paint(labels, ids, 200, 150, 50, 40, stone, 7); // x 200..249, y 150..189
    labels.set(0, 0, Palette.UNKNOWN);
    List<Instance> objects =
        List.of(
            new Instance(3, tree, 1, RenderMode.BASE, false),
            new Instance(7, stone, 2, RenderMode.BASE, false));
    Path psd = dir.resolve("scene.psd");
    LayeredPsd.write(psd, new LayeredPicture(argb, w, h, labels, ids, objects, palette));

    JsonObject read = read(psd, "50,40", "10,10", "220,160", "0,0", "300,202");
    assertEquals(w, read.get("width").getAsInt());
    assertEquals(h, read.get("height").getAsInt());
    JsonArray layers = read.getAsJsonArray("layers");
    List<String> names = new ArrayList<>();
    layers.forEach(l -> names.add(l.getAsJsonObject().get("name").getAsString()));
    assertEquals(
        List.of("Image", "stone #7", "tree #3", "Instances (id: red high, green low)", "Labels"),
        names,
        "bottom first: the picture, the objects (the first listed on top), the hidden maps");
    JsonObject image = layers.get(0).getAsJsonObject();
    JsonObject stoneLayer = layers.get(1).getAsJsonObject();
    JsonObject treeLayer = layers.get(2).getAsJsonObject();
    JsonObject instances = layers.get(3).getAsJsonObject();
    JsonObject labelLayer = layers.get(4).getAsJsonObject();
    assertTrue(image.get("visible").getAsBoolean());
    assertTrue(treeLayer.get("visible").getAsBoolean());
    assertFalse(instances.get("visible").getAsBoolean(), "the maps are hidden layers");
    assertFalse(labelLayer.get("visible").getAsBoolean());
    assertEquals(40, treeLayer.get("left").getAsInt());
    assertEquals(30, treeLayer.get("top").getAsInt());
    assertEquals(70, treeLayer.get("width").getAsInt());
    assertEquals(90, treeLayer.get("height").getAsInt());
    assertEquals(200, stoneLayer.get("left").getAsInt());
    assertEquals(150, stoneLayer.get("top").getAsInt());

    assertEquals(rgba(argb[40 * w + 50]), sample(treeLayer, "50,40"), "the tree's own pixels");
    assertEquals(rgba(argb[160 * w + 220]), sample(stoneLayer, "220,160"));
    assertEquals(rgba(argb[10 * w + 10]), sample(image, "10,10"));
    assertEquals(rgba(argb[202 * w + 300]), sample(image, "300,202"), "the last pixel");
    int treeColour = palette.colorOf(tree);
    assertEquals(rgba(0xFF000000 | treeColour), sample(labelLayer, "50,40"), "label colours");
    assertEquals(List.of(0, 0, 0, 0), sample(labelLayer, "0,0"), "unpainted is transparent");
    assertEquals(List.of(0, 7, 0, 255), sample(instances, "220,160"), "id 7: red 0, green 7");
    JsonArray composite = read.getAsJsonObject("composite").getAsJsonArray("10,10");
    assertEquals(rgba(argb[10 * w + 10]).subList(0, 3), ints(composite), "the flattened picture");
  }

  @Test
  void aLayerOfASinglePixelAndAHugeFlatPictureBothRead() throws Exception {
    int w = 4000;
    int h = 3;
    LabelMap labels = new LabelMap(w, h);
    labels.fill(sky);
    InstanceMap ids = new InstanceMap(w, h);
    paint(labels, ids, 3999, 2, 1, 1, stone, 1);
    int[] argb = new int[w * h];
    java.util.Arrays.fill(argb, 0xFF336699); // long runs: more than 128 equal bytes per row
    Path psd = dir.resolve("flat.psd");
    LayeredPsd.write(
        psd,
        new LayeredPicture(
            argb,
            w,
            h,
            labels,
            ids,
            List.of(new Instance(1, stone, 1, RenderMode.BASE, false)),
            palette));
    JsonObject read = read(psd, "3999,2", "1234,1");
    JsonObject one = read.getAsJsonArray("layers").get(1).getAsJsonObject();
    assertEquals(1, one.get("width").getAsInt());
    assertEquals(List.of(0x33, 0x66, 0x99, 255), sample(one, "3999,2"));
    assertEquals(
        List.of(0x33, 0x66, 0x99),
        ints(read.getAsJsonObject("composite").getAsJsonArray("1234,1")));
  }

  @Test
  void aLayeredFileOfAnotherFormatIsRefusedNamingTheTwoThereAre() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                new dev.scenebrush.inference.render.HighResExport.Request(
                        new LabelMap(8, 8),
                        new InstanceMap(8, 8),
                        List.of(),
                        null,
                        8,
                        8,
                        64,
                        dir.resolve("a.png"),
                        null,
                        null,
                        dir.resolve("a.xcf"))
                    .check());
    assertTrue(e.getMessage().contains(".ora") && e.getMessage().contains(".psd"), e.getMessage());
  }

  private static void paint(
      LabelMap labels, InstanceMap ids, int x0, int y0, int w, int h, int cls, int id) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        labels.set(x, y, cls);
        ids.set(x, y, id);
      }
    }
  }

  private static List<Integer> rgba(int argb) {
    return List.of((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, (argb >>> 24) & 0xFF);
  }

  private static List<Integer> sample(JsonObject layer, String at) {
    return ints(layer.getAsJsonObject("samples").getAsJsonArray(at));
  }

  private static List<Integer> ints(JsonArray a) {
    List<Integer> out = new ArrayList<>();
    a.forEach(v -> out.add(v.getAsInt()));
    return out;
  }

  /** Runs the psd-tools reader; fails with its output when it cannot read the file. */
  public static JsonObject read(Path psd, String... points)
      throws IOException, InterruptedException {
    Path script = Fixtures.home().resolve("src/test/resources/layered/read_psd.py");
    String python =
        Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    List<String> cmd = new ArrayList<>(List.of(python, script.toString(), psd.toString()));
    cmd.addAll(List.of(points));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "psd-tools did not finish");
    assertEquals(0, p.exitValue(), "psd-tools could not read the file:\n" + out);
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    return JsonParser.parseString(last).getAsJsonObject();
  }
}
