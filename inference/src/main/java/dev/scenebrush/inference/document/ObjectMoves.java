package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.Palette;
import java.util.Arrays;
import java.util.List;

/**
 * Moving, mirroring, copying and deleting one object of a scene. The pixels an object leaves take
 * the stuff class that surrounds it most (grass around a tree), so a moved tree leaves a meadow
 * rather than a hole; where nothing but objects surrounds it they become unpainted and the
 * generator decides.
 */
final class ObjectMoves {
  private ObjectMoves() {}

  static DirtyRect move(Scene scene, int id, int dx, int dy, boolean mirror) {
    Instance inst = scene.instance(id).orElse(null);
    DirtyRect from = scene.boundsOf(id);
    if (inst == null || from.isEmpty() || (dx == 0 && dy == 0 && !mirror)) {
      return DirtyRect.EMPTY;
    }
    DirtyRect to = clip(scene, shift(from, dx, dy));
    String name = (mirror ? "Flip " : "Move ") + scene.palette().get(inst.classIndex()).name();
    int[] pixels = pixelsOf(scene, id, from);
    int around = surroundingStuff(scene, id, from);
    scene.record(
        name,
        List.of(from, to),
        () -> {
          byte[] lab = scene.labels().raw();
          short[] ids = scene.instanceMap().raw();
          for (int p : pixels) {
            lab[p] = (byte) around;
            ids[p] = 0;
          }
          stamp(scene, pixels, from, dx, dy, mirror, inst.classIndex(), id);
        });
    return from.union(to);
  }

  /** Unpaints an object; its record goes with its last pixel when the step is committed. */
  static void delete(Scene scene, int id) {
    Instance inst = scene.instance(id).orElse(null);
    if (inst == null) {
      return;
    }
    DirtyRect box = scene.boundsOf(id);
    int[] pixels = pixelsOf(scene, id, box);
    scene.record(
        "Delete " + scene.palette().get(inst.classIndex()).name(),
        List.of(box),
        () -> {
          byte[] lab = scene.labels().raw();
          short[] ids = scene.instanceMap().raw();
          for (int p : pixels) {
            lab[p] = (byte) Palette.UNKNOWN;
            ids[p] = 0;
          }
        });
  }

  static int duplicate(Scene scene, int id, int dx, int dy) {
    Instance inst = scene.instance(id).orElse(null);
    DirtyRect from = scene.boundsOf(id);
    if (inst == null || from.isEmpty()) {
      return 0;
    }
    DirtyRect to = clip(scene, shift(from, dx, dy));
    if (to.isEmpty()) {
      return 0;
    }
    int[] pixels = pixelsOf(scene, id, from);
    int[] copy = {0};
    scene.record(
        "Duplicate " + scene.palette().get(inst.classIndex()).name(),
        List.of(to),
        () -> {
          copy[0] = scene.addInstanceLike(inst);
          stamp(scene, pixels, from, dx, dy, false, inst.classIndex(), copy[0]);
        });
    return scene.instance(copy[0]).isPresent() ? copy[0] : 0;
  }

  /** Writes the object's pixels at their new place (shifted, or mirrored in its box). */
  private static void stamp(
      Scene scene, int[] pixels, DirtyRect box, int dx, int dy, boolean mirror, int cls, int id) {
    int w = scene.width();
    int h = scene.height();
    byte[] lab = scene.labels().raw();
    short[] ids = scene.instanceMap().raw();
    for (int p : pixels) {
      int x = p % w;
      int y = p / w;
      int nx = mirror ? 2 * box.x() + box.width() - 1 - x : x + dx;
      int ny = y + dy;
      if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
        lab[ny * w + nx] = (byte) cls;
        ids[ny * w + nx] = (short) id;
      }
    }
  }

  private static int[] pixelsOf(Scene scene, int id, DirtyRect r) {
    int w = scene.width();
    short[] ids = scene.instanceMap().raw();
    int[] out = new int[scene.pixelCount(id)];
    int n = 0;
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        if ((ids[y * w + x] & 0xFFFF) == id && n < out.length) {
          out[n++] = y * w + x;
        }
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The stuff class most common among pixels touching the object from outside. */
  private static int surroundingStuff(Scene scene, int id, DirtyRect r) {
    int w = scene.width();
    int h = scene.height();
    byte[] lab = scene.labels().raw();
    short[] ids = scene.instanceMap().raw();
    Palette palette = scene.palette();
    int[] votes = new int[256];
    int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        if ((ids[y * w + x] & 0xFFFF) != id) {
          continue;
        }
        for (int[] s : steps) {
          int nx = x + s[0];
          int ny = y + s[1];
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
            continue;
          }
          int q = ny * w + nx;
          int label = lab[q] & 0xFF;
          if (ids[q] == 0 && label != Palette.UNKNOWN && !palette.get(label).isThing()) {
            votes[label]++;
          }
        }
      }
    }
    int best = Palette.UNKNOWN;
    for (int c = 0; c < 256; c++) {
      if (votes[c] > 0 && (best == Palette.UNKNOWN || votes[c] > votes[best])) {
        best = c;
      }
    }
    return best;
  }

  private static DirtyRect shift(DirtyRect r, int dx, int dy) {
    return new DirtyRect(r.x() + dx, r.y() + dy, r.width(), r.height());
  }

  private static DirtyRect clip(Scene scene, DirtyRect r) {
    int x0 = Math.max(0, r.x());
    int y0 = Math.max(0, r.y());
    int x1 = Math.min(scene.width(), r.x() + r.width());
    int y1 = Math.min(scene.height(), r.y() + r.height());
    return x1 <= x0 || y1 <= y0 ? DirtyRect.EMPTY : new DirtyRect(x0, y0, x1 - x0, y1 - y0);
  }
}
