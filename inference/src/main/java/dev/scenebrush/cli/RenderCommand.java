package dev.scenebrush.cli;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--size", description = "output size WxH (default: the label map's size)")
  String size;

  @Option(names = "--instances", description = "16-bit instance map PNG of the same size")
  Path instances;

  @Mixin StyleOptions style = new StyleOptions();

  @Option(
      names = "--retrieval",
      description = "render with the pack's retrieval generator, guided by retrieved segments")
  boolean retrieval;

  @Override
  public Integer call() throws Exception {
    ModelPack p = style.pack();
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
    CliContext.checkWritable(out);
    long seed = style.seed == null ? 0 : style.seed;
    try (InferenceRuntime runtime = new InferenceRuntime(style.cpu, 0)) {
      PackVerifier.verify(p, runtime);
      if (retrieval) {
        var r = new dev.scenebrush.inference.render.RetrievalRenderer(runtime, p);
        RenderedImage img =
            r.render(
                map,
                inst,
                r.newSession(),
                wh[0],
                wh[1],
                new dev.scenebrush.inference.onnx.ModelSession.Cancel());
        LabelImages.writeRgb(img.argb(), img.width(), img.height(), out);
        System.out.printf(
            "rendered %s (%dx%d) with the retrieval generator of pack '%s' (%d segments in its"
                + " library) in %d ms%n",
            out, img.width(), img.height(), p.id(), r.library().size(), img.millis());
        return 0;
      }
      float[] z = style.globalZ(runtime, p, StyleSeed.gaussian(seed, p.zDim()));
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
