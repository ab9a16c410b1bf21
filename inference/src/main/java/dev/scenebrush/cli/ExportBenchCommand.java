package dev.scenebrush.cli;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.Ladder;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.TiledRenderer;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.Resampler;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Export time and peak memory (RSS) at several sizes, smallest first. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Tiled export time and peak resident memory per size.")
final class ExportBenchCommand implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Option(names = "--sizes", split = ",", defaultValue = "2048,4096,8192")
  int[] sizes;

  @Option(names = "--tile", defaultValue = "1024")
  int tile;

  @Option(
      names = "--whole-generator",
      description = "run the whole generator per tile even when the pack has a split one")
  boolean wholeGenerator;

  @Option(
      names = "--direct",
      description = "run the generator at the export size even when the pack has a ladder")
  boolean direct;

  @Override
  public Integer call() throws Exception {
    ModelPack p = options.pack();
    LabelMap labels = BenchCommand.sampleScene(1024, p.palette().size());
    InstanceMap inst = new InstanceMap(1024, 1024);
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(1, p.zDim()));
    try (InferenceRuntime runtime = new InferenceRuntime(true, options.threads(), true)) {
      if (p.hasLadder() && !direct) {
        climb(runtime, p, labels, inst, style);
        return 0;
      }
      TiledRenderer r = new TiledRenderer(runtime, p, 0, !wholeGenerator);
      System.out.printf(
          "pack '%s', tile %d, halo %d px, %s, %s, max heap %d MB%n",
          p.id(),
          tile,
          r.halo(),
          r.split() ? "split generator" : "whole generator",
          threadsNote(),
          Runtime.getRuntime().maxMemory() >> 20);
      for (int s : sizes) {
        long t0 = System.nanoTime();
        r.render(labels, inst, style, s, s, tile, null, new ModelSession.Cancel());
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%dx%d: %.1f s, peak RSS so far %.2f GB%n", s, s, secs, peakRssGb());
      }
    }
    return 0;
  }

  /** The ladder's export: the base near the pack's resolution, every rung in tiles. */
  private void climb(
      InferenceRuntime runtime, ModelPack p, LabelMap labels, InstanceMap inst, StyleSpec style) {
    System.out.printf(
        "pack '%s', ladder of %d stage(s), tile %d, %s, max heap %d MB%n",
        p.id(), p.refiners().size(), tile, threadsNote(), Runtime.getRuntime().maxMemory() >> 20);
    Ladder ladder = new Ladder(runtime, p);
    for (int s : sizes) {
      long t0 = System.nanoTime();
      Ladder.Plan plan = Ladder.plan(p, s, s);
      RenderedImage base =
          new BaseRenderer(runtime, p)
              .render(
                  labels,
                  inst,
                  style,
                  plan.baseWidth(),
                  plan.baseHeight(),
                  new ModelSession.Cancel());
      ladder.climb(
          plan, base, labels, inst, Ladder.NOISE_SEED, tile, null, new ModelSession.Cancel());
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%dx%d: %.1f s (%d rungs from %dx%d), peak RSS so far %.2f GB%n",
          s, s, secs, plan.rungs().size(), plan.baseWidth(), plan.baseHeight(), peakRssGb());
      // The maps at every rung's size again, alone: what resampling (the enlarging vote above
      // the document's size) costs of that export.
      long m0 = System.nanoTime();
      for (Ladder.Rung r : plan.rungs()) {
        Resampler.maps(labels, inst, r.width(), r.height());
      }
      double mapSecs = (System.nanoTime() - m0) / 1e9;
      System.out.printf(
          "  of which maps at the rungs' sizes: %.2f s (%.1f %%)%n", mapSecs, 100 * mapSecs / secs);
    }
  }

  /** VmHWM from /proc (Linux); -1 elsewhere. */
  static double peakRssGb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (Exception ignored) {
      // not Linux
    }
    return -1;
  }

  private String threadsNote() {
    int t = options.threads();
    return (t == 0 ? Runtime.getRuntime().availableProcessors() + " cores" : t + " thread(s)");
  }
}
