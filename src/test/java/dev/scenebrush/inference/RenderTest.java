package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.onnx.ExecutionProvider;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RenderTest {
  static InferenceRuntime runtime;
  static ModelPack pack;

  @BeforeAll
  static void open() {
    runtime = new InferenceRuntime(false, 1);
    pack = Fixtures.tinyPack();
  }

  @AfterAll
  static void close() {
    runtime.close();
  }

  static LabelMap scene(int w, int h) {
    LabelMap m = new LabelMap(w, h);
    m.fill(0);
    for (int y = h / 2; y < h; y++) {
      for (int x = 0; x < w; x++) {
        m.set(x, y, 9); // grass
      }
    }
    Painter.dab(m, w / 3.0, h * 0.7, w / 5, 14); // a tree
    return m;
  }

  @Test
  void withoutAnNvidiaDriverTheCpuIsUsedAndSaysWhy() {
    // This machine has no GPU; on one with a driver the CUDA path is taken instead.
    if (!dev.scenebrush.inference.onnx.NativeLibraries.nvidiaDriverPresent()) {
      assertEquals(ExecutionProvider.CPU, runtime.provider());
      assertTrue(runtime.providerNote().startsWith("CPU"), runtime.providerNote());
    }
  }

  @Test
  void sameSeedGivesIdenticalPixels() {
    BaseRenderer r = new BaseRenderer(runtime, pack);
    LabelMap m = scene(96, 64);
    InstanceMap inst = new InstanceMap(96, 64);
    RenderedImage a = r.render(m, inst, 5, 96, 64);
    RenderedImage b = r.render(m, inst, 5, 96, 64);
    RenderedImage c = r.render(m, inst, 6, 96, 64);
    assertArrayEquals(a.argb(), b.argb());
    assertFalse(Arrays.equals(a.argb(), c.argb()), "another seed gives another look");
    assertEquals(96, a.width());
    assertEquals(64, a.height());
  }

  @Test
  void labelsChangeTheImage() {
    BaseRenderer r = new BaseRenderer(runtime, pack);
    LabelMap m = scene(64, 64);
    RenderedImage before = r.render(m, new InstanceMap(64, 64), 1, 64, 64);
    Painter.dab(m, 40, 20, 20, 3);
    RenderedImage after = r.render(m, new InstanceMap(64, 64), 1, 64, 64);
    assertFalse(Arrays.equals(before.argb(), after.argb()));
  }

  @Test
  void largeCanvasRendersAtTheWorkingSizeAndComesBackAtTheAskedSize() {
    BaseRenderer r = new BaseRenderer(runtime, pack);
    RenderedImage img = r.render(scene(1000, 700), new InstanceMap(1000, 700), 2, 100, 70);
    assertEquals(100 * 70, img.argb().length);
  }

  @Test
  void badStyleVectorIsRefused() {
    BaseRenderer r = new BaseRenderer(runtime, pack);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                r.render(
                    scene(32, 32),
                    new InstanceMap(32, 32),
                    new float[3],
                    32,
                    32,
                    new dev.scenebrush.inference.onnx.ModelSession.Cancel()));
    assertTrue(e.getMessage().contains("needs 8"), e.getMessage());
  }

  @Test
  void newestRequestWinsAndOlderWaitingOnesAreCancelled() throws Exception {
    try (RenderService service = new RenderService(new BaseRenderer(runtime, pack))) {
      // Requests built first and submitted back to back, the first one large: the later ones
      // arrive while it renders, so only the newest of them can survive.
      List<RenderRequest> requests = new ArrayList<>();
      requests.add(
          new RenderRequest(scene(1024, 1024), new InstanceMap(1024, 1024), 0, 1024, 1024));
      for (int seed = 1; seed < 6; seed++) {
        requests.add(new RenderRequest(scene(256, 256), new InstanceMap(256, 256), seed, 256, 256));
      }
      List<CompletableFuture<RenderedImage>> futures = new ArrayList<>();
      for (RenderRequest r : requests) {
        futures.add(service.submit(r));
      }
      RenderedImage last = futures.get(5).get(60, TimeUnit.SECONDS);
      BaseRenderer direct = new BaseRenderer(runtime, pack);
      assertArrayEquals(
          direct.render(scene(256, 256), new InstanceMap(256, 256), 5, 256, 256).argb(),
          last.argb(),
          "the newest request is rendered as asked");
      int cancelled = 0;
      for (CompletableFuture<RenderedImage> f : futures.subList(0, 5)) {
        try {
          f.get(60, TimeUnit.SECONDS);
        } catch (CancellationException e) {
          cancelled++;
        } catch (ExecutionException e) {
          assertTrue(e.getCause() instanceof CancellationException, e.getCause().toString());
          cancelled++;
        }
      }
      assertTrue(cancelled >= 4, "waiting requests are superseded, got " + cancelled);
    }
  }

  @Test
  void closingTheRuntimeWaitsForRunsInFlightAndRefusesLaterOnes() throws Exception {
    InferenceRuntime own = new InferenceRuntime(true, 1);
    BaseRenderer r = new BaseRenderer(own, pack);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<RenderedImage>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(
          pool.submit(() -> r.render(scene(512, 512), new InstanceMap(512, 512), 1, 512, 512)));
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (own.runsInFlight() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(own.runsInFlight() > 0, "a render is running");
    own.close(); // must not free sessions under a running render (that would crash the JVM)
    int finished = 0;
    for (var f : runs) {
      try {
        f.get(60, TimeUnit.SECONDS);
        finished++;
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof CancellationException, e.getCause().toString());
      }
    }
    assertTrue(finished >= 1, "renders already running complete");
    assertThrows(
        CancellationException.class,
        () -> r.render(scene(64, 64), new InstanceMap(64, 64), 1, 64, 64));
    pool.shutdown();
  }

  @Test
  void aRequestAfterCloseIsCancelledNotThrown() throws Exception {
    // A view's resize timer can fire after its window closed the service.
    RenderService service = new RenderService(new BaseRenderer(runtime, pack));
    service.close();
    CompletableFuture<RenderedImage> late =
        service.submit(new RenderRequest(scene(64, 64), new InstanceMap(64, 64), 0, 64, 64));
    assertThrows(CancellationException.class, () -> late.get(10, TimeUnit.SECONDS));
  }

  @Test
  void cancelAllStopsTheWaitingRequest() throws Exception {
    try (RenderService service = new RenderService(new BaseRenderer(runtime, pack))) {
      RenderRequest firstRequest =
          new RenderRequest(scene(512, 512), new InstanceMap(512, 512), 1, 512, 512);
      RenderRequest secondRequest =
          new RenderRequest(scene(512, 512), new InstanceMap(512, 512), 2, 512, 512);
      CompletableFuture<RenderedImage> first = service.submit(firstRequest);
      CompletableFuture<RenderedImage> second = service.submit(secondRequest);
      service.cancelAll();
      assertThrows(CancellationException.class, () -> second.get(60, TimeUnit.SECONDS));
      // The first finished before the cancel, with its own picture, or was terminated in flight.
      try {
        RenderedImage img = first.get(60, TimeUnit.SECONDS);
        assertArrayEquals(
            new BaseRenderer(runtime, pack)
                .render(firstRequest.labels(), firstRequest.instances(), 1, 512, 512)
                .argb(),
            img.argb());
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof CancellationException, e.getCause().toString());
      } catch (CancellationException expected) {
        // superseded before it started
      }
    }
  }
}
