package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.RetrievalRenderer;
import dev.scenebrush.inference.retrieval.RetrievalSession;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.tensor.Resampler;
import dev.scenebrush.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retrieval generator of the test pack: matches PyTorch, renders, re-rolls. */
class RetrievalRenderTest {
  @Test
  void theRetrievalGeneratorReproducesPyTorch() {
    ModelPack pack = Fixtures.tinyPack();
    assertTrue(PackReference.retrievalPresent(pack));
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      double max = PackReference.maxRetrievalDifference(pack, rt);
      assertTrue(max <= 1e-4, "max |ONNX - PyTorch| = " + max);
    }
  }

  @Test
  void rendersTheSampleAndAnotherSegmentChangesThePicture() {
    ModelPack pack = Fixtures.tinyPack();
    SampleScene sample = SampleScene.bundled(pack.palette());
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      RetrievalRenderer r = new RetrievalRenderer(rt, pack);
      RetrievalSession session = r.newSession();
      RenderedImage first =
          r.render(
              sample.labels(), sample.instances(), session, 128, 128, new ModelSession.Cancel());
      assertEquals(128, first.width());
      int searches = session.searches();
      RenderedImage again =
          r.render(
              sample.labels(), sample.instances(), session, 128, 128, new ModelSession.Cancel());
      assertEquals(searches, session.searches(), "an unchanged painting searches nothing");
      assertTrue(Arrays.equals(first.argb(), again.argb()), "same picks, same picture");
      // Re-roll the sky (top-left corner) at the working size the renderer used.
      int[] size = pack.workingSize(128, 128);
      Resampler.Maps maps = Resampler.maps(sample.labels(), sample.instances(), size[0], size[1]);
      LabelMap l = maps.labels();
      InstanceMap inst = maps.instances();
      assertTrue(session.another(l, inst, 2, 2));
      RenderedImage rerolled =
          r.render(
              sample.labels(), sample.instances(), session, 128, 128, new ModelSession.Cancel());
      assertFalse(Arrays.equals(first.argb(), rerolled.argb()), "another sky segment");
    }
  }

  @Test
  void theServiceRendersRequestsWithASessionByRetrievalAndOthersByTheBase() throws Exception {
    ModelPack pack = Fixtures.tinyPack();
    SampleScene sample = SampleScene.bundled(pack.palette());
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      BaseRenderer base = new BaseRenderer(rt, pack);
      RetrievalRenderer retrieval = new RetrievalRenderer(rt, pack);
      RetrievalSession session = retrieval.newSession();
      RenderRequest plain = new RenderRequest(sample.labels(), sample.instances(), 3, 128, 128);
      RenderRequest guided =
          new RenderRequest(
              sample.labels(), sample.instances(), 3, null, 128, 128, session, List.of());
      ModelSession.Cancel cancel = new ModelSession.Cancel();
      try (RenderService service = new RenderService(base, retrieval)) {
        assertArrayEquals(
            retrieval.render(guided, cancel).argb(),
            service.submit(guided).get(60, TimeUnit.SECONDS).argb());
        assertArrayEquals(
            base.render(plain, cancel).argb(),
            service.submit(plain).get(60, TimeUnit.SECONDS).argb());
      }
      try (RenderService noRetrieval = new RenderService(base)) {
        assertArrayEquals(
            base.render(plain, cancel).argb(),
            noRetrieval.submit(guided).get(60, TimeUnit.SECONDS).argb(),
            "without a retrieval generator a session changes nothing");
      }
      assertThrows(IllegalArgumentException.class, () -> retrieval.render(plain, cancel));
    }
  }

  @Test
  void aPackWithoutRetrievalSaysSo() {
    ModelPack pack = Fixtures.releasedPack("spade-ade20k");
    try (InferenceRuntime rt = new InferenceRuntime(true, 1)) {
      assertTrue(
          assertThrows(PackException.class, () -> new RetrievalRenderer(rt, pack))
              .getMessage()
              .contains("has no retrieval generator"));
    }
  }
}
