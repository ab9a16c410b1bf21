package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.pack.PackLoader;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.Ladder;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolution ladder on a small real pack: plan, tiles, progressive preview, validation. */
class LadderTest {
  static InferenceRuntime runtime;
  static ModelPack pack;

  @BeforeAll
  static void open() {
    runtime = new InferenceRuntime(true, 2);
    pack = Fixtures.ladderPack();
  }

  @AfterAll
  static void close() {
    runtime.close();
  }

  @Test
  void planHalvesFromTheOutputToNearThePackResolution() {
    // ladder-tiny renders its base at 64: 256 is two rungs, 1536x1024 five (base 48x32).
    Ladder.Plan square = Ladder.plan(pack, 256, 256);
    assertEquals(64, square.baseWidth());
    assertEquals(List.of(128, 256), square.rungs().stream().map(Ladder.Rung::width).toList());
    Ladder.Plan wide = Ladder.plan(pack, 1536, 1024);
    assertEquals(48, wide.baseWidth());
    assertEquals(32, wide.baseHeight());
    assertEquals(1536, wide.width());
    assertEquals(1024, wide.height());
    for (Ladder.Rung r : wide.rungs()) {
      assertEquals(1.5, r.width() / (double) r.height(), 0.02, "aspect kept at " + r);
    }
    // Rungs above the pack's last stage reuse it.
    assertEquals(pack.refiners().get(1), wide.rungs().get(4).stage());
    assertEquals(0, Ladder.plan(pack, 70, 60).rungs().size(), "near the base: no rung");
  }

  @Test
  void everyStageReproducesPyTorch() {
    PackVerifier.verify(pack, runtime);
    var diffs = PackReference.maxRefinerDifferences(pack, runtime);
    assertEquals(1, diffs.size(), "both rungs share one file, checked once");
    for (double d : diffs.values()) {
      assertTrue(d <= PackReference.TOLERANCE, "max |ONNX - PyTorch| = " + d);
    }
  }

  @Test
  void tilesEqualTheOneShotClimb() {
    int w = 320;
    int h = 256;
    InstanceMap inst = new InstanceMap(w, h);
    LabelMap labels = TiledRenderTest.scene(w, h, inst);
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(3, pack.zDim()));
    Ladder.Plan plan = Ladder.plan(pack, w, h);
    RenderedImage base =
        new BaseRenderer(runtime, pack)
            .render(
                labels,
                inst,
                style,
                plan.baseWidth(),
                plan.baseHeight(),
                new ModelSession.Cancel());
    Ladder ladder = new Ladder(runtime, pack);
    List<int[]> ticks = new ArrayList<>();
    RenderedImage whole =
        ladder.climb(plan, base, labels, inst, 1, 1024, null, new ModelSession.Cancel());
    RenderedImage tiled =
        ladder
            .onTiles((done, total) -> ticks.add(new int[] {done, total}))
            .climb(plan, base, labels, inst, 1, 64, null, new ModelSession.Cancel());
    assertEquals(w, tiled.width());
    assertEquals(h, tiled.height());
    assertTrue(TiledRenderTest.difference(whole, tiled)[0] <= 1, "one grey level");
    assertEquals(ticks.get(ticks.size() - 1)[1], ticks.size(), "every tile reported");
    RenderedImage otherNoise =
        ladder.climb(plan, base, labels, inst, 2, 1024, null, new ModelSession.Cancel());
    assertTrue(
        TiledRenderTest.difference(whole, otherNoise)[0] > 1,
        "the stages use their noise (the check above can fail)");
  }

  @Test
  void previewShowsEveryRungAndTheNewestRequestStopsTheClimb() throws Exception {
    int w = 256;
    int h = 256;
    InstanceMap inst = new InstanceMap(w, h);
    LabelMap labels = TiledRenderTest.scene(w, h, inst);
    try (RenderService service = new RenderService(new BaseRenderer(runtime, pack))) {
      List<String> shown = new ArrayList<>();
      RenderedImage done =
          service
              .submit(
                  new RenderRequest(labels, inst, 1, w, h),
                  (rung, n, img) -> shown.add(rung + "/" + n + ":" + img.width()))
              .get();
      assertEquals(List.of("0/2:64", "1/2:128"), shown);
      assertEquals(256, done.width());

      List<CompletableFuture<RenderedImage>> newer = new ArrayList<>();
      CompletableFuture<RenderedImage> first =
          service.submit(
              new RenderRequest(labels, inst, 1, w, h),
              (rung, n, img) -> {
                if (rung == 0) {
                  newer.add(service.submit(new RenderRequest(labels, inst, 2, w, h)));
                }
                return true;
              });
      assertThrows(CancellationException.class, first::get);
      assertEquals(256, newer.get(0).get().width());
    }
  }

  @Test
  void stagesThatDoNotFitArePackErrorsNamingTheStage(@TempDir Path dir) throws IOException {
    Path copy = copy(dir);
    edit(copy, "\"scale\": 256", "\"scale\": 300");
    String msg = loadError(copy);
    assertTrue(msg.contains("refiner 2") && msg.contains("\"scale\" must be 256"), msg);

    copy = copy(dir);
    edit(copy, "\"labelChannels\": 19", "\"labelChannels\": 12");
    msg = loadError(copy);
    assertTrue(msg.contains("refiner 1") && msg.contains("must be 19"), msg);

    copy = copy(dir);
    edit(copy, "\"file\": \"refiner.onnx\"", "\"file\": \"encoder.onnx\"");
    ModelPack wrong = new PackLoader(Fixtures.palettes()).load(copy);
    msg = assertThrows(PackException.class, () -> PackVerifier.verify(wrong, runtime)).getMessage();
    assertTrue(msg.contains("refiner encoder.onnx") && msg.contains("'picture'"), msg);
  }

  @Test
  void packsWithoutRefinersHaveNoLadder() {
    assertFalse(Fixtures.tinyPack().hasLadder());
    assertThrows(IllegalArgumentException.class, () -> new Ladder(runtime, Fixtures.tinyPack()));
  }

  private static Path copy(Path dir) throws IOException {
    Path dest = Files.createTempDirectory(dir, "ladder-");
    try (var files = Files.list(Fixtures.ladderPackFolder())) {
      for (Path f : files.toList()) {
        Files.copy(f, dest.resolve(f.getFileName()));
      }
    }
    return dest;
  }

  private static void edit(Path pack, String from, String to) throws IOException {
    Path manifest = pack.resolve("pack.json");
    String json = Files.readString(manifest);
    assertTrue(json.contains(from), "fixture manifest should contain " + from);
    Files.writeString(manifest, json.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  private static String loadError(Path pack) {
    return assertThrows(PackException.class, () -> new PackLoader(Fixtures.palettes()).load(pack))
        .getMessage();
  }
}
