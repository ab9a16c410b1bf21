package dev.scenebrush.inference.pack;

import dev.scenebrush.inference.palette.PaletteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The packs under a models folder, found by id or by path; the bundled pack is the default. */
public final class PackCatalog {
  public static final String DEFAULT_PACK = "landscape";

  private final Path models;
  private final PackLoader loader;

  public PackCatalog(Path models, PaletteLoader palettes) {
    this.models = models;
    this.loader = new PackLoader(palettes);
  }

  public PackLoader loader() {
    return loader;
  }

  public List<Path> folders() {
    return PackLoader.findPacks(models);
  }

  /** A pack by folder path, or by id among the models folder's packs. */
  public ModelPack resolve(String idOrPath) {
    Path asPath = Path.of(idOrPath);
    if (Files.isRegularFile(asPath.resolve(PackLoader.MANIFEST))) {
      return loader.load(asPath);
    }
    boolean looksLikeAPath = asPath.isAbsolute() || asPath.getNameCount() > 1;
    if (looksLikeAPath && Files.isDirectory(asPath)) {
      throw new PackException(
          "folder " + asPath + " is not a model pack: it has no " + PackLoader.MANIFEST);
    }
    for (Path folder : folders()) {
      if (folder.getFileName().toString().equals(idOrPath)) {
        return loader.load(folder);
      }
    }
    for (Path folder : folders()) {
      try {
        ModelPack p = loader.load(folder);
        if (p.id().equals(idOrPath)) {
          return p;
        }
      } catch (PackException ignored) {
        // a broken pack is reported by 'packs', not here
      }
    }
    throw new PackException(
        "no model pack '"
            + idOrPath
            + "' in "
            + models
            + "; available: "
            + folders().stream().map(f -> f.getFileName().toString()).toList());
  }

  /** The bundled landscape pack when present, else the first pack that loads. */
  public ModelPack defaultPack() {
    if (Files.isRegularFile(models.resolve(DEFAULT_PACK).resolve(PackLoader.MANIFEST))) {
      return loader.load(models.resolve(DEFAULT_PACK));
    }
    for (Path folder : folders()) {
      try {
        return loader.load(folder);
      } catch (PackException ignored) {
        // try the next one
      }
    }
    throw new PackException("no usable model pack in " + models);
  }
}
