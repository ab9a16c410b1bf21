package dev.scenebrush.inference.style;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.tensor.Resampler;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which z each pixel gets (docs/design.md §6, Style): an instance's own z where it has one, else
 * the z of the regional style painted there, else the global z.
 *
 * @param global the scene's z
 * @param regions per canvas pixel: 0 = global, k = regionStyles[k - 1]; null when none painted
 * @param regionStyles the z of each regional style
 * @param instanceStyles z by instance id, for objects with a look of their own
 */
public record StyleSpec(
    float[] global,
    byte[] regions,
    List<float[]> regionStyles,
    Map<Integer, float[]> instanceStyles) {

  /** A value hash of everything in the spec (records of arrays hash by identity). */
  public int fingerprint() {
    int h = Arrays.hashCode(global);
    h = 31 * h + Arrays.hashCode(regions);
    for (float[] r : regionStyles) {
      h = 31 * h + Arrays.hashCode(r);
    }
    for (Map.Entry<Integer, float[]> e : new TreeMap<>(instanceStyles).entrySet()) {
      h = 31 * h + e.getKey();
      h = 31 * h + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  public static StyleSpec global(float[] z) {
    return new StyleSpec(z, null, List.of(), Map.of());
  }

  public int zDim() {
    return global.length;
  }

  /** Checks every z against the pack's dimension. */
  public void check(int zDim) {
    if (global.length != zDim) {
      throw new IllegalArgumentException(
          "style z has " + global.length + " values; the pack needs " + zDim);
    }
    for (float[] z : regionStyles) {
      if (z.length != zDim) {
        throw new IllegalArgumentException(
            "a regional style has " + z.length + " values, not " + zDim);
      }
    }
    for (Map.Entry<Integer, float[]> e : instanceStyles.entrySet()) {
      if (e.getValue().length != zDim) {
        throw new IllegalArgumentException("object " + e.getKey() + "'s style has the wrong size");
      }
    }
  }

  /**
   * The [Z, H, W] z map at working size, given the instance map and region map already resampled to
   * that size (regions may be null).
   */
  public float[] zMap(InstanceMap instances, byte[] workingRegions, int w, int h) {
    float[] out = new float[global.length * w * h];
    zMapInto(instances.raw(), workingRegions, w, h, FloatBuffer.wrap(out));
    return out;
  }

  /** Writes the [Z, H, W] z map into out (absolute indices from 0), for reused buffers. */
  public void zMapInto(short[] ids, byte[] workingRegions, int w, int h, FloatBuffer out) {
    int n = w * h;
    int zd = global.length;
    for (int p = 0; p < n; p++) {
      float[] z = zAt(ids, workingRegions, p);
      for (int c = 0; c < zd; c++) {
        out.put(c * n + p, z[c]);
      }
    }
  }

  /**
   * The z map averaged over s×s blocks (w and h multiples of s): what average pooling of {@link
   * #zMapInto} gives, without the full-size map (a split generator's trunk takes z this way).
   */
  public void zMapPooledInto(
      short[] ids, byte[] workingRegions, int w, int h, int s, FloatBuffer out) {
    int pw = w / s;
    int pn = pw * (h / s);
    int zd = global.length;
    float[] acc = new float[zd * pw];
    float area = s * s;
    for (int by = 0; by < h / s; by++) {
      Arrays.fill(acc, 0f);
      for (int y = by * s; y < by * s + s; y++) {
        for (int x = 0; x < w; x++) {
          float[] z = zAt(ids, workingRegions, y * w + x);
          int bx = x / s;
          for (int c = 0; c < zd; c++) {
            acc[c * pw + bx] += z[c];
          }
        }
      }
      for (int c = 0; c < zd; c++) {
        for (int bx = 0; bx < pw; bx++) {
          out.put(c * pn + by * pw + bx, acc[c * pw + bx] / area);
        }
      }
    }
  }

  private float[] zAt(short[] ids, byte[] workingRegions, int p) {
    float[] own = instanceStyles.isEmpty() ? null : instanceStyles.get(ids[p] & 0xFFFF);
    if (own != null) {
      return own;
    }
    if (workingRegions != null && workingRegions[p] != 0) {
      return region(workingRegions[p]);
    }
    return global;
  }

  private float[] region(byte k) {
    int i = (k & 0xFF) - 1;
    return i < regionStyles.size() ? regionStyles.get(i) : global;
  }

  /** The regional style map brought to the working size (null when none is painted). */
  public byte[] regionsAt(int canvasW, int canvasH, int w, int h) {
    return regions == null
        ? null
        : Resampler.labels(new LabelMap(canvasW, canvasH, regions), w, h).raw();
  }

  /** (1 - t) a + t b: t = 0 gives a exactly, t = 1 gives b exactly. */
  public static float[] mix(float[] a, float[] b, double t) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("styles of different sizes cannot be mixed");
    }
    if (t <= 0) {
      return a.clone();
    }
    if (t >= 1) {
      return b.clone();
    }
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) ((1 - t) * a[i] + t * b[i]);
    }
    return out;
  }
}
