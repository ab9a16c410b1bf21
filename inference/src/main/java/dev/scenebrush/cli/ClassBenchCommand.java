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
import dev.scenebrush.inference.render.SceneLook;
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
 * objects cached) against a full render (base generator and every object's class generator), and a
 * full render of new objects (seed 0: each takes the scene's look, one batch of candidates).
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
    Resampler.Maps maps = Resampler.maps(sample.labels(), sample.instances(), wh[0], wh[1]);
    LabelMap labels = maps.labels();
    InstanceMap ids = maps.instances();
    StyleSpec style = StyleSpec.global(StyleSeed.gaussian(0, p.zDim()));
    // The largest object: the pass runs it first, so objects whose crops overlap it re-run too.
    Instance target =
        objects.stream()
            .filter(o -> o.mode() == RenderMode.CLASS)
            .max(Comparator.comparingInt(o -> scene.pixelCount(o.id())))
            .get();
    try (InferenceRuntime rt = new InferenceRuntime(true, options.threads())) {
      BaseRenderer base = new BaseRenderer(rt, p);
      Timing own = time(rt, p, base, labels, ids, style, objects, target);
      Timing scene0 =
          time(
              rt,
              p,
              base,
              labels,
              ids,
              style,
              objects.stream().map(o -> o.withSeed(0)).toList(),
              target.withSeed(0));
      System.out.printf(
          "pack '%s', %dx%d, %d objects in class mode, each with a look of its own: full render"
              + " %.1f ms, new look for the largest object %.1f ms (%d class generators re-ran: it"
              + " and those its crop overlaps; ratio %.3f), a stroke away from the objects %.1f ms%n",
          p.id(),
          wh[0],
          wh[1],
          inClass,
          own.full,
          own.reroll,
          own.reran,
          own.reroll / own.full,
          own.stroke);
      System.out.printf(
          "the same objects taking the scene's look (seed 0, %d candidates each): full render"
              + " %.1f ms (%.2fx) with %d of %d objects run again after their candidates, new look"
              + " for the largest object %.1f ms (%d re-ran; ratio %.3f), a stroke away from the"
              + " objects %.1f ms (%.2fx)%n",
          SceneLook.CANDIDATES,
          scene0.full,
          scene0.full / own.full,
          scene0.fullRan,
          inClass,
          scene0.reroll,
          scene0.reran,
          scene0.reroll / scene0.full,
          scene0.stroke,
          scene0.stroke / own.stroke);
    }
    return 0;
  }

  private record Timing(double full, int fullRan, double reroll, int reran, double stroke) {}

  /** Median full render (base and class pass) and re-roll of target with the pass's caches. */
  private Timing time(
      InferenceRuntime rt,
      ModelPack p,
      BaseRenderer base,
      LabelMap labels,
      InstanceMap ids,
      StyleSpec style,
      List<Instance> objects,
      Instance target) {
    double[] full = new double[runs];
    double[] reroll = new double[runs];
    double[] stroke = new double[runs];
    int reran = 0;
    int fullRan = 0;
    // A stroke away from the objects: a 12-pixel square of cloud (or grass) in the top corner.
    LabelMap stroked = labels.copy();
    int paint = p.palette().indexOf("cloud").orElse(p.palette().indexOf("grass").orElse(0));
    for (int y = 4; y < 16; y++) {
      for (int x = 4; x < 16; x++) {
        if (ids.get(x, y) == 0) {
          stroked.set(x, y, paint);
        }
      }
    }
    for (int i = -1; i < runs; i++) { // run -1 warms up
      long t0 = System.nanoTime();
      RenderedImage b =
          base.render(
              labels, ids, style, labels.width(), labels.height(), new ModelSession.Cancel());
      ClassPass pass = new ClassPass(rt, p);
      fullRan = pass.apply(b.argb(), labels, ids, objects, new ModelSession.Cancel()).ran();
      long t1 = System.nanoTime();
      List<Instance> changed = new ArrayList<>(objects);
      changed.set(objects.indexOf(target), target.withSeed(1000 + i));
      ClassPass.Result r = pass.apply(b.argb(), labels, ids, changed, new ModelSession.Cancel());
      long t2 = System.nanoTime();
      RenderedImage b2 =
          base.render(
              stroked, ids, style, labels.width(), labels.height(), new ModelSession.Cancel());
      pass.apply(b2.argb(), stroked, ids, changed, new ModelSession.Cancel());
      long t3 = System.nanoTime();
      if (i >= 0) {
        full[i] = (t1 - t0) / 1e6;
        reroll[i] = (t2 - t1) / 1e6;
        stroke[i] = (t3 - t2) / 1e6;
      }
      reran = r.ran();
    }
    Arrays.sort(full);
    Arrays.sort(reroll);
    Arrays.sort(stroke);
    return new Timing(full[runs / 2], fullRan, reroll[runs / 2], reran, stroke[runs / 2]);
  }
}
