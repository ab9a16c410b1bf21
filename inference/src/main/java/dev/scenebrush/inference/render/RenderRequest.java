package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.retrieval.RetrievalSession;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.List;

/**
 * An immutable snapshot of what to render: the caller passes copies it will not change. The style
 * is either a full {@link StyleSpec} or, when that is null, the seed's global z. With a retrieval
 * session the pack's retrieval generator renders it, guided by retrieved segments.
 */
public record RenderRequest(
    LabelMap labels,
    InstanceMap instances,
    long seed,
    StyleSpec style,
    int width,
    int height,
    RetrievalSession retrieval,
    List<Instance> objects) {
  public RenderRequest(LabelMap labels, InstanceMap instances, long seed, int width, int height) {
    this(labels, instances, seed, null, width, height, null, List.of());
  }

  public RenderRequest(
      LabelMap labels, InstanceMap instances, long seed, StyleSpec style, int width, int height) {
    this(labels, instances, seed, style, width, height, null, List.of());
  }

  /** The same request at another output size. */
  public RenderRequest atSize(int w, int h) {
    return new RenderRequest(labels, instances, seed, style, w, h, retrieval, objects);
  }

  /** The style to render with: the request's own, or the seed's global z. */
  public StyleSpec styleFor(int zDim) {
    return style != null ? style : StyleSpec.global(StyleSeed.gaussian(seed, zDim));
  }
}
