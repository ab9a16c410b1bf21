package dev.scenebrush.cli;

import dev.scenebrush.inference.document.ImportedScene;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderRequest;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.render.RetrievalRenderer;
import dev.scenebrush.inference.render.SceneLook;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Render a label map (colour PNG in the palette's colours, or 8-bit index PNG).")
final class RenderCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "LABELS",
      description = "label map PNG, or a folder of them (then -o and --instances are folders)")
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

  @Option(
      names = "--direct",
      description =
          "run the generator at the output size instead of climbing the pack's resolution ladder"
              + " (how packs without refiners render)")
  boolean direct;

  @Option(
      names = "--class-mode",
      arity = "0..1",
      paramLabel = "CLASSES",
      split = ",",
      fallbackValue = ALL_CLASSES,
      description =
          "which objects render in class mode (needs --instances): alone, every object whose class"
              + " has a class generator in the pack; with class names (--class-mode=house,tree),"
              + " those classes; --class-mode=none, no object. Without it, objects start as new"
              + " objects in the app do (the pack's defaultMode per class)")
  List<String> classModeClasses;

  private static final String ALL_CLASSES = "*";
  private static final String NO_CLASSES = "none";

  @Option(
      names = "--object-seed",
      paramLabel = "K",
      description =
          "with --class-mode: every object takes look K (its seed is K times 65536 plus its id);"
              + " without it, objects take the scene's look, as new objects in the app do")
  Long objectSeed;

  /** Class indices whose objects render in class mode (from --class-mode). */
  private Set<Integer> classModeSet = Set.of();

  @Override
  public Integer call() throws Exception {
    ModelPack p = style.pack();
    // --class-mode=none asks for nothing a plain render lacks: it goes with every other option.
    boolean classMode = classModeClasses != null && !classModeClasses.equals(List.of(NO_CLASSES));
    boolean batch = Files.isDirectory(labels);
    CliContext.checkDistinct(
        List.of(
            new CliContext.FileArg("LABELS", labels),
            new CliContext.FileArg("--instances", instances),
            new CliContext.FileArg("--style-image", style.styleImage),
            new CliContext.FileArg("--mix", style.mixFile())),
        List.of(new CliContext.FileArg("--out", out)));
    if (classMode && instances == null) {
      throw new IllegalArgumentException("--class-mode needs --instances: objects come from them");
    }
    if (classMode && (direct || retrieval)) {
      throw new IllegalArgumentException(
          "--class-mode renders the base picture through the app's pipeline:"
              + " leave out --direct and --retrieval");
    }
    if (classMode && p.classGenerators().isEmpty()) {
      throw new IllegalArgumentException("pack '" + p.id() + "' has no class generators");
    }
    classModeSet = direct || retrieval ? Set.of() : classModeSet(p);
    if (batch) {
      Files.createDirectories(out);
    } else {
      CliContext.checkWritable(out);
    }
    long seed = style.seed == null ? 0 : style.seed;
    try (InferenceRuntime runtime = new InferenceRuntime(style.cpu, 0);
        RenderService service =
            new RenderService(new BaseRenderer(runtime, p), verified(runtime, p, retrieval))) {
      RetrievalRenderer rr = service.retrieval().orElse(null);
      StyleSpec spec =
          StyleSpec.global(style.globalZ(runtime, p, StyleSeed.gaussian(seed, p.zDim())));
      if (!batch) {
        renderOne(runtime, service, rr, p, spec, seed, labels, instances, out);
        return 0;
      }
      List<Path> maps;
      try (Stream<Path> files = Files.list(labels)) {
        maps = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
      }
      if (maps.isEmpty()) {
        throw new IllegalArgumentException("no .png label maps in " + labels);
      }
      for (Path map : maps) {
        Path name = map.getFileName();
        Path inst = instances == null ? null : instances.resolve(name);
        renderOne(runtime, service, rr, p, spec, seed, map, inst, out.resolve(name));
      }
    }
    return 0;
  }

  /**
   * One label map: through the ladder (base or retrieval picture near the pack's resolution,
   * refined to the size) unless the pack has none or --direct asks for the generator at size.
   */
  private void renderOne(
      InferenceRuntime runtime,
      RenderService service,
      RetrievalRenderer rr,
      ModelPack p,
      StyleSpec spec,
      long seed,
      Path labelFile,
      Path instanceFile,
      Path outFile)
      throws Exception {
    LabelMap map = LabelImages.readLabels(labelFile, p.palette());
    InstanceMap inst =
        instanceFile == null
            ? new InstanceMap(map.width(), map.height())
            : LabelImages.readInstances(instanceFile);
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
    List<String> rungs = new ArrayList<>();
    RenderedImage img;
    ModelSession.Cancel cancel = new ModelSession.Cancel();
    List<Instance> objects = classModeSet.isEmpty() ? List.of() : classObjects(p, map, inst);
    boolean classPass = objects.stream().anyMatch(o -> o.mode() == RenderMode.CLASS);
    if ((p.hasLadder() && !direct) || classPass) {
      RenderRequest q =
          new RenderRequest(
              map, inst, seed, spec, wh[0], wh[1], rr == null ? null : rr.newSession(), objects);
      img = service.submit(q, (rung, n, pic) -> rungs.add(pic.width() + "x" + pic.height())).get();
      rungs.add(img.width() + "x" + img.height());
    } else if (rr != null) {
      img = rr.render(map, inst, rr.newSession(), wh[0], wh[1], cancel);
    } else {
      img = service.renderer().render(map, inst, spec, wh[0], wh[1], cancel);
    }
    LabelImages.writeRgb(img.argb(), img.width(), img.height(), outFile);
    String by =
        rr == null
            ? "pack '" + p.id() + "'"
            : "the retrieval generator of pack '"
                + p.id()
                + "' ("
                + rr.library().size()
                + " segments in its library)";
    System.out.printf(
        "rendered %s (%dx%d) with %s, seed %d, on %s in %d ms%s%n",
        outFile,
        img.width(),
        img.height(),
        by,
        seed,
        runtime.providerNote(),
        img.millis(),
        rungs.isEmpty() ? "" : "; ladder " + String.join(" -> ", rungs));
  }

  /** The map's objects, those of a class with a generator in class mode with their look seed. */
  private List<Instance> classObjects(ModelPack p, LabelMap map, InstanceMap inst) {
    List<Instance> objects = new ArrayList<>();
    for (Instance o : ImportedScene.of(p.palette(), map, inst).instances()) {
      boolean has = classModeSet.contains(o.classIndex());
      long look = objectSeed == null ? 0 : SceneLook.lookSeed(o.id(), objectSeed.intValue());
      objects.add(has ? o.withMode(RenderMode.CLASS).withSeed(look) : o);
    }
    return objects;
  }

  /**
   * Class indices --class-mode names: without it the pack's defaults, alone every class with a
   * generator, else the listed ones (none, or classes of the palette with a generator in the pack).
   */
  private Set<Integer> classModeSet(ModelPack p) {
    Set<Integer> withGenerator = new TreeSet<>();
    for (int c = 0; c < p.palette().size(); c++) {
      if (p.hasClassGenerator(c)) {
        withGenerator.add(c);
      }
    }
    if (classModeClasses == null) {
      withGenerator.removeIf(c -> p.newObjectMode(c) != RenderMode.CLASS);
      return withGenerator;
    }
    if (classModeClasses.contains(ALL_CLASSES)) {
      return withGenerator;
    }
    if (classModeClasses.equals(List.of(NO_CLASSES))) {
      return Set.of();
    }
    List<String> valid =
        withGenerator.stream().map(c -> p.palette().classes().get(c).name()).toList();
    Set<Integer> chosen = new TreeSet<>();
    for (String name : classModeClasses) {
      int c =
          p.palette()
              .indexOf(name.trim())
              .filter(withGenerator::contains)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--class-mode: pack '"
                              + p.id()
                              + "' has no class generator for '"
                              + name.trim()
                              + "'; it has one for "
                              + String.join(", ", valid)));
      chosen.add(c);
    }
    return chosen;
  }

  static int[] parseSize(String s) {
    String[] parts = s.toLowerCase(Locale.ROOT).split("x");
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

  /** Checks the pack against its models first, then opens its retrieval renderer if asked. */
  private static RetrievalRenderer verified(
      InferenceRuntime runtime, ModelPack p, boolean retrieval) {
    PackVerifier.verify(p, runtime);
    return retrieval ? new RetrievalRenderer(runtime, p) : null;
  }
}
