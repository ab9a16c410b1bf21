package dev.scenebrush.cli;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.style.StyleEncoder;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Render a label map (colour PNG in the palette's colours, or 8-bit index PNG).")
final class RenderCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LABELS", description = "label map PNG")
  Path labels;

  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "output image (.png, .jpg)")
  Path out;

  @Option(names = "--pack", description = "pack id or folder (default: the bundled pack)")
  String pack;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "style seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--size", description = "output size WxH (default: the label map's size)")
  String size;

  @Option(names = "--instances", description = "16-bit instance map PNG of the same size")
  Path instances;

  @Option(names = "--style-image", description = "image whose style to use (the pack's encoder)")
  Path styleImage;

  @Option(names = "--mix", description = "a second style to mix in: a seed number or an image file")
  String mix;

  @Option(names = "--mix-amount", defaultValue = "0.5", description = "0 = first style, 1 = second")
  double mixAmount;

  @Option(names = "--cpu", description = "never use the GPU")
  boolean cpu;

  @Override
  public Integer call() throws Exception {
    ModelPack p = CliContext.pack(pack);
    LabelMap map = LabelImages.readLabels(labels, p.palette());
    InstanceMap inst =
        instances == null
            ? new InstanceMap(map.width(), map.height())
            : LabelImages.readInstances(instances);
    if (inst.width() != map.width() || inst.height() != map.height()) {
      throw new IllegalArgumentException(
          "instance map is "
              + inst.width()
              + "x"
              + inst.height()
              + " but the label map is "
              + map.width()
              + "x"
              + map.height());
    }
    int[] wh = size == null ? new int[] {map.width(), map.height()} : parseSize(size);
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new IllegalArgumentException(
          "cannot write to " + out + ": folder missing or read-only");
    }
    try (InferenceRuntime runtime = new InferenceRuntime(cpu, 0)) {
      PackVerifier.verify(p, runtime);
      StyleEncoder encoder = new StyleEncoder(runtime, p);
      float[] z =
          styleImage == null
              ? StyleSeed.gaussian(seed, p.zDim())
              : encoder.encode(LabelImages.readImage(styleImage));
      if (mix != null) {
        if (mixAmount < 0 || mixAmount > 1) {
          throw new IllegalArgumentException("--mix-amount must be between 0 and 1");
        }
        float[] other =
            mix.matches("-?\\d+")
                ? StyleSeed.gaussian(Long.parseLong(mix), p.zDim())
                : encoder.encode(LabelImages.readImage(Path.of(mix)));
        z = StyleSpec.mix(z, other, mixAmount);
      }
      RenderedImage img =
          new BaseRenderer(runtime, p)
              .render(
                  map,
                  inst,
                  z,
                  wh[0],
                  wh[1],
                  new dev.scenebrush.inference.onnx.ModelSession.Cancel());
      LabelImages.writeRgb(img.argb(), img.width(), img.height(), out);
      System.out.printf(
          "rendered %s (%dx%d) with pack '%s', seed %d, on %s in %d ms%n",
          out, img.width(), img.height(), p.id(), seed, runtime.providerNote(), img.millis());
    }
    return 0;
  }

  static int[] parseSize(String s) {
    String[] parts = s.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        int w = Integer.parseInt(parts[0].trim());
        int h = Integer.parseInt(parts[1].trim());
        LabelMap.checkSize(w, h);
        return new int[] {w, h};
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("--size must look like 512x512, got '" + s + "'");
  }
}
