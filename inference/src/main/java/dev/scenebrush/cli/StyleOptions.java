package dev.scenebrush.cli;

import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.style.StyleEncoder;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Pack, device and style options shared by the commands that render (a picocli mixin). */
final class StyleOptions {
  @Option(names = "--pack", description = "pack id or folder (default: the bundled pack)")
  String pack;

  @Option(names = "--seed", description = "style seed")
  Long seed;

  @Option(names = "--style-image", description = "image whose style to use (the pack's encoder)")
  Path styleImage;

  @Option(names = "--mix", description = "a second style to mix in: a seed number or an image file")
  String mix;

  @Option(names = "--mix-amount", defaultValue = "0.5", description = "0 = first style, 1 = second")
  double mixAmount;

  @Option(names = "--cpu", description = "never use the GPU")
  boolean cpu;

  ModelPack pack() {
    if (!(mixAmount >= 0 && mixAmount <= 1)) {
      throw new IllegalArgumentException("--mix-amount must be between 0 and 1, got " + mixAmount);
    }
    return CliContext.pack(pack);
  }

  /** The --mix image, when --mix names one rather than a seed. */
  Path mixFile() {
    return mix == null || mix.matches("-?\\d+") ? null : Path.of(mix);
  }

  /** Whether the options ask for a style at all (else a project keeps its own). */
  boolean given() {
    return seed != null || styleImage != null || mix != null;
  }

  /** The global z asked for; without a seed or an image, mixing starts from {@code base}. */
  float[] globalZ(InferenceRuntime runtime, ModelPack p, float[] base) {
    StyleEncoder encoder = new StyleEncoder(runtime, p);
    float[] z =
        styleImage != null
            ? encoder.encode(LabelImages.readImage(styleImage))
            : seed != null ? StyleSeed.gaussian(seed, p.zDim()) : base;
    if (mix != null) {
      float[] other =
          mix.matches("-?\\d+")
              ? StyleSeed.gaussian(Long.parseLong(mix), p.zDim())
              : encoder.encode(LabelImages.readImage(Path.of(mix)));
      z = StyleSpec.mix(z, other, mixAmount);
    }
    return z;
  }
}
