package dev.scenebrush.inference.io;

import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Colour label maps as other tools save them: anti-aliased edges, JPEG noise, blur, near-palette
 * colours. Exact palette colours, and colours clearly near one (noise inside a region), map to
 * their class; any other pixel takes, among those classes within two pixels of it (else four, else
 * eight), the one whose colour is nearest, so a blend of two classes never becomes a third; failing
 * that the nearest palette colour within a tolerance; otherwise it stays UNKNOWN and is counted.
 */
public final class LabelImport {
  /** Colour distance (RGB, Euclidean) within which a colour still counts as a palette colour. */
  public static final double DEFAULT_TOLERANCE = 60;

  private LabelImport() {}

  public record Report(LabelMap labels, int exact, int snapped, int unknownColors) {
    public String summary() {
      return String.format(
          "%d pixels exact, %d snapped to a palette colour, %d of unknown colours left unpainted",
          exact, snapped, unknownColors);
    }
  }

  /**
   * A pixel this close to one palette colour, and at least twice as far from any other, is taken as
   * that class outright (JPEG noise inside a region); blends at edges are not.
   */
  static final double ANCHOR_DISTANCE = 6;

  public static Report importColors(BufferedImage img, Palette palette, double tolerance) {
    int w = img.getWidth();
    int h = img.getHeight();
    LabelMap.checkSize(w, h);
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] out = new byte[w * h];
    boolean[] anchor = new boolean[w * h];
    int exact = 0;
    int snapped = 0;
    Map<Integer, Integer> anchorCache = new HashMap<>();
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      if ((p >>> 24) < 128 || (p & 0xFFFFFF) == Palette.UNKNOWN_RGB) {
        out[i] = (byte) Palette.UNKNOWN;
        anchor[i] = true;
        exact++;
        continue;
      }
      Optional<Integer> idx = palette.indexOfColor(p & 0xFFFFFF);
      if (idx.isPresent()) {
        out[i] = (byte) (int) idx.get();
        anchor[i] = true;
        exact++;
        continue;
      }
      int near = anchorCache.computeIfAbsent(p & 0xFFFFFF, c -> clearlyNearest(c, palette));
      if (near >= 0) {
        out[i] = (byte) near;
        anchor[i] = true;
        snapped++;
      }
    }
    int unknown = 0;
    Map<Integer, Integer> nearestCache = new HashMap<>();
    double tol2 = tolerance * tolerance;
    boolean[] seen = new boolean[256];
    int[] found = new int[256];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (anchor[i]) {
          continue;
        }
        int c = rgb[i] & 0xFFFFFF;
        int best = -1;
        // The classes painted around the pixel, nearest ring first: a blend of two classes at
        // an edge becomes one of them, never a third class whose colour happens to be closer.
        for (int r = 2; r <= 8 && best < 0; r *= 2) {
          int n = 0;
          for (int ny = Math.max(0, y - r); ny <= Math.min(h - 1, y + r); ny++) {
            for (int nx = Math.max(0, x - r); nx <= Math.min(w - 1, x + r); nx++) {
              int j = ny * w + nx;
              int cls = out[j] & 0xFF;
              if (anchor[j] && cls != Palette.UNKNOWN && !seen[cls]) {
                seen[cls] = true;
                found[n++] = cls;
              }
            }
          }
          double bestD = Double.MAX_VALUE;
          for (int k = 0; k < n; k++) {
            double d = dist2(c, palette.get(found[k]).rgb());
            if (d < bestD) {
              bestD = d;
              best = found[k];
            }
            seen[found[k]] = false;
          }
        }
        if (best < 0) {
          best = nearestCache.computeIfAbsent(c, k -> nearest(k, palette, tol2));
        }
        if (best < 0) {
          out[i] = (byte) Palette.UNKNOWN;
          unknown++;
        } else {
          out[i] = (byte) best;
          snapped++;
        }
      }
    }
    return new Report(new LabelMap(w, h, out), exact, snapped, unknown);
  }

  /** The class whose colour is within {@link #ANCHOR_DISTANCE} and unambiguous, else -1. */
  private static int clearlyNearest(int c, Palette palette) {
    double d1 = Double.MAX_VALUE;
    double d2 = Double.MAX_VALUE;
    int best = -1;
    for (int k = 0; k < palette.size(); k++) {
      double d = dist2(c, palette.get(k).rgb());
      if (d < d1) {
        d2 = d1;
        d1 = d;
        best = k;
      } else if (d < d2) {
        d2 = d;
      }
    }
    // squared distances: "twice as far" is four times the square
    return d1 <= ANCHOR_DISTANCE * ANCHOR_DISTANCE && d2 >= 4 * d1 ? best : -1;
  }

  private static int nearest(int c, Palette palette, double tol2) {
    int best = -1;
    double bestD = tol2;
    for (int k = 0; k < palette.size(); k++) {
      LabelClass lc = palette.get(k);
      double d = dist2(c, lc.rgb());
      if (d <= bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  }

  private static double dist2(int a, int b) {
    int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
    int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
    int db = (a & 0xFF) - (b & 0xFF);
    return dr * dr + dg * dg + db * db;
  }
}
