package dev.scenebrush.cli;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The preview after moving one object, as the app renders it (the ladder refines only what the move
 * reaches) against a full render of the same scene by a fresh render service, in one run: time,
 * share of rung pixels refined, and the largest difference between the two pictures.
 */
@Command(
    name = "move",
    mixinStandardHelpOptions = true,
    description = "Preview after moving an object: refined share and time vs a full render.")
final class MoveBenchCommand implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Option(names = "--preview", defaultValue = "1024", description = "preview side (default 1024)")
  int preview;

  @Option(names = "--moves", defaultValue = "8", description = "objects moved, one at a time")
  int moves;

  @Option(names = "--step", defaultValue = "12", description = "move distance in canvas pixels")
  int step;

  @Override
  public Integer call() throws Exception {
    if (preview < 16 || preview > 8192 || moves < 1) {
      throw new IllegalArgumentException("--preview must be 16..8192 and --moves at least 1");
    }
    ModelPack p = options.pack();
    if (!p.hasLadder()) {
      throw new IllegalArgumentException(
          "pack '" + p.id() + "' has no ladder: its preview is one render, nothing to reuse");
    }
    // The sample as the app opens it: its objects in the modes the pack starts their classes in.
    Scene scene = SampleScene.bundled(p.palette()).toScene(p.palette(), p::newObjectMode);
    List<Instance> objects = scene.instances();
    System.out.printf(
        "pack '%s', sample scene %dx%d with %d objects, preview %d², move %d px%n",
        p.id(), scene.width(), scene.height(), objects.size(), preview, step);
    double[] ours = new double[moves];
    double[] full = new double[moves];
    double[] share = new double[moves];
    try (InferenceRuntime runtime = new InferenceRuntime(true, options.threads());
        RenderService live = new RenderService(new BaseRenderer(runtime, p))) {
      render(live, scene); // the picture before the first move, and a warm-up
      for (int m = 0; m < moves; m++) {
        Instance o = objects.get(m % objects.size());
        scene.moveInstance(o.id(), m % 2 == 0 ? step : -step, 0);
        long t0 = System.nanoTime();
        RenderedImage mine = render(live, scene);
        ours[m] = (System.nanoTime() - t0) / 1e6;
        long[] refined = live.lastRefinedPixels();
        share[m] = 100.0 * refined[0] / refined[1];
        try (RenderService fresh = new RenderService(new BaseRenderer(runtime, p))) {
          long t1 = System.nanoTime();
          RenderedImage whole = render(fresh, scene);
          full[m] = (System.nanoTime() - t1) / 1e6;
          System.out.printf(
              "move %d (%s #%d): %.0f ms, %.1f %% of rung pixels refined; full render %.0f ms;"
                  + " largest difference %d levels%n",
              m + 1,
              p.palette().get(o.classIndex()).name(),
              o.id(),
              ours[m],
              share[m],
              full[m],
              largestDifference(mine, whole));
        }
      }
    }
    Arrays.sort(ours);
    Arrays.sort(full);
    Arrays.sort(share);
    System.out.printf(
        "median: %.0f ms after a move vs %.0f ms full (%.2fx), %.1f %% of rung pixels refined%n",
        ours[moves / 2], full[moves / 2], full[moves / 2] / ours[moves / 2], share[moves / 2]);
    return 0;
  }

  private RenderedImage render(RenderService service, Scene scene) throws Exception {
    return service
        .submit(
            new RenderRequest(
                scene.labelsSnapshot(), scene.instancesSnapshot(), 1, preview, preview))
        .get();
  }

  private static int largestDifference(RenderedImage a, RenderedImage b) {
    int max = 0;
    for (int i = 0; i < a.argb().length; i++) {
      for (int s = 0; s <= 16; s += 8) {
        max = Math.max(max, Math.abs(((a.argb()[i] >> s) & 0xFF) - ((b.argb()[i] >> s) & 0xFF)));
      }
    }
    return max;
  }
}
