package dev.scenebrush.inference.io;

import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Colour label maps as other tools save them: anti-aliased edges, JPEG noise, near-palette colours.
 * Exact palette colours map to their class; any other pixel takes, among the exact classes within
 * two pixels of it, the one whose colour is nearest (so a blend of two classes never becomes a
 * third); failing that the nearest palette colour within a tolerance; otherwise it stays UNKNOWN
 * and is counted.
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

  public static Report importColors(BufferedImage img, Palette palette, double tolerance) {
    int w = img.getWidth();
    int h = img.getHeight();
    LabelMap.checkSize(w, h);
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] out = new byte[w * h];
    boolean[] exactPixel = new boolean[w * h];
    int exact = 0;
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      if ((p >>> 24) < 128 || (p & 0xFFFFFF) == Palette.UNKNOWN_RGB) {
        out[i] = (byte) Palette.UNKNOWN;
        exactPixel[i] = true;
        exact++;
        continue;
      }
      Optional<Integer> idx = palette.indexOfColor(p & 0xFFFFFF);
      if (idx.isPresent()) {
        out[i] = (byte) (int) idx.get();
        exactPixel[i] = true;
        exact++;
      }
    }
    int snapped = 0;
    int unknown = 0;
    Map<Integer, Integer> nearestCache = new HashMap<>();
    double tol2 = tolerance * tolerance;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (exactPixel[i]) {
          continue;
        }
        int c = rgb[i] & 0xFFFFFF;
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int dy = -2; dy <= 2; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h || !exactPixel[ny * w + nx]) {
              continue;
            }
            int cls = out[ny * w + nx] & 0xFF;
            if (cls == Palette.UNKNOWN) {
              continue;
            }
            double d = dist2(c, palette.get(cls).rgb());
            if (d < bestD) {
              bestD = d;
              best = cls;
            }
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
