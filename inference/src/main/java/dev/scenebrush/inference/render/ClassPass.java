package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
    for (Instance o : todo) {
      Optional<ModelPack.ClassGenerator> gen =
          pack.classGenerators().stream().filter(g -> g.classIndex() == o.classIndex()).findFirst();
      if (gen.isEmpty()) {
        notices.add(
            "no class generator for '"
                + palette.get(o.classIndex()).name()
                + "' in this pack: object "
                + o.id()
                + " is rendered by the base generator");
        continue;
      }
      int[] b = bounds[o.id()];
      int[] box = Compositing.cropBox(b[0], b[1], b[2], b[3], w, h);
      int bx = box[0];
      int by = box[1];
      int side = box[2];
      boolean[] mask = new boolean[side * side];
      byte[] lab = new byte[side * side];
      int[] ctx = new int[side * side];
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int g = (by + y) * w + bx + x;
          mask[y * side + x] = (raw[g] & 0xFFFF) == o.id();
          lab[y * side + x] = labels.raw()[g];
          ctx[y * side + x] = out[g];
        }
      }
      String key =
          o.classIndex()
              + ":"
              + o.seed()
              + ":"
              + o.id()
              + ":"
              + bx
              + ","
              + by
              + ","
              + side
              + ":"
              + Arrays.hashCode(mask)
              + ":"
              + Arrays.hashCode(lab)
              + ":"
              + Arrays.hashCode(ctx);
      int[] rendered = cache.get(key);
      int r = runSide(gen.get(), side);
      if (rendered == null) {
        rendered = render(gen.get(), r, ctx, lab, mask, side, o, cancel);
        largestRun = Math.max(largestRun, r);
        cache.put(key, rendered);
        ran++;
      } else {
        cached++;
      }
      int soften = Math.max(1, side / 64);
      Compositing.blend(out, w, bx, by, side, rendered, Compositing.alpha(mask, side, soften));
    }
    return new Result(out, ran, cached, notices, largestRun);
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
      ModelPack.ClassGenerator g,
      int r,
      int[] ctx,
      byte[] lab,
      boolean[] mask,
      int side,
      Instance o,
      ModelSession.Cancel cancel) {
    int classes = pack.palette().size();
    int[] ctxR = ImageTensors.resize(ctx, side, side, r, r);
    boolean[] maskR = new boolean[r * r];
    byte[] labR = new byte[r * r];
    for (int y = 0; y < r; y++) {
      int sy = Math.min(side - 1, (int) ((y + 0.5) * side / r));
      for (int x = 0; x < r; x++) {
        int sx = Math.min(side - 1, (int) ((x + 0.5) * side / r));
        maskR[y * r + x] = mask[sy * side + sx];
        labR[y * r + x] = lab[sy * side + sx];
      }
    }
    if ("blur".equals(g.context())) {
      // Training blurs the crop with a Gaussian of sigma side/6; three box passes of radius k
      // give sigma sqrt(k(k+1)), so k = r/6 matches it (r/12 gave half the blur).
      int[] blurred = Compositing.blur(ctxR, r, Math.max(1, r / 6));
      for (int i = 0; i < r * r; i++) {
        if (maskR[i]) {
          ctxR[i] = blurred[i];
        }
      }
    }
    float[] context = ImageTensors.fromArgb(ctxR, r, r);
    float[] m = new float[r * r];
    float[] onehot = new float[(classes + 1) * r * r];
    for (int i = 0; i < r * r; i++) {
      m[i] = maskR[i] ? 1f : 0f;
      if (maskR[i] && !"blur".equals(g.context())) {
        context[i] = 0f;
        context[r * r + i] = 0f;
        context[2 * r * r + i] = 0f;
      }
      int c = labR[i] & 0xFF;
      onehot[(c == Palette.UNKNOWN || c >= classes ? classes : c) * r * r + i] = 1f;
    }
    ModelSession session = runtime.session(g.file());
    int zDim = (int) session.inputShapes().get("z")[1];
    float[] z = StyleSeed.gaussian(o.seed() == 0 ? o.id() : o.seed(), zDim);
    float[] img =
        session
            .run(
                Map.of(
                    "context", new Tensor(context, new long[] {1, 3, r, r}),
                    "label", new Tensor(onehot, new long[] {1, classes + 1, r, r}),
                    "mask", new Tensor(m, new long[] {1, 1, r, r}),
                    "z", new Tensor(z, new long[] {1, zDim})),
                cancel)
            .get("image")
            .data();
    return ImageTensors.resize(ImageTensors.toArgb(img, r, r), r, r, side, side);
  }
}
