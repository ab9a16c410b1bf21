package dev.scenebrush.inference.retrieval;

import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import java.util.Comparator;
import java.util.List;

/**
 * Composes the guidance image from retrieved segments, by RESAIL's rules (supplementary A.1): the
 * retrieved patch and its mask are resized to the painted segment's box and pasted there;
 *
 * <ol>
 *   <li>pixels inside both the retrieved mask and the painted segment are kept;
 *   <li>for stuff, retrieved pixels outside the painted segment are dropped;
 *   <li>for an object, retrieved pixels outside it are kept where the painting has stuff there,
 *   <li>and dropped where the painting has another object.
 * </ol>
 *
 * Painted pixels no retrieved pixel covers stay 0 (no guidance), which the retrieval generator is
 * trained to fill. Stuff is pasted first, then objects from the largest, so objects stay whole.
 */
public final class GuidanceComposer {
  private GuidanceComposer() {}

  /** One painted segment and the library segment retrieved for it (-1: none). */
  public record Placement(PaintedSegment segment, int retrieved) {}

  /** ARGB guidance of the map's size; alpha 0 where there is no guidance. */
  public static int[] compose(
      LabelMap labels, Palette palette, List<Placement> placements, SegmentLibrary library) {
    int w = labels.width();
    int h = labels.height();
    int[] out = new int[w * h];
    byte[] lab = labels.raw();
    List<Placement> order =
        placements.stream()
            .filter(p -> p.retrieved() >= 0)
            .sorted(
                Comparator.comparing((Placement p) -> p.segment().thing())
                    .thenComparing(p -> -p.segment().area()))
            .toList();
    int m = library.maskSize();
    int ps = library.patchSize();
    for (Placement pl : order) {
      PaintedSegment s = pl.segment();
      byte[] mask = library.mask(pl.retrieved());
      int[] patch = library.patch(pl.retrieved());
      for (int by = 0; by < s.h(); by++) {
        int my = Math.min(m - 1, by * m / s.h());
        int py = Math.min(ps - 1, by * ps / s.h());
        for (int bx = 0; bx < s.w(); bx++) {
          int mx = Math.min(m - 1, bx * m / s.w());
          int px = Math.min(ps - 1, bx * ps / s.w());
          if (mask[my * m + mx] == 0) {
            continue; // outside the retrieved segment: nothing to paste
          }
          int gx = s.x() + bx;
          int gy = s.y() + by;
          int g = gy * w + gx;
          boolean inPainted = s.inside()[by * s.w() + bx];
          if (!inPainted) {
            if (!s.thing()) {
              continue; // rule 2
            }
            int other = lab[g] & 0xFF;
            boolean otherIsStuff =
                other != Palette.UNKNOWN && other < palette.size() && !palette.get(other).isThing();
            if (!otherIsStuff) {
              continue; // rule 4 (and unpainted pixels)
            }
          }
          out[g] = patch[py * ps + px]; // rules 1 and 3
        }
      }
    }
    return out;
  }
}
