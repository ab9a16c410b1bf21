package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackLoader;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live preview with the bundled ladder pack: after an edit only the rung pixels it reaches are
 * refined again, and the picture is the one a full render of the edited scene gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewReuseTest {
  static final int PREVIEW = 512;
  ModelPack pack;
  InferenceRuntime runtime;
  RenderService live;
  Scene scene;

  @BeforeAll
  void open() throws Exception {
    pack = new PackLoader(Fixtures.palettes()).load(Fixtures.home().resolve("models/landscape"));
    runtime = new InferenceRuntime(true, 0);
    live = new RenderService(new BaseRenderer(runtime, pack));
    Palette p = pack.palette();
    scene = SampleScene.bundled(p).toScene(p);
  }

  @AfterAll
  void close() {
    live.close();
    runtime.close();
  }

  RenderedImage render(RenderService service, int side) throws Exception {
    return service
        .submit(new RenderRequest(scene.labelsSnapshot(), scene.instancesSnapshot(), 1, side, side))
        .get();
  }

  long[] refined() {
    return live.lastRefinedPixels();
  }

  @Test
  void aMovedBushRefinesItsNeighbourhoodAndGivesTheFullRendersPicture() throws Exception {
    render(live, PREVIEW);
    assertEquals(refined()[1], refined()[0], "a first render refines every rung pixel");
    RenderedImage still = render(live, PREVIEW);
    assertEquals(0, refined()[0], "nothing changed: nothing refined");
    Instance bush =
        scene.instances().stream()
            .filter(o -> pack.palette().get(o.classIndex()).name().equals("bush"))
            .findFirst()
            .orElseThrow();
    scene.moveInstance(bush.id(), 10, 0);
    RenderedImage moved = render(live, PREVIEW);
    double share = refined()[0] / (double) refined()[1];
    assertTrue(share > 0 && share < 0.3, "share of rung pixels refined: " + share);
    RenderedImage full;
    try (RenderService fresh = new RenderService(new BaseRenderer(runtime, pack))) {
      full = render(fresh, PREVIEW);
    }
    assertTrue(TiledRenderTest.difference(full, moved)[0] <= 1, "the full render's picture");
    assertTrue(TiledRenderTest.difference(still, moved)[0] > 1, "the move shows (can fail)");
    scene.undo();
    RenderedImage back = render(live, PREVIEW);
    assertTrue(refined()[0] < refined()[1], "undo refines only the same neighbourhood");
    assertTrue(TiledRenderTest.difference(still, back)[0] <= 1, "undo gives the earlier picture");
  }

  @Test
  void anotherPreviewSizeRefinesEverything() throws Exception {
    render(live, PREVIEW);
    render(live, 384);
    assertEquals(refined()[1], refined()[0]);
    int[] first = render(live, 384).argb();
    assertEquals(0, refined()[0]);
    assertArrayEquals(first, render(live, 384).argb());
  }
}
