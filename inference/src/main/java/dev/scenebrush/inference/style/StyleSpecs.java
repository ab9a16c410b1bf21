package dev.scenebrush.inference.style;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the renderer's {@link StyleSpec} from a painting's saved styles and objects. */
public final class StyleSpecs {
  private StyleSpecs() {}

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
