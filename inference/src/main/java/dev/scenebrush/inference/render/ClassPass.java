package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.tensor.ImageTensors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The class pass (docs/design.md §6, step 3; CollageGAN): objects set to "class" mode are
 * re-rendered by their class's generator, largest first, each from a crop twice its size of the
 * picture so far (the object removed: masked or blurred, as its generator was trained), with its
 * own z, and pasted inside its own mask (its edge faded), so each result is context for the next.
 * Results are cached by their inputs: an edit re-runs only the objects whose crop it changed.
 */
public final class ClassPass {
  /** Cached object renders kept (per pass). */
  static final int CACHE = 256;

  private final InferenceRuntime runtime;
  private final ModelPack pack;
  private final Map<String, int[]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> e) {
          return size() > CACHE;
        }
      };

  /** How far above its training resolution a class generator may run (exports). */
  public static final int EXPORT_SCALE = 4;

  /** Chosen scene looks by crop (the candidates' run is eight times an object's). */
  private final Map<String, Long> choices =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> e) {
          return size() > CACHE;
        }
      };

  private final int maxScale;

  public ClassPass(InferenceRuntime runtime, ModelPack pack) {
    this(runtime, pack, 1);
  }

  /**
   * @param maxScale 1 runs every class generator at its training resolution (live renders); above 1
   *     (exports) an object whose crop is larger is re-generated at up to maxScale times that
   *     resolution, in powers of two, instead of being upscaled from it
   */
  public ClassPass(InferenceRuntime runtime, ModelPack pack, int maxScale) {
    this.runtime = runtime;
    this.pack = pack;
    this.maxScale = Math.max(1, maxScale);
  }

  /**
   * The composite, which objects were rendered or taken from the cache, notices, and the largest
   * side a class generator ran at (0 when none ran).
   */
  public record Result(int[] argb, int ran, int cached, List<String> notices, int largestRun) {}

  /** Applies the pass to a base render of labels/ids' size (a copy is returned). */
  public synchronized Result apply(
      int[] base,
      LabelMap labels,
      InstanceMap ids,
      List<Instance> objects,
      ModelSession.Cancel cancel) {
    return applyTo(base.clone(), labels, ids, objects, cancel);
  }

  /** Applies the pass to the picture itself (large exports: no second copy of it). */
  public synchronized Result applyInPlace(
      int[] picture,
      LabelMap labels,
      InstanceMap ids,
      List<Instance> objects,
      ModelSession.Cancel cancel) {
    return applyTo(picture, labels, ids, objects, cancel);
  }

  private Result applyTo(
      int[] out,
      LabelMap labels,
      InstanceMap ids,
      List<Instance> objects,
      ModelSession.Cancel cancel) {
    int w = labels.width();
    int h = labels.height();
    List<String> notices = new ArrayList<>();
    int ran = 0;
    int cached = 0;
    int largestRun = 0;
    int[] area = new int[65536];
    int[][] bounds = new int[65536][];
    short[] raw = ids.raw();
    for (int p = 0; p < raw.length; p++) {
      int id = raw[p] & 0xFFFF;
      if (id == 0) {
        continue;
      }
      area[id]++;
      int x = p % w;
      int y = p / w;
      int[] b = bounds[id];
      if (b == null) {
        bounds[id] = new int[] {x, y, x, y};
      } else {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
      }
    }
    List<Instance> todo =
        objects.stream()
            .filter(o -> o.mode() == RenderMode.CLASS && area[o.id()] > 0)
            .sorted(
                Comparator.comparingInt((Instance o) -> -area[o.id()])
                    .thenComparingInt(Instance::id))
            .toList();
    Palette palette = pack.palette();
    // New objects' looks are chosen from the picture before any object is pasted, so a new look
    // for one object does not make the others choose again.
    Map<Integer, Long> sceneLooks = new HashMap<>();
    for (Instance o : todo) {
      Optional<ModelPack.ClassGenerator> gen = generatorFor(o);
      if (o.seed() == 0 && gen.isPresent()) {
        Crop crop = Crop.cut(out, labels, ids, o.id(), bounds[o.id()]);
        sceneLooks.put(o.id(), sceneLook(gen.get(), crop, o, cancel));
      }
    }
    for (Instance o : todo) {
      Optional<ModelPack.ClassGenerator> gen = generatorFor(o);
      if (gen.isEmpty()) {
        notices.add(
            "no class generator for '"
                + palette.get(o.classIndex()).name()
                + "' in this pack: object "
                + o.id()
                + " is rendered by the base generator");
        continue;
      }
      Crop crop = Crop.cut(out, labels, ids, o.id(), bounds[o.id()]);
      long seed = o.seed() != 0 ? o.seed() : sceneLooks.get(o.id());
      String key = renderKey(o, seed, crop);
      int[] rendered = cache.get(key);
      int r = runSide(gen.get(), crop.side());
      if (rendered == null) {
        rendered = render(gen.get(), r, crop, seed, cancel);
        largestRun = Math.max(largestRun, r);
        cache.put(key, rendered);
        ran++;
      } else {
        cached++;
      }
      int soften = Math.max(1, crop.side() / 64);
      Compositing.blend(
          out,
          w,
          crop.x(),
          crop.y(),
          crop.side(),
          rendered,
          Compositing.alpha(crop.mask(), crop.side(), soften));
    }
    return new Result(out, ran, cached, notices, largestRun);
  }

  private Optional<ModelPack.ClassGenerator> generatorFor(Instance o) {
    return pack.classGenerators().stream()
        .filter(g -> g.classIndex() == o.classIndex())
        .findFirst();
  }

  /**
   * The scene's look for an object whose seed is 0: of {@link SceneLook#CANDIDATES} looks, run as
   * one batch at the generator's own resolution, the one nearest the picture in colour.
   */
  private long sceneLook(
      ModelPack.ClassGenerator g, Crop crop, Instance o, ModelSession.Cancel cancel) {
    // Keyed by the crop's colours in steps of 8 grey levels, not its exact pixels: a stroke
    // elsewhere moves the base picture slightly everywhere, and the object should neither
    // flicker between looks nor pay for eight runs on every stroke.
    String key = o.classIndex() + ":" + o.id() + ":" + SceneLook.choiceKey(crop);
    Long known = choices.get(key);
    if (known != null) {
      return known;
    }
    ObjectCrop small = ObjectCrop.at(g, pack.palette().size(), g.width(), crop);
    long[] seeds = SceneLook.candidates(o.id());
    float[][] looks = small.run(runtime, seeds, cancel);
    int best =
        SceneLook.closest(looks, small.mask(), SceneLook.meanInside(crop.picture(), crop.mask()));
    long chosen = seeds[best];
    choices.put(key, chosen);
    int r = g.width();
    if (runSide(g, crop.side()) == r) {
      // The chosen candidate is the object's render (same crop, same resolution): the pass that
      // pastes it finds it here instead of running the generator a ninth time.
      cache.put(
          renderKey(o, chosen, crop),
          ImageTensors.resize(
              ImageTensors.toArgb(looks[best], r, r), r, r, crop.side(), crop.side()));
    }
    return chosen;
  }

  private static String renderKey(Instance o, long seed, Crop crop) {
    return o.classIndex() + ":" + seed + ":" + o.id() + ":" + crop.key();
  }

  /** The generator's resolution, doubled while the crop is at least that large (up to maxScale). */
  public int runSide(ModelPack.ClassGenerator g, int side) {
    int r = g.width();
    while (r * 2 <= side && r * 2 <= g.width() * maxScale) {
      r *= 2;
    }
    return r;
  }

  private int[] render(
      ModelPack.ClassGenerator g, int r, Crop crop, long seed, ModelSession.Cancel cancel) {
    float[] img =
        ObjectCrop.at(g, pack.palette().size(), r, crop).run(runtime, new long[] {seed}, cancel)[0];
    return ImageTensors.resize(ImageTensors.toArgb(img, r, r), r, r, crop.side(), crop.side());
  }
}
