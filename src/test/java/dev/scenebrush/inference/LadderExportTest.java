package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.HighResExport;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled packs' ladder: what the preview shows is what the export holds, larger. */
class LadderExportTest {
  @ParameterizedTest
  @ValueSource(strings = {"landscape", "landscape-spade"})
  void bundledPacksCarryAVerifiedLadder(String id) {
    ModelPack pack = BundledPackTest.load(id);
    assertTrue(pack.hasLadder(), id + " climbs a ladder");
    assertEquals(3, pack.refiners().size());
    try (InferenceRuntime rt = new InferenceRuntime(true, 2)) {
      for (double d : PackReference.maxRefinerDifferences(pack, rt).values()) {
        assertTrue(d <= PackReference.TOLERANCE, "max |ONNX - PyTorch| = " + d);
      }
    }
  }

  @Test
  void theExportTakenDownToThePreviewSizeLooksLikeThePreview(@TempDir Path dir) throws Exception {
    ModelPack pack = BundledPackTest.load("landscape");
    SampleScene sample = SampleScene.bundled(pack.palette());
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(5, pack.zDim()));
    try (InferenceRuntime rt = new InferenceRuntime(true, 2);
        RenderService service = new RenderService(new BaseRenderer(rt, pack))) {
      RenderedImage preview =
          service
              .submit(
                  new RenderRequest(
                      sample.labels(), sample.instances(), 5, style, 512, 512, null, List.of()))
              .get();
      Path out = dir.resolve("big.png");
      List<Instance> objects = List.of();
      HighResExport.run(
          rt,
          pack,
          new HighResExport.Request(
              sample.labels(),
              sample.instances(),
              objects,
              style,
              2048,
              2048,
              512,
              out,
              null,
              null,
              null),
          (done, total) -> {},
          new ModelSession.Cancel());
      BufferedImage big = LabelImages.readImage(out);
      assertEquals(2048, big.getWidth());
      double mad = meanAbsoluteDifference(preview, big, 4);
      System.out.printf("export 2048 taken to 512 vs preview: mean |difference| %.2f/255%n", mad);
      assertTrue(mad <= 6, "mean absolute difference " + mad + "/255 (limit 6)");
    }
  }

  /** Mean |a - b| over channels, b averaged over factor x factor blocks. */
  static double meanAbsoluteDifference(RenderedImage a, BufferedImage b, int factor) {
    double sum = 0;
    for (int y = 0; y < a.height(); y++) {
      for (int x = 0; x < a.width(); x++) {
        int p = a.argb()[y * a.width() + x];
        for (int shift = 0; shift <= 16; shift += 8) {
          double acc = 0;
          for (int dy = 0; dy < factor; dy++) {
            for (int dx = 0; dx < factor; dx++) {
              acc += (b.getRGB(x * factor + dx, y * factor + dy) >> shift) & 0xFF;
            }
          }
          sum += Math.abs(acc / (factor * factor) - ((p >> shift) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.width() * a.height());
  }
}
