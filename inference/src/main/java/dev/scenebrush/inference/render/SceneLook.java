package dev.scenebrush.inference.render;

import java.util.Arrays;

/**
 * The look a class-mode object takes while its seed is 0 ("the scene's look"): of a fixed set of
 * candidate looks, the one whose mean colour inside the object is closest to what the base
 * generator drew there. Class generators draw looks of their own (autumn reds in a summer scene);
 * this keeps a new object in the scene's light and season until the artist asks for a new look.
 */
public final class SceneLook {
  /** How many looks the choice is made among (one batched run of the class generator). */
  public static final int CANDIDATES = 8;

  private SceneLook() {}

  /** Look k of an object: the seed `render --object-seed k` gives it (k · 65536 + id). */
  public static long lookSeed(int id, int k) {
    return k * 65536L + id;
  }

  static long[] candidates(int id) {
    long[] seeds = new long[CANDIDATES];
    for (int k = 0; k < CANDIDATES; k++) {
      seeds[k] = lookSeed(id, k);
    }
    return seeds;
  }

  /**
   * What a choice depends on: the crop's place, object mask and labels exactly, its colours (inside
   * the object and in all) in steps of 8 grey levels.
   */
  static String choiceKey(Crop crop) {
    boolean[] all = new boolean[crop.mask().length];
    Arrays.fill(all, true);
    StringBuilder key =
        new StringBuilder()
            .append(crop.x())
            .append(',')
            .append(crop.y())
            .append(',')
            .append(crop.side())
            .append(':')
            .append(Arrays.hashCode(crop.mask()))
            .append(':')
            .append(Arrays.hashCode(crop.labels()));
    for (boolean[] where : new boolean[][] {crop.mask(), all}) {
      for (float c : meanInside(crop.picture(), where)) {
        key.append(':').append(Math.round((c + 1) * 127.5f / 8));
      }
    }
    return key.toString();
  }

  /** Mean RGB in [-1, 1] of the ARGB pixels where the mask is set. */
  static float[] meanInside(int[] argb, boolean[] mask) {
    double[] sum = new double[3];
    int n = 0;
    for (int i = 0; i < argb.length; i++) {
      if (mask[i]) {
        sum[0] += (argb[i] >> 16) & 0xFF;
        sum[1] += (argb[i] >> 8) & 0xFF;
        sum[2] += argb[i] & 0xFF;
        n++;
      }
    }
    float[] mean = new float[3];
    for (int c = 0; c < 3; c++) {
      mean[c] = n == 0 ? 0f : (float) (sum[c] / n / 127.5 - 1);
    }
    return mean;
  }

  /** Index of the look (CHW in [-1, 1]) whose mean colour where mask is 1 is nearest target. */
  static int closest(float[][] looks, float[] mask, float[] target) {
    int hw = mask.length;
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int k = 0; k < looks.length; k++) {
      double[] sum = new double[3];
      int n = 0;
      for (int i = 0; i < hw; i++) {
        if (mask[i] > 0f) {
          for (int c = 0; c < 3; c++) {
            sum[c] += looks[k][c * hw + i];
          }
          n++;
        }
      }
      double distance = 0;
      for (int c = 0; c < 3; c++) {
        double d = (n == 0 ? 0 : sum[c] / n) - target[c];
        distance += d * d;
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = k;
      }
    }
    return best;
  }
}
