package dev.scenebrush.cli;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.SceneBrushVersion;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.onnx.NativeLibraries;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.pack.PackReference;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks an installation end to end without a display: finds the packs, checks each against the
 * PyTorch reference stored in it, renders the bundled sample scene and checks the picture. The
 * report is meant to be pasted into bug reports.
 */
@Command(
    name = "self-test",
    mixinStandardHelpOptions = true,
    description = "Check the installation: packs, ONNX Runtime, a render of the sample scene.")
public final class SelfTestCommand implements Callable<Integer> {
  @Option(names = "--out", description = "also write the sample render here (.png, .jpg)")
  Path out;

  @Option(names = "--cpu", description = "do not try CUDA")
  boolean cpu;

  private final PrintStream log;

  public SelfTestCommand() {
    this(System.out);
  }

  SelfTestCommand(PrintStream log) {
    this.log = log;
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    log.println("SceneBrush self-test");
    log.println("  version:  " + version());
    log.println(
        "  java:     "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + "), "
            + NativeLibraries.platform());
    log.println("  home:     " + SceneBrushHome.find());
    log.println(
        "  natives:  "
            + NativeLibraries.configure()
                .map(p -> p + " (loaded in place)")
                .orElse("from the ONNX Runtime jar (extracted to a temporary folder)"));
    if (out != null) {
      CliContext.checkWritable(out);
    }
    PackCatalog catalog = CliContext.catalog();
    if (catalog.folders().isEmpty()) {
      return fail("no model packs in " + SceneBrushHome.models());
    }
    int broken = 0;
    try (InferenceRuntime runtime = new InferenceRuntime(cpu, 0)) {
      log.println("  runtime:  " + runtime.providerNote());
      for (Path folder : catalog.folders()) {
        try {
          ModelPack p = catalog.loader().load(folder);
          PackVerifier.verify(p, runtime);
          for (String part : PackPartsCheck.check(p, runtime)) {
            log.println("  pack:     " + p.id() + " — " + part);
          }
          if (!PackReference.present(p)) {
            log.println("  pack:     " + p.id() + " — loads (no reference scene to compare)");
            continue;
          }
          double diff =
              withinTolerance(
                  PackReference.maxDifference(p, runtime),
                  "ONNX Runtime differs from the PyTorch reference");
          log.printf(
              "  pack:     %s — matches its PyTorch reference (max difference %.1e)%n",
              p.id(), diff);
          if (PackReference.retrievalPresent(p)) {
            double guided =
                withinTolerance(
                    PackReference.maxRetrievalDifference(p, runtime),
                    "the retrieval generator differs from its PyTorch reference");
            log.printf(
                "  pack:     %s — retrieval generator matches its reference (max difference"
                    + " %.1e)%n",
                p.id(), guided);
          }
          for (var stage : PackReference.maxRefinerDifferences(p, runtime).entrySet()) {
            double d =
                withinTolerance(
                    stage.getValue(),
                    "ladder stage " + stage.getKey() + " differs from its PyTorch reference");
            log.printf(
                "  pack:     %s — ladder stage %s (%d rungs) matches its reference (max"
                    + " difference %.1e)%n",
                p.id(), stage.getKey(), p.refiners().size(), d);
          }
        } catch (RuntimeException e) {
          broken++;
          log.println("  pack:     " + folder.getFileName() + " — BROKEN: " + e.getMessage());
        }
      }
      ModelPack pack = catalog.defaultPack();
      SampleScene sample;
      try {
        sample = SampleScene.bundled(pack.palette());
      } catch (RuntimeException e) {
        return fail("sample scene: " + e.getMessage());
      }
      int w = sample.labels().width();
      int h = sample.labels().height();
      float[] z = StyleSeed.gaussian(0, pack.zDim());
      BaseRenderer renderer = new BaseRenderer(runtime, pack);
      RenderedImage first =
          renderer.render(sample.labels(), sample.instances(), z, w, h, new ModelSession.Cancel());
      RenderedImage second =
          renderer.render(sample.labels(), sample.instances(), z, w, h, new ModelSession.Cancel());
      String problem = SelfTestChecks.problemWith(first, sample.labels().raw());
      if (problem == null && !Arrays.equals(first.argb(), second.argb())) {
        problem = "two renders of the same scene and seed differ";
      }
      if (problem != null) {
        return fail("sample render: " + problem);
      }
      log.printf(
          "  render:   sample '%s' %dx%d with '%s': %d ms (first run %d ms)%n",
          sample.name(), w, h, pack.id(), second.millis(), first.millis());
      if (out != null) {
        LabelImages.writeRgb(first.argb(), w, h, out);
        log.println("  wrote:    " + out);
      }
    }
    if (broken > 0) {
      return fail(broken + " broken pack(s)");
    }
    log.printf("self-test passed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private int fail(String why) {
    log.println("SELF-TEST FAILED: " + why);
    return 1;
  }

  public static String version() {
    return SceneBrushVersion.get();
  }

  /** The difference when within {@link PackReference#TOLERANCE}; else the pack is broken. */
  private static double withinTolerance(double diff, String what) {
    if (!(diff <= PackReference.TOLERANCE)) {
      throw new PackException(
          String.format("%s by %.3g (limit %.0e)", what, diff, PackReference.TOLERANCE));
    }
    return diff;
  }
}
