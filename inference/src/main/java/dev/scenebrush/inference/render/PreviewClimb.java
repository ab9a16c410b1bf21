package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.tensor.Resampler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.IntPredicate;

/**
 * The live preview's climb, remembering the last one so the next re-runs only what an edit reaches.
 * For each rung it compares its inputs with the last climb's (the picture below, labels and
 * instance edges at the rung's size); output pixels further than the rung's reach from every
 * changed input are taken from the last climb, the rest are refined in tiles. A moved object or a
 * stroke thus refines its own neighbourhood at 1024², not the whole picture. Tiles equal the
 * one-shot rung (see {@link Ladder}), so the picture is the one a full climb gives.
 */
final class PreviewClimb {
  /** Above this share of a rung's pixels, the whole rung is refined (no bookkeeping). */
  static final double WHOLE_RUNG_SHARE = 0.6;

  private final Ladder ladder;
  private Memory last;
  private Reuse lastReuse = new Reuse(0, 0);

  /** Output pixels the last climb refined, of all its rungs' pixels. */
  record Reuse(long refined, long total) {}

  /** One rung of a finished climb: its inputs and its picture. */
  private record RungState(LabelMap labels, InstanceMap instances, int[] picture) {}

  private record Memory(Ladder.Plan plan, long noiseSeed, int[] base, List<RungState> rungs) {}

  PreviewClimb(Ladder ladder) {
    this.ladder = ladder;
  }

  Reuse lastReuse() {
    return lastReuse;
  }

  /** Forgets the last climb (the next refines every pixel). */
  void forget() {
    last = null;
  }

  /** As {@link Ladder#climb}, refining only what changed since the last finished climb. */
  RenderedImage climb(
      Ladder.Plan plan,
      RenderedImage basePicture,
      LabelMap labels,
      InstanceMap instances,
      long noiseSeed,
      int tile,
      Ladder.Stages stages,
      ModelSession.Cancel cancel) {
    long t0 = System.nanoTime();
    int n = plan.rungs().size();
    if (stages != null && !stages.finished(0, n, basePicture)) {
      throw new CancellationException("superseded");
    }
    Memory before =
        last != null && last.plan().equals(plan) && last.noiseSeed() == noiseSeed ? last : null;
    int[] below = basePicture.argb();
    int bw = basePicture.width();
    int bh = basePicture.height();
    int[] belowBefore = before == null ? null : before.base();
    List<RungState> done = new ArrayList<>();
    long refined = 0;
    long total = 0;
    RenderedImage out = basePicture;
    for (int j = 0; j < n; j++) {
      Ladder.Rung r = plan.rungs().get(j);
      int w = r.width();
      int h = r.height();
      Resampler.Maps maps = Resampler.maps(labels, instances, w, h);
      LabelMap l = maps.labels();
      InstanceMap inst = maps.instances();
      RungState old = before == null ? null : before.rungs().get(j);
      int[] region =
          old == null
              ? new int[] {0, 0, w, h}
              : changed(r, below, belowBefore, bw, bh, l, inst, old);
      int[] picture;
      long seed = Ladder.rungSeed(noiseSeed, j);
      if (old != null && region == null) {
        picture = old.picture();
      } else {
        long area = (long) (region[2] - region[0]) * (region[3] - region[1]);
        if (old == null || area > WHOLE_RUNG_SHARE * w * h) {
          region = new int[] {0, 0, w, h};
          picture = new int[w * h];
        } else {
          picture = old.picture().clone();
        }
        ladder.refineRegion(r, below, bw, bh, l, inst, seed, tile, region, picture, cancel);
        refined += (long) (region[2] - region[0]) * (region[3] - region[1]);
      }
      total += (long) w * h;
      done.add(new RungState(l, inst, picture));
      belowBefore = old == null ? null : old.picture();
      below = picture;
      bw = w;
      bh = h;
      long ms = basePicture.millis() + (System.nanoTime() - t0) / 1_000_000;
      out = new RenderedImage(w, h, picture, ms, basePicture.provider());
      if (stages != null && j < n - 1 && !stages.finished(j + 1, n, out)) {
        throw new CancellationException("superseded");
      }
    }
    last = new Memory(plan, noiseSeed, basePicture.argb(), List.copyOf(done));
    lastReuse = new Reuse(refined, total);
    return out;
  }

  /**
   * The output region {x0, y0, x1, y1} of rung r that can differ from the last climb's, or null
   * when none can: every changed input, grown by how far the rung reaches.
   */
  private static int[] changed(
      Ladder.Rung r,
      int[] below,
      int[] belowBefore,
      int bw,
      int bh,
      LabelMap labels,
      InstanceMap instances,
      RungState old) {
    int w = r.width();
    int h = r.height();
    int[] box = null;
    int[] b = belowBefore == null ? new int[] {0, 0, bw, bh} : diff(below, belowBefore, bw, bh);
    if (b != null) {
      // Bilinear upsampling: a changed source pixel reaches its neighbours' samples too.
      double sx = w / (double) bw;
      double sy = h / (double) bh;
      box =
          new int[] {
            (int) Math.floor((b[0] - 1) * sx) - 1,
            (int) Math.floor((b[1] - 1) * sy) - 1,
            (int) Math.ceil((b[2] + 1) * sx) + 1,
            (int) Math.ceil((b[3] + 1) * sy) + 1
          };
    }
    box = union(box, diff(labels.raw(), old.labels().raw(), w, h));
    int[] ids = diff(instances.raw(), old.instances().raw(), w, h);
    if (ids != null) {
      ids = new int[] {ids[0] - 1, ids[1] - 1, ids[2] + 1, ids[3] + 1}; // edges look one further
    }
    box = union(box, ids);
    if (box == null) {
      return null;
    }
    int reach = Ladder.halo(r);
    return new int[] {
      Math.max(0, box[0] - reach),
      Math.max(0, box[1] - reach),
      Math.min(w, box[2] + reach),
      Math.min(h, box[3] + reach)
    };
  }

  private static int[] union(int[] a, int[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return new int[] {
      Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])
    };
  }

  /** Bounding box {x0, y0, x1, y1} of the pixels where two maps differ, or null. */
  static int[] diff(int[] a, int[] b, int w, int h) {
    return box(i -> a[i] != b[i], w, h);
  }

  static int[] diff(byte[] a, byte[] b, int w, int h) {
    return box(i -> a[i] != b[i], w, h);
  }

  static int[] diff(short[] a, short[] b, int w, int h) {
    return box(i -> a[i] != b[i], w, h);
  }

  private static int[] box(IntPredicate differs, int w, int h) {
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        if (differs.test(row + x)) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = y;
        }
      }
    }
    return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
  }
}
