package dev.scenebrush.inference.style;

import java.util.List;

/**
 * A painting's styles as saved in its project: the global style (a seed, or an explicit z for
 * encoded or mixed looks), the gallery of named styles, and the regional style map.
 *
 * @param seed the global seed (used when globalZ is null)
 * @param globalZ explicit global z, or null to use the seed
 * @param gallery named styles the artist kept
 * @param regionStyles z of each regional style (map value k means regionStyles[k - 1])
 * @param regions per canvas pixel style index (0 = global), or null when none is painted
 */
public record StyleState(
    long seed,
    float[] globalZ,
    List<NamedStyle> gallery,
    List<float[]> regionStyles,
    byte[] regions) {

  /** A style kept by name: from a seed or an image, or a mix. */
  public record NamedStyle(String name, float[] z) {}

  public static StyleState ofSeed(long seed) {
    return new StyleState(seed, null, List.of(), List.of(), null);
  }
}
