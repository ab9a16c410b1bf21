package dev.scenebrush.cli;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.palette.PaletteLoader;

/** Shared lookups for the subcommands. */
final class CliContext {
  private CliContext() {}

  static PackCatalog catalog() {
    return new PackCatalog(SceneBrushHome.models(), new PaletteLoader(SceneBrushHome.palettes()));
  }

  /** Fails early, before any rendering, when a file cannot be written where asked. */
  static void checkWritable(java.nio.file.Path p) {
    java.nio.file.Path dir = p.toAbsolutePath().getParent();
    if (dir == null
        || !java.nio.file.Files.isDirectory(dir)
        || !java.nio.file.Files.isWritable(dir)) {
      throw new IllegalArgumentException("cannot write " + p + ": folder missing or read-only");
    }
  }

  static ModelPack pack(String idOrPath) {
    PackCatalog c = catalog();
    return idOrPath == null ? c.defaultPack() : c.resolve(idOrPath);
  }
}
