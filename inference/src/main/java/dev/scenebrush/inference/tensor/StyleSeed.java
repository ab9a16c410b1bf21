package dev.scenebrush.inference.tensor;

/**
 * Seed → standard-normal z, identical on every platform and JVM: SplitMix64 for uniform bits,
 * Box–Muller for pairs of normals (docs/inference.md spells it out so other tools can match).
 */
public final class StyleSeed {
  private StyleSeed() {}

  public static float[] gaussian(long seed, int dim) {
    float[] z = new float[dim];
    long state = seed;
    for (int i = 0; i < dim; i += 2) {
      state += 0x9E3779B97F4A7C15L;
      double u1 = toUnit(mix(state));
      state += 0x9E3779B97F4A7C15L;
      double u2 = toUnit(mix(state));
      double r = Math.sqrt(-2.0 * Math.log(u1));
      z[i] = (float) (r * Math.cos(2 * Math.PI * u2));
      if (i + 1 < dim) {
        z[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
      }
    }
    return z;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Top 53 bits → (0, 1], never 0 so the logarithm stays finite. */
  static double toUnit(long bits) {
    return ((bits >>> 11) + 1) * 0x1.0p-53;
  }
}
