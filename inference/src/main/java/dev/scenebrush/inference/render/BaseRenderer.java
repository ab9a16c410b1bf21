package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.Resampler;
import dev.scenebrush.inference.tensor.StyleSeed;
import dev.scenebrush.inference.tensor.TensorPrep;
import java.util.HashMap;
import java.util.Map;

/** The base pass (SPADE): the pack's generator renders the whole scene. */
public final class BaseRenderer implements Renderer {
  private final InferenceRuntime runtime;
  private final ModelPack pack;

  public BaseRenderer(InferenceRuntime runtime, ModelPack pack) {
    this.runtime = runtime;
    this.pack = pack;
  }

  public InferenceRuntime runtime() {
    return runtime;
  }

  public ModelPack pack() {
    return pack;
  }

  /** Renders the request with its style (or its seed's z). */
  @Override
  public RenderedImage render(RenderRequest q, ModelSession.Cancel cancel, Ladder.Stages stages) {
    return render(
        q.labels(), q.instances(), q.styleFor(pack.zDim()), q.width(), q.height(), cancel);
  }

  /** Renders at the working size nearest to (width, height), then resizes to exactly that. */
  public RenderedImage render(
      LabelMap labels, InstanceMap instances, long seed, int width, int height) {
    return render(
        labels,
        instances,
        StyleSeed.gaussian(seed, pack.zDim()),
        width,
        height,
        new ModelSession.Cancel());
  }

  public RenderedImage render(
      LabelMap labels,
      InstanceMap instances,
      float[] z,
      int width,
      int height,
      ModelSession.Cancel cancel) {
    if (z.length != pack.zDim()) {
      throw new IllegalArgumentException(
          "style z has " + z.length + " values; pack '" + pack.id() + "' needs " + pack.zDim());
    }
    return render(labels, instances, StyleSpec.global(z), width, height, cancel);
  }

  /** Renders with a full style: global, regional and per-object z (docs/design.md §6, Style). */
  public RenderedImage render(
      LabelMap labels,
      InstanceMap instances,
      StyleSpec style,
      int width,
      int height,
      ModelSession.Cancel cancel) {
    style.check(pack.zDim());
    if (labels.width() != instances.width() || labels.height() != instances.height()) {
      throw new IllegalArgumentException("label map and instance map differ in size");
    }
    long t0 = System.nanoTime();
    int[] size = pack.workingSize(width, height);
    int w = size[0];
    int h = size[1];
    labels.validate(pack.palette());
    Resampler.Maps maps = Resampler.maps(labels, instances, w, h);
    LabelMap l = maps.labels();
    InstanceMap inst = maps.instances();
    byte[] regions = style.regionsAt(labels.width(), labels.height(), w, h);
    Map<String, Tensor> inputs = new HashMap<>(labelInputs(pack, l, inst));
    inputs.put("z", new Tensor(style.zMap(inst, regions, w, h), shape(style.zDim(), h, w)));
    Tensor image = runtime.session(pack.generator()).run(inputs, cancel).get("image");
    return picture(runtime, image, w, h, width, height, t0);
  }

  /** The label and instance-edge inputs for maps already at the working size. */
  static Map<String, Tensor> labelInputs(ModelPack pack, LabelMap l, InstanceMap inst) {
    int w = l.width();
    int h = l.height();
    return Map.of(
        "label",
        new Tensor(TensorPrep.oneHot(l, pack.palette().size()), shape(pack.labelChannels(), h, w)),
        "instance_edge",
        new Tensor(TensorPrep.instanceEdges(inst), shape(1, h, w)));
  }

  /** A generator's RGB output at working size (w, h), brought to (width, height). */
  static RenderedImage picture(
      InferenceRuntime runtime, Tensor image, int w, int h, int width, int height, long t0) {
    int[] argb = ImageTensors.toArgb(image.data(), w, h);
    if (w != width || h != height) {
      argb = ImageTensors.resize(argb, w, h, width, height);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new RenderedImage(width, height, argb, ms, runtime.provider().label());
  }

  static long[] shape(int c, int h, int w) {
    return new long[] {1, c, h, w};
  }
}
