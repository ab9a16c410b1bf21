package dev.scenebrush.cli;

import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Memory over a long painting session: edit + render cycles as the app runs them (a stroke of a
 * random class, now and then an undo, a redo or a whole-canvas fill; then the preview through the
 * render service and the pack's ladder), with the process's resident memory every 100 cycles. A
 * leak shows as RSS that keeps climbing after the warm-up.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = "Edit + render cycles; resident memory every 100 cycles, flat after warm-up?")
final class SoakBenchCommand implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Option(names = "--cycles", defaultValue = "2500", description = "edit + render cycles")
  int cycles;

  @Option(names = "--canvas", defaultValue = "1024", description = "canvas side (default 1024)")
  int canvas;

  @Option(names = "--preview", defaultValue = "512", description = "preview long side")
  int preview;

  @Option(names = "--every", defaultValue = "100", description = "report every N cycles")
  int every;

  @Override
  public Integer call() throws Exception {
    if (cycles < 1 || every < 1 || canvas < 16 || canvas > 8192 || preview < 16) {
      throw new IllegalArgumentException(
          "--cycles and --every must be at least 1, --canvas 16..8192, --preview at least 16");
    }
    ModelPack p = options.pack();
    Scene scene = new Scene(p.palette(), canvas, canvas);
    scene.labels().fill(0);
    List<Integer> classes = new ArrayList<>();
    for (int i = 0; i < p.palette().size(); i++) {
      LabelClass c = p.palette().get(i);
      if (!c.hidden()) {
        classes.add(i);
      }
    }
    Random rnd = new Random(1);
    List<long[]> samples = new ArrayList<>();
    System.out.printf(
        "pack '%s', canvas %d², preview %d, %d cycles, max heap %d MB%n",
        p.id(), canvas, preview, cycles, Runtime.getRuntime().maxMemory() >> 20);
    long t0 = System.nanoTime();
    try (InferenceRuntime runtime = new InferenceRuntime(true, options.threads());
        RenderService renders = new RenderService(new BaseRenderer(runtime, p))) {
      for (int cycle = 1; cycle <= cycles; cycle++) {
        edit(scene, classes, rnd);
        renders
            .submit(
                new RenderRequest(
                    scene.labelsSnapshot(), scene.instancesSnapshot(), cycle, preview, preview))
            .get(10, TimeUnit.MINUTES);
        if (cycle % every == 0 || cycle == cycles) {
          long rss = rssKb();
          long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
          samples.add(new long[] {cycle, rss});
          System.out.printf(
              "cycle %5d: RSS %6.0f MB, heap in use %5.0f MB, %d undo steps, %.0f s%n",
              cycle,
              rss / 1024.0,
              heap / 1048576.0,
              scene.undoDepth(),
              (System.nanoTime() - t0) / 1e9);
        }
      }
    }
    report(samples);
    return 0;
  }

  private void edit(Scene scene, List<Integer> classes, Random rnd) {
    int kind = rnd.nextInt(20);
    if (kind == 0 && scene.canUndo()) {
      scene.undo();
      return;
    }
    if (kind == 1 && scene.canRedo()) {
      scene.redo();
      return;
    }
    int label = classes.get(rnd.nextInt(classes.size()));
    if (kind == 2) {
      scene.fill(rnd.nextInt(canvas), rnd.nextInt(canvas), label);
      return;
    }
    double x = rnd.nextDouble() * canvas;
    double y = rnd.nextDouble() * canvas;
    int brush = 8 + rnd.nextInt(canvas / 8);
    scene.beginStroke("Brush", x, y, brush, label, Scene.InstancePolicy.AUTO);
    for (int i = 0; i < 20; i++) {
      double nx = Math.max(0, Math.min(canvas - 1, x + rnd.nextGaussian() * canvas / 30));
      double ny = Math.max(0, Math.min(canvas - 1, y + rnd.nextGaussian() * canvas / 30));
      scene.strokeTo(x, y, nx, ny);
      x = nx;
      y = ny;
    }
    scene.endStroke();
  }

  /** Spread of RSS after the first fifth of the run (warm-up: sessions, JIT, undo history). */
  private static void report(List<long[]> samples) {
    int from = Math.min(samples.size() - 1, samples.size() / 5);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = from; i < samples.size(); i++) {
      min = Math.min(min, samples.get(i)[1]);
      max = Math.max(max, samples.get(i)[1]);
    }
    if (max == 0) {
      System.out.println("resident memory is not readable on this system (/proc/self/status)");
      return;
    }
    double spread = 100.0 * (max - min) / min;
    System.out.printf(
        "after warm-up (from cycle %d): RSS %.0f..%.0f MB, spread %.1f%% (goal: within 10%%)%n",
        samples.get(from)[0], min / 1024.0, max / 1024.0, spread);
  }

  /** Resident set size in kB (Linux); 0 where /proc is not there. */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
