package dev.scenebrush.cli;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.document.ImportedScene;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.render.HighResExport;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.style.StyleSpecs;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** High-resolution export, tiled so memory stays bounded at any size up to 8192 on a side. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Render a label map or a .sbrush project at high resolution, tile by tile.")
final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INPUT", description = "label map PNG or .sbrush project")
  Path input;

  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "image: .png, .jpg, .tif")
  Path out;

  @Option(names = "--size", required = true, description = "output size WxH, up to 8192x8192")
  String size;

  @Option(names = "--tile", defaultValue = "1024", description = "tile side (default 1024)")
  int tile;

  @Option(names = "--instances", description = "16-bit instance PNG for a label-map input")
  Path instancesIn;

  @Option(names = "--labels-out", description = "also write the label map at the output size")
  Path labelsOut;

  @Option(names = "--instances-out", description = "also write the instance map (16-bit PNG)")
  Path instancesOut;

  @Option(
      names = "--layers",
      description = "also write a layered file: OpenRaster (.ora) or Photoshop (.psd)")
  Path layers;

  @Option(names = "--threads", defaultValue = "0", description = "CPU threads (0 = all)")
  int threads;

  @Mixin StyleOptions styleOptions = new StyleOptions();

  @Override
  public Integer call() throws Exception {
    int[] wh = RenderCommand.parseSize(size);
    CliContext.checkDistinct(
        List.of(
            new CliContext.FileArg("INPUT", input),
            new CliContext.FileArg("--instances", instancesIn),
            new CliContext.FileArg("--style-image", styleOptions.styleImage),
            new CliContext.FileArg("--mix", styleOptions.mixFile())),
        List.of(
            new CliContext.FileArg("--out", out),
            new CliContext.FileArg("--labels-out", labelsOut),
            new CliContext.FileArg("--instances-out", instancesOut),
            new CliContext.FileArg("--layers", layers)));
    for (Path p : new Path[] {out, labelsOut, instancesOut, layers}) {
      if (p != null) {
        CliContext.checkWritable(p);
      }
    }
    if (layers != null
        && !layers.toString().endsWith(".ora")
        && !layers.toString().endsWith(".psd")) {
      throw new IllegalArgumentException("--layers must name an .ora or a .psd file");
    }
    if (tile < 64) {
      throw new IllegalArgumentException("--tile must be at least 64");
    }
    ModelPack p = styleOptions.pack();
    LabelMap labels;
    InstanceMap instances;
    StyleSpec style;
    List<Instance> objects = List.of();
    try (InferenceRuntime runtime = new InferenceRuntime(styleOptions.cpu, threads, true)) {
      PackVerifier.verify(p, runtime);
      if (input.toString().endsWith(ProjectFile.EXTENSION)) {
        Project project = ProjectFile.load(input, new PaletteLoader(SceneBrushHome.palettes()));
        Scene scene = project.scene();
        if (!scene.palette().id().equals(p.palette().id())) {
          throw new IllegalArgumentException(
              "the project is painted in palette '"
                  + scene.palette().id()
                  + "' but pack '"
                  + p.id()
                  + "' uses '"
                  + p.palette().id()
                  + "'");
        }
        labels = scene.labels();
        instances = scene.instanceMap();
        objects = scene.instances();
        style = StyleSpecs.of(project.style(), objects, p.zDim());
        StyleSpecs.mismatch(project.style(), p.zDim())
            .ifPresent(m -> System.err.println("note: " + input.getFileName() + ": " + m));
      } else {
        labels = LabelImages.readLabels(input, p.palette());
        instances =
            instancesIn == null
                ? new InstanceMap(labels.width(), labels.height())
                : LabelImages.readInstances(instancesIn);
        if (instancesIn != null) {
          // Objects from the instance map, so a layered file has a layer for each; each in the
          // mode new objects of its class start in, as render and the app do.
          Scene scene = ImportedScene.of(p.palette(), labels, instances, p::newObjectMode);
          instances = scene.instanceMap();
          objects = scene.instances();
        }
        style = StyleSpec.global(StyleSeed.gaussian(0, p.zDim()));
      }
      if (styleOptions.given()) {
        float[] z = styleOptions.globalZ(runtime, p, style.global());
        style = new StyleSpec(z, style.regions(), style.regionStyles(), style.instanceStyles());
      }
      long t0 = System.nanoTime();
      HighResExport.run(
          runtime,
          p,
          new HighResExport.Request(
              labels,
              instances,
              objects,
              style,
              wh[0],
              wh[1],
              tile,
              out,
              labelsOut,
              instancesOut,
              layers),
          (done, total) -> System.out.printf("\rtile %d/%d", done, total),
          new ModelSession.Cancel());
      System.out.println();
      System.out.printf(
          "exported %s (%dx%d) in %.1f s on %s%n",
          out, wh[0], wh[1], (System.nanoTime() - t0) / 1e9, runtime.providerNote());
    }
    return 0;
  }
}
