package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.retrieval.GuidanceComposer;
import dev.scenebrush.inference.retrieval.PaintedSegment;
import dev.scenebrush.inference.retrieval.RetrievalSession;
import dev.scenebrush.inference.tensor.ImageTensors;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects set to "retrieval" mode (RESAIL, object by object): the pack's retrieval generator
 * renders the scene guided by the real segments retrieved for it, and only those objects are pasted
 * into the picture, each inside its own mask, its edge faded as in the class pass. The rest of the
 * picture stays as the base (and class) passes drew it. Picks are kept across edits by the pass's
 * own {@link RetrievalSession}; the last generator run is reused while its inputs hold. A new look
 * (a new seed) for such an object retrieves the next best segment for it, as "Another segment"
 * does.
 */
final class RetrievalObjects {
  private final RetrievalRenderer retrieval;
  private final RetrievalSession session;
  private int lastKey;
  private int[] lastImage;
  private final Map<Integer, Long> seeds = new HashMap<>();

  /** {@code retrieval} null: the pack has none, and such objects keep the base rendering. */
  RetrievalObjects(RetrievalRenderer retrieval) {
    this.retrieval = retrieval;
    this.session = retrieval == null ? null : retrieval.newSession();
  }

  static boolean wanted(List<Instance> objects) {
    return objects.stream().anyMatch(o -> o.mode() == RenderMode.RETRIEVAL);
  }

  /**
   * Pastes the retrieval-mode objects into {@code picture} (working size, changed in place) and
   * returns the notices for the user (none when every such object was rendered).
   */
  List<String> apply(
      int[] picture,
      LabelMap labels,
      InstanceMap ids,
      List<Instance> objects,
      ModelSession.Cancel cancel) {
    Set<Integer> wanted = new HashSet<>();
    objects.stream().filter(o -> o.mode() == RenderMode.RETRIEVAL).forEach(o -> wanted.add(o.id()));
    if (wanted.isEmpty()) {
      return List.of();
    }
    if (retrieval == null) {
      return List.of(
          "this pack has no retrieval generator: objects in retrieval mode are rendered by the"
              + " base generator");
    }
    int w = labels.width();
    int h = labels.height();
    short[] raw = ids.raw();
    newLooks(objects, labels, ids);
    // The whole painting is guided, as the generator was trained (it normalises its guidance
    // over the picture: one guided object alone comes out with rainbow edges); only the
    // retrieval-mode objects are taken from its picture.
    List<GuidanceComposer.Placement> placements = session.place(labels, ids);
    Set<Integer> pasted = new HashSet<>();
    for (GuidanceComposer.Placement p : placements) {
      PaintedSegment s = p.segment();
      int id = s.thing() && p.retrieved() >= 0 ? idOf(s, raw, w) : 0;
      if (wanted.contains(id)) {
        pasted.add(id);
      }
    }
    if (pasted.isEmpty()) {
      return List.of("nothing in the library to retrieve for the objects in retrieval mode");
    }
    int[] guidance = retrieval.guidance(labels, placements);
    int key =
        Arrays.hashCode(
            new int[] {
              Arrays.hashCode(labels.raw()), Arrays.hashCode(raw), Arrays.hashCode(guidance), w, h
            });
    if (lastImage == null || key != lastKey) {
      lastImage =
          ImageTensors.toArgb(retrieval.generate(labels, ids, guidance, cancel).data(), w, h);
      lastKey = key;
    }
    // One mask for all of them over the picture: objects wider than the picture is high fit too.
    boolean[] mask = new boolean[w * h];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = pasted.contains(raw[i] & 0xFFFF);
    }
    float[] alpha = Compositing.alpha(mask, w, h, Math.max(1, Math.max(w, h) / 256));
    Compositing.blend(picture, w, 0, 0, w, h, lastImage, alpha);
    return List.of();
  }

  /** Objects whose seed changed since the last pass (a new look) get another retrieved segment. */
  private void newLooks(List<Instance> objects, LabelMap labels, InstanceMap ids) {
    Map<Integer, Long> now = new HashMap<>();
    for (Instance o : objects) {
      if (o.mode() != RenderMode.RETRIEVAL) {
        continue;
      }
      now.put(o.id(), o.seed());
      Long before = seeds.get(o.id());
      int at = before == null || before == o.seed() ? -1 : firstPixel(ids.raw(), o.id());
      if (at >= 0) {
        session.another(labels, ids, at % labels.width(), at / labels.width());
      }
    }
    seeds.clear();
    seeds.putAll(now);
  }

  private static int firstPixel(short[] raw, int id) {
    for (int i = 0; i < raw.length; i++) {
      if ((raw[i] & 0xFFFF) == id) {
        return i;
      }
    }
    return -1;
  }

  /** The instance id of an object segment: the id at its first pixel. */
  private static int idOf(PaintedSegment s, short[] raw, int width) {
    for (int i = 0; i < s.inside().length; i++) {
      if (s.inside()[i]) {
        return raw[(s.y() + i / s.w()) * width + s.x() + i % s.w()] & 0xFFFF;
      }
    }
    return 0;
  }
}
