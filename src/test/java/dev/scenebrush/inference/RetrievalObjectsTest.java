package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.RetrievalRenderer;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.tensor.Resampler;
import dev.scenebrush.testing.Fixtures;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An object set to "retrieval" mode is drawn by the retrieval generator from a real segment; the
 * rest of the picture stays the base render. Before, the mode could be chosen and did nothing.
 */
class RetrievalObjectsTest {
  @Test
  void oneHouseInRetrievalModeChangesOnlyThatHouse() throws Exception {
    ModelPack pack = Fixtures.bundledPack("landscape");
    SampleScene sample = SampleScene.bundled(pack.palette());
    Scene scene = sample.toScene(pack.palette());
    int house = pack.palette().indexOf("house").orElseThrow();
    List<Instance> base = scene.instances();
    Instance chosen =
        base.stream()
            .filter(o -> o.classIndex() == house)
            .max(java.util.Comparator.comparingInt(o -> scene.pixelCount(o.id())))
            .orElseThrow();
    List<Instance> oneRetrieved =
        base.stream()
            .map(o -> o.id() == chosen.id() ? o.withMode(RenderMode.RETRIEVAL) : o)
            .toList();
    try (InferenceRuntime rt = new InferenceRuntime(true, 2);
        RenderService service =
            new RenderService(new BaseRenderer(rt, pack), new RetrievalRenderer(rt, pack))) {
      int[] size = pack.workingSize(128, 128);
      RenderedImage before = render(service, sample, base, size);
      RenderedImage after = render(service, sample, oneRetrieved, size);
      InstanceMap ids =
          Resampler.maps(sample.labels(), sample.instances(), size[0], size[1]).instances();
      int inside = 0;
      long change = 0;
      for (int i = 0; i < ids.raw().length; i++) {
        int a = before.argb()[i];
        int b = after.argb()[i];
        if ((ids.raw()[i] & 0xFFFF) != chosen.id()) {
          assertEquals(a, b, "changed outside the house at " + i % size[0] + "," + i / size[0]);
          continue;
        }
        inside++;
        for (int shift = 0; shift <= 16; shift += 8) {
          change += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
        }
      }
      double mean = change / (3.0 * inside);
      assertTrue(inside > 20, "the house covers pixels at working size: " + inside);
      assertTrue(mean >= 10, "the house is drawn anew: mean change " + mean + " grey levels");
      // A new look for it (a new seed) retrieves another segment: the house changes again.
      List<Instance> newLook =
          oneRetrieved.stream()
              .map(o -> o.id() == chosen.id() ? o.withSeed(o.seed() + 1) : o)
              .toList();
      RenderedImage again = render(service, sample, newLook, size);
      double look = meanChangeInside(after, again, ids, chosen.id(), size[0]);
      assertTrue(look >= 10, "a new look draws the house anew: mean change " + look);
    }
  }

  /** Mean grey-level change inside one object; fails where anything outside it changed. */
  private static double meanChangeInside(
      RenderedImage a, RenderedImage b, InstanceMap ids, int id, int width) {
    int inside = 0;
    long change = 0;
    for (int i = 0; i < ids.raw().length; i++) {
      if ((ids.raw()[i] & 0xFFFF) != id) {
        assertEquals(a.argb()[i], b.argb()[i], "changed outside at " + i % width + "," + i / width);
        continue;
      }
      inside++;
      for (int shift = 0; shift <= 16; shift += 8) {
        change += Math.abs(((a.argb()[i] >> shift) & 0xFF) - ((b.argb()[i] >> shift) & 0xFF));
      }
    }
    return change / (3.0 * inside);
  }

  @Test
  void aPackWithoutRetrievalSaysSoAndKeepsTheBaseRendering() throws Exception {
    ModelPack pack = Fixtures.ladderPack();
    SampleScene sample = SampleScene.bundled(pack.palette());
    List<Instance> objects =
        sample.toScene(pack.palette()).instances().stream()
            .map(o -> o.withMode(RenderMode.RETRIEVAL))
            .toList();
    try (InferenceRuntime rt = new InferenceRuntime(true, 2);
        RenderService service = new RenderService(new BaseRenderer(rt, pack))) {
      int[] size = pack.workingSize(128, 128);
      RenderedImage plain = render(service, sample, List.of(), size);
      RenderedImage asked = render(service, sample, objects, size);
      assertTrue(java.util.Arrays.equals(plain.argb(), asked.argb()), "the base rendering");
      assertTrue(
          service.lastNotices().stream().anyMatch(n -> n.contains("no retrieval generator")),
          service.lastNotices().toString());
    }
  }

  private static RenderedImage render(
      RenderService service, SampleScene s, List<Instance> objects, int[] size) throws Exception {
    RenderRequest q =
        new RenderRequest(s.labels(), s.instances(), 7, null, size[0], size[1], null, objects);
    return service.submit(q).get(60, TimeUnit.SECONDS);
  }
}
