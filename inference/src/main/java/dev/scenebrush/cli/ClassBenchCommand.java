package dev.scenebrush.cli;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.ClassPass;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.Resampler;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A new look for one object in class mode (its class generator only; base render and the other
 * objects cached) against a full render (base generator and every object's class generator).
 */
@Command(
    name = "class",
    mixinStandardHelpOptions = true,
    description = "Re-rolling one object's look vs a full render with the class pass.")
final class ClassBenchCommand implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Option(names = "--size", defaultValue = "512", description = "square render size")
  int size;

  @Option(names = "--runs", defaultValue = "5")
  int runs;

  @Override
  public Integer call() {
    ModelPack p = options.pack();
    if (p.classGenerators().isEmpty()) {
      throw new IllegalArgumentException("pack '" + p.id() + "' has no class generators");
    }
    SampleScene sample = SampleScene.bundled(p.palette());
    Scene scene = sample.toScene(p.palette());
    List<Instance> objects = new ArrayList<>();
    for (Instance o : scene.instances()) {
      boolean has = p.hasClassGenerator(o.classIndex());
      objects.add(has ? o.withMode(RenderMode.CLASS).withSeed(o.id()) : o);
    }
    long inClass = objects.stream().filter(o -> o.mode() == RenderMode.CLASS).count();
    if (inClass == 0) {
      throw new IllegalArgumentException(
          "the sample scene has no object of a class with a generator");
    }
    int[] wh = p.workingSize(size, size);
    LabelMap labels = Resampler.labels(sample.labels(), wh[0], wh[1]);
    InstanceMap ids = Resampler.instances(sample.instances(), wh[0], wh[1]);
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(0, p.zDim()));
    try (InferenceRuntime rt = new InferenceRuntime(true, options.threads())) {
      BaseRenderer base = new BaseRenderer(rt, p);
      double[] full = new double[runs];
      double[] reroll = new double[runs];
      // The largest object: the pass runs it first, so objects whose crops overlap it re-run too.
      Instance target =
          objects.stream()
              .filter(o -> o.mode() == RenderMode.CLASS)
              .max(Comparator.comparingInt(o -> scene.pixelCount(o.id())))
              .get();
      int reran = 0;
      for (int i = -1; i < runs; i++) { // run -1 warms up
        long t0 = System.nanoTime();
        RenderedImage b = base.render(labels, ids, style, wh[0], wh[1], new ModelSession.Cancel());
        ClassPass pass = new ClassPass(rt, p);
        pass.apply(b.argb(), labels, ids, objects, new ModelSession.Cancel());
        long t1 = System.nanoTime();
        List<Instance> changed = new ArrayList<>(objects);
        changed.set(objects.indexOf(target), target.withSeed(1000 + i));
        ClassPass.Result r = pass.apply(b.argb(), labels, ids, changed, new ModelSession.Cancel());
        long t2 = System.nanoTime();
        if (i >= 0) {
          full[i] = (t1 - t0) / 1e6;
          reroll[i] = (t2 - t1) / 1e6;
        }
        reran = r.ran();
      }
      Arrays.sort(full);
      Arrays.sort(reroll);
      double f = full[runs / 2];
      double rr = reroll[runs / 2];
      System.out.printf(
          "pack '%s', %dx%d, %d objects in class mode: full render %.1f ms, new look for the"
              + " largest object %.1f ms (%d class generators re-ran: it and those its crop"
              + " overlaps; ratio %.3f)%n",
          p.id(), wh[0], wh[1], inClass, f, rr, reran, rr / f);
    }
    return 0;
  }
}
