package dev.scenebrush.inference.style;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the renderer's {@link StyleSpec} from a painting's saved styles and objects. */
public final class StyleSpecs {
  private StyleSpecs() {}

  /**
   * What of a painting's saved styles the pack cannot use (z of another length: a painting made
   * with another pack); those fall back to the seed's look. Empty when everything fits.
   */
  public static Optional<String> mismatch(StyleState state, int zDim) {
    List<String> off = new ArrayList<>();
    if (state.globalZ() != null && state.globalZ().length != zDim) {
      off.add("the global style (" + state.globalZ().length + " values)");
    }
    long regional = state.regionStyles().stream().filter(z -> z.length != zDim).count();
    if (regional > 0) {
      off.add(regional + " regional style" + (regional == 1 ? "" : "s"));
    }
    if (off.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(" and ", off)
            + " made for another pack; this pack's styles have "
            + zDim
            + " values, so they use seed "
            + state.seed()
            + "'s look");
  }

  public static StyleSpec of(StyleState state, List<Instance> instances, int zDim) {
    float[] global =
        state.globalZ() != null && state.globalZ().length == zDim
            ? state.globalZ()
            : StyleSeed.gaussian(state.seed(), zDim);
    Map<Integer, float[]> own = new HashMap<>();
    for (Instance i : instances) {
      if (i.seed() != 0) {
        own.put(i.id(), StyleSeed.gaussian(i.seed(), zDim));
      }
    }
    List<float[]> regional = new ArrayList<>();
    for (float[] z : state.regionStyles()) {
      regional.add(z.length == zDim ? z : global);
    }
    return new StyleSpec(
        global, state.regions() == null ? null : state.regions().clone(), regional, own);
  }
}
