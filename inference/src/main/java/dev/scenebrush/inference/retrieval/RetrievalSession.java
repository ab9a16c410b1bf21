package dev.scenebrush.inference.retrieval;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retrieval for one painting across edits: a segment whose class, box and pixels are unchanged
 * keeps its retrieved segment (no new search), so an edit re-retrieves only what it changed; {@link
 * #another} re-rolls one segment's pick for a local change.
 */
public final class RetrievalSession {
  public static final int MIN_AREA = 16;

  private final Retriever retriever;
  private final Palette palette;
  private final Map<String, Integer> picks = new HashMap<>();
  private final Map<String, Set<Integer>> used = new HashMap<>();
  private int searches;

  public RetrievalSession(SegmentLibrary library, Palette palette) {
    if (!library.paletteId().equals(palette.id())) {
      throw new SegmentLibraryException(
          "segment library "
              + library.file().getFileName()
              + " is cut in palette '"
              + library.paletteId()
              + "', the painting uses '"
              + palette.id()
              + "'");
    }
    this.retriever = new Retriever(library);
    this.palette = palette;
  }

  /** Library searches done so far (a cached segment costs none). */
  public synchronized int searches() {
    return searches;
  }

  /** Segments of the painting with their picks (searching only for new or changed ones). */
  public synchronized List<GuidanceComposer.Placement> place(
      LabelMap labels, InstanceMap instances) {
    List<GuidanceComposer.Placement> out = new ArrayList<>();
    Map<String, Integer> still = new HashMap<>();
    for (PaintedSegment s : PaintedSegment.split(labels, instances, palette, MIN_AREA)) {
      String key = s.key();
      Integer pick = picks.get(key);
      if (pick == null) {
        pick = search(s, labels, key);
      }
      still.put(key, pick);
      out.add(new GuidanceComposer.Placement(s, pick));
    }
    picks.keySet().retainAll(still.keySet());
    used.keySet().retainAll(still.keySet());
    picks.putAll(still);
    return out;
  }

  /** Another segment for the painted segment at (x, y); false when there is none to switch to. */
  public synchronized boolean another(LabelMap labels, InstanceMap instances, int x, int y) {
    for (PaintedSegment s : PaintedSegment.split(labels, instances, palette, MIN_AREA)) {
      if (s.contains(x, y)) {
        String key = s.key();
        Integer before = picks.get(key);
        int next = search(s, labels, key);
        return next >= 0 && (before == null || next != before);
      }
    }
    return false;
  }

  private int search(PaintedSegment s, LabelMap labels, String key) {
    searches++;
    Set<Integer> skip = used.computeIfAbsent(key, k -> new HashSet<>());
    SegmentQuery q = s.query(labels.width(), labels.height(), retriever.library().maskSize());
    int[] best = retriever.best(q, 1, skip::contains);
    if (best.length == 0 && !skip.isEmpty()) {
      skip.clear(); // every candidate was shown: start the round again
      best = retriever.best(q, 1, skip::contains);
    }
    int pick = best.length == 0 ? -1 : best[0];
    if (pick >= 0) {
      skip.add(pick);
    }
    picks.put(key, pick);
    return pick;
  }
}
