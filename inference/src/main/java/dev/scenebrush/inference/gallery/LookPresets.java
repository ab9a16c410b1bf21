package dev.scenebrush.inference.gallery;

import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.style.StyleEncoder;
import dev.scenebrush.inference.style.StyleState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pack's looks as styles: each look's renders encoded with the pack's encoder, their mean z.
 * The mean of several renders holds what they share (the light) rather than one picture's
 * particulars.
 */
public final class LookPresets {
  private LookPresets() {}

  /**
   * One style per look, in the pack's order; empty when the pack has no encoder or no looks.
   *
   * @throws PackException naming the look and picture that cannot be read
   */
  public static List<StyleState.NamedStyle> encode(InferenceRuntime runtime, ModelPack pack) {
    StyleEncoder encoder = new StyleEncoder(runtime, pack);
    if (!encoder.available() || pack.looks().isEmpty()) {
      return List.of();
    }
    List<StyleState.NamedStyle> out = new ArrayList<>();
    for (ModelPack.Look look : pack.looks()) {
      float[] sum = new float[pack.zDim()];
      for (Path image : look.images()) {
        float[] z;
        try {
          z = encoder.encode(LabelImages.readImage(image));
        } catch (LabelImageException e) {
          throw new PackException(
              "pack '" + pack.id() + "' look '" + look.name() + "': " + e.getMessage(), e);
        }
        if (z.length != sum.length) {
          throw new PackException(
              "pack '"
                  + pack.id()
                  + "': its encoder gives "
                  + z.length
                  + " values, zDim is "
                  + sum.length);
        }
        for (int i = 0; i < z.length; i++) {
          sum[i] += z[i] / look.images().size();
        }
      }
      out.add(new StyleState.NamedStyle(look.name(), sum));
    }
    return List.copyOf(out);
  }
}
