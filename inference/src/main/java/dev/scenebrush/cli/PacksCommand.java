package dev.scenebrush.cli;

import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.pack.PackException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "packs", mixinStandardHelpOptions = true, description = "List model packs.")
final class PacksCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PackCatalog catalog = CliContext.catalog();
    int broken = 0;
    if (catalog.folders().isEmpty()) {
      System.out.println("no model packs found");
    }
    for (Path folder : catalog.folders()) {
      try {
        ModelPack p = catalog.loader().load(folder);
        System.out.printf(
            "%-16s %-28s palette=%s %dx%d z=%d%s%n",
            p.id(), p.name(), p.palette().id(), p.width(), p.height(), p.zDim(), extras(p));
        String classFirst =
            p.classGenerators().stream()
                .filter(g -> g.defaultMode() == RenderMode.CLASS)
                .map(ModelPack.ClassGenerator::className)
                .collect(Collectors.joining(", "));
        if (!classFirst.isEmpty()) {
          System.out.printf("%-16s new objects start in class mode: %s%n", "", classFirst);
        }
        p.license()
            .ifPresent(
                l -> System.out.printf("%-16s licence: %s — %s%n", "", l.summary(), l.source()));
      } catch (PackException e) {
        broken++;
        System.out.printf("%-16s BROKEN: %s%n", folder.getFileName(), e.getMessage());
      }
    }
    return broken == 0 ? 0 : 1;
  }

  /** What the pack can do beyond the base generator, e.g. " +encoder +class(tree,house)". */
  static String extras(ModelPack p) {
    StringBuilder s = new StringBuilder();
    if (p.encoder().isPresent()) {
      s.append(" +encoder");
    }
    if (p.tiling().isPresent()) {
      s.append(" +tiling");
    }
    if (!p.classGenerators().isEmpty()) {
      s.append(" +class(")
          .append(
              p.classGenerators().stream()
                  .map(ModelPack.ClassGenerator::className)
                  .collect(Collectors.joining(",")))
          .append(')');
    }
    if (p.retrieval().isPresent()) {
      s.append(" +retrieval");
    }
    if (p.hasLadder()) {
      s.append(" +ladder(").append(p.refiners().get(p.refiners().size() - 1).scale()).append(')');
    }
    return s.toString();
  }
}
