package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.retrieval.GuidanceComposer;
import dev.scenebrush.inference.retrieval.RetrievalSession;
import dev.scenebrush.inference.retrieval.SegmentLibrary;
import dev.scenebrush.inference.tensor.Resampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval-guided rendering (RESAIL): the painting is split into segments, each gets a real
 * segment from the pack's library (kept across edits by a {@link RetrievalSession}), the composed
 * guidance image and the labels go through the pack's retrieval generator.
 */
public final class RetrievalRenderer implements Renderer {
  private final InferenceRuntime runtime;
  private final ModelPack pack;
  private final ModelPack.Retrieval retrieval;
  private final SegmentLibrary library;

  public RetrievalRenderer(InferenceRuntime runtime, ModelPack pack) {
    this.runtime = runtime;
    this.pack = pack;
    this.retrieval =
        pack.retrieval()
            .orElseThrow(
                () ->
                    new PackException(
                        "pack '" + pack.id() + "' has no retrieval generator and segment library"));
    this.library = SegmentLibrary.open(retrieval.library());
  }

  public SegmentLibrary library() {
    return library;
  }

  /** Retrieval state for one painting (picks kept across edits, re-rolls). */
  public RetrievalSession newSession() {
    return new RetrievalSession(library, pack.palette());
  }

  /** The composed guidance at the generator's working size, ARGB (alpha 0: none). */
  public int[] guidance(LabelMap labels, InstanceMap instances, RetrievalSession session) {
    return GuidanceComposer.compose(
        labels, pack.palette(), session.place(labels, instances), library);
  }

  /** The guidance of chosen placements only (zeros elsewhere: nothing retrieved there). */
  int[] guidance(LabelMap labels, List<GuidanceComposer.Placement> placements) {
    return GuidanceComposer.compose(labels, pack.palette(), placements, library);
  }

  /** Renders a request that carries a retrieval session (its style plays no part). */
  @Override
  public RenderedImage render(RenderRequest q, ModelSession.Cancel cancel, Ladder.Stages stages) {
    if (q.retrieval() == null) {
      throw new IllegalArgumentException("a retrieval-guided render needs a retrieval session");
    }
    return render(q.labels(), q.instances(), q.retrieval(), q.width(), q.height(), cancel);
  }

  public RenderedImage render(
      LabelMap labels,
      InstanceMap instances,
      RetrievalSession session,
      int width,
      int height,
      ModelSession.Cancel cancel) {
    long t0 = System.nanoTime();
    int[] size = pack.workingSize(width, height);
    int w = size[0];
    int h = size[1];
    labels.validate(pack.palette());
    Resampler.Maps maps = Resampler.maps(labels, instances, w, h);
    LabelMap l = maps.labels();
    InstanceMap inst = maps.instances();
    Tensor image = generate(l, inst, guidance(l, inst, session), cancel);
    return BaseRenderer.picture(runtime, image, w, h, width, height, t0);
  }

  /** The retrieval generator on maps at a working size and a guidance image (ARGB) of that size. */
  Tensor generate(LabelMap l, InstanceMap inst, int[] guidance, ModelSession.Cancel cancel) {
    int w = l.width();
    int h = l.height();
    Map<String, Tensor> inputs = new HashMap<>(BaseRenderer.labelInputs(pack, l, inst));
    inputs.put("guidance", new Tensor(guidanceTensor(guidance, w, h), BaseRenderer.shape(3, h, w)));
    return runtime.session(retrieval.generator()).run(inputs, cancel).get("image");
  }

  /** RGB in [-1, 1] (channels first) where guidance is set, 0 where it is not (alpha 0). */
  public static float[] guidanceTensor(int[] argb, int w, int h) {
    int n = w * h;
    float[] out = new float[3 * n];
    for (int p = 0; p < n; p++) {
      int c = argb[p];
      if ((c >>> 24) == 0) {
        continue;
      }
      out[p] = ((c >> 16) & 0xFF) / 127.5f - 1;
      out[n + p] = ((c >> 8) & 0xFF) / 127.5f - 1;
      out[2 * n + p] = (c & 0xFF) / 127.5f - 1;
    }
    return out;
  }
}
