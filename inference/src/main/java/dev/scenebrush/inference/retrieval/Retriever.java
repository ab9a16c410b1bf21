package dev.scenebrush.inference.retrieval;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Finds the library segments whose geometry best matches a query, by RESAIL's geometric score:
 * shape (sum of squared differences of the normalised masks, as a share of the mask) plus scale
 * consistency (how far the area share and the box proportions are apart, in log ratio). Only
 * segments of the query's class are scanned.
 */
public final class Retriever {
  /** Weight of |ln(area share ratio)|: a segment twice as large costs 0.07. */
  public static final double SCALE_WEIGHT = 0.1;

  /** Weight of |ln(aspect ratio ratio)|. */
  public static final double ASPECT_WEIGHT = 0.1;

  private final SegmentLibrary library;

  public Retriever(SegmentLibrary library) {
    this.library = library;
  }

  public SegmentLibrary library() {
    return library;
  }

  /** Score of one library segment for the query (0 = same shape, size and proportions). */
  public double score(SegmentQuery q, int segment) {
    int m2 = library.maskSize() * library.maskSize();
    return shape(q.mask(), library.masks(), segment * m2, m2)
        + SCALE_WEIGHT * Math.abs(Math.log(q.relativeArea() / library.relativeArea(segment)))
        + ASPECT_WEIGHT * Math.abs(Math.log(q.aspect() / library.aspect(segment)));
  }

  /** Share of mask cells that differ (masks hold 0 or 255, so this is the normalised SSD). */
  static double shape(byte[] q, byte[] masks, int offset, int m2) {
    int differ = 0;
    for (int p = 0; p < m2; p++) {
      differ += (q[p] ^ masks[offset + p]) != 0 ? 1 : 0;
    }
    return differ / (double) m2;
  }

  /**
   * The k best segments of the query's class, best first, skipping those {@code exclude} accepts
   * (segments already used, for "another segment"). Empty when the class has none.
   */
  public int[] best(SegmentQuery q, int k, IntPredicate exclude) {
    if (q.mask().length != library.maskSize() * library.maskSize()) {
      throw new IllegalArgumentException(
          "query mask is "
              + q.mask().length
              + " cells; the library's masks are "
              + library.maskSize()
              + "x"
              + library.maskSize());
    }
    int first = library.classFirst(q.classIndex());
    int n = library.classCount(q.classIndex());
    int[] top = new int[Math.max(0, k)];
    double[] topScore = new double[top.length];
    Arrays.fill(topScore, Double.POSITIVE_INFINITY);
    int found = 0;
    for (int i = first; i < first + n; i++) {
      if (exclude != null && exclude.test(i)) {
        continue;
      }
      double s = score(q, i);
      if (found < top.length || s < topScore[top.length - 1]) {
        int at = Math.min(found, top.length - 1);
        while (at > 0 && topScore[at - 1] > s) {
          topScore[at] = topScore[at - 1];
          top[at] = top[at - 1];
          at--;
        }
        topScore[at] = s;
        top[at] = i;
        found = Math.min(found + 1, top.length);
      }
    }
    return Arrays.copyOf(top, found);
  }
}
