package dev.scenebrush.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.Ladder;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;

/**
 * The ladder's part of {@code bench}: median milliseconds of the first picture (the base at the
 * plan's base size), of every rung, and of the whole climb, beside PyTorch eager on the same stages
 * at the same sizes.
 */
final class LadderBench {
  private LadderBench() {}

  static void run(InferenceRuntime runtime, ModelPack p, int size, int runs, JsonObject torch) {
    LabelMap labels = BenchCommand.sampleScene(size, p.palette().size());
    InstanceMap inst = new InstanceMap(size, size);
    Ladder.Plan plan = Ladder.plan(p, size, size);
    BaseRenderer renderer = new BaseRenderer(runtime, p);
    Ladder ladder = new Ladder(runtime, p);
    int stages = plan.rungs().size() + 1;
    double[][] ms = new double[stages + 1][runs];
    for (int i = -1; i < runs; i++) { // run -1 warms sessions and allocations up
      long t0 = System.nanoTime();
      StyleSpec style = StyleSpec.global(StyleSeed.gaussian(i + 2, p.zDim()));
      RenderedImage base =
          renderer.render(
              labels, inst, style, plan.baseWidth(), plan.baseHeight(), new ModelSession.Cancel());
      long[] marks = new long[stages + 1];
      marks[0] = t0;
      marks[1] = System.nanoTime();
      int[] rung = {1};
      ladder.climb(
          plan,
          base,
          labels,
          inst,
          Ladder.NOISE_SEED,
          Ladder.DEFAULT_TILE,
          (r, n, img) -> {
            if (r > 0) {
              marks[++rung[0]] = System.nanoTime();
            }
            return true;
          },
          new ModelSession.Cancel());
      marks[stages] = System.nanoTime();
      if (i >= 0) {
        for (int s = 0; s < stages; s++) {
          ms[s][i] = (marks[s + 1] - marks[s]) / 1e6;
        }
        ms[stages][i] = (marks[stages] - t0) / 1e6;
      }
    }
    JsonArray eager =
        torch != null && torch.has("ladder") && torch.getAsJsonObject("ladder").has("" + size)
            ? torch.getAsJsonObject("ladder").getAsJsonArray("" + size)
            : null;
    double eagerTotal = 0;
    for (int s = 0; s < stages; s++) {
      String what =
          s == 0
              ? "first picture (base " + plan.baseWidth() + "x" + plan.baseHeight() + ")"
              : "rung "
                  + s
                  + " ("
                  + plan.rungs().get(s - 1).width()
                  + "x"
                  + plan.rungs().get(s - 1).height()
                  + ")";
      double ours = BenchCommand.median(ms[s]);
      String line = String.format("  %-34s %8.1f ms", what, ours);
      if (eager != null && eager.size() == stages) {
        double e = eager.get(s).getAsDouble();
        eagerTotal += e;
        line += String.format("   PyTorch eager: %8.1f ms   ratio: %.2f", e, ours / e);
      }
      System.out.println(line);
    }
    double total = BenchCommand.median(ms[stages]);
    String line = String.format("  %-34s %8.1f ms", "ladder total " + size + "x" + size, total);
    if (eagerTotal > 0) {
      line +=
          String.format("   PyTorch eager: %8.1f ms   ratio: %.2f", eagerTotal, total / eagerTotal);
    }
    System.out.println(line);
  }
}
