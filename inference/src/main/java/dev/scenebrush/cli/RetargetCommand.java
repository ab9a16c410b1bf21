package dev.scenebrush.cli;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.LabelRetarget;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "retarget",
    mixinStandardHelpOptions = true,
    description =
        "Move a label map to another palette by class name (e.g. landscape -> coco-stuff) and"
            + " report which classes map.")
final class RetargetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LABELS", description = "label map PNG (colour or index)")
  Path labels;

  @Option(names = "--from", required = true, description = "palette the map is painted in")
  String from;

  @Option(names = "--to", required = true, description = "palette to move it to")
  String to;

  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "output colour PNG in the target palette")
  Path out;

  @Override
  public Integer call() throws Exception {
    PaletteLoader palettes = new PaletteLoader(SceneBrushHome.palettes());
    Palette source = palettes.load(from);
    Palette target = palettes.load(to);
    CliContext.checkDistinct(
        List.of(new CliContext.FileArg("LABELS", labels)),
        List.of(new CliContext.FileArg("--out", out)));
    CliContext.checkWritable(out);
    LabelMap map = LabelImages.readLabels(labels, source);
    LabelRetarget.Result r = LabelRetarget.retarget(map, source, target);
    for (LabelRetarget.Mapping m : r.mappings()) {
      System.out.printf(
          "  %-16s -> %s%n", m.source(), m.mapped() ? m.target() : "(no match: unpainted)");
    }
    LabelImages.writeColor(r.labels(), target, out);
    System.out.println(r.summary());
    System.out.println("wrote " + out);
    return 0;
  }
}
