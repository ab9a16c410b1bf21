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

  static ModelPack pack(String idOrPath) {
    PackCatalog c = catalog();
    return idOrPath == null ? c.defaultPack() : c.resolve(idOrPath);
  }
}
