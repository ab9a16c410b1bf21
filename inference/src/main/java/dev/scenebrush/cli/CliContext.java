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
    // Permission bits can say yes where the file system says no (/proc, full or read-only mounts):
    // try what the save will do, before any rendering.
    try {
      java.nio.file.Files.delete(
          dev.scenebrush.inference.io.TempFiles.create(dir, p.getFileName().toString()));
    } catch (java.io.IOException | RuntimeException e) {
      String why =
          e instanceof java.nio.file.FileSystemException f && f.getReason() != null
              ? f.getReason()
              : e instanceof java.nio.file.NoSuchFileException
                  ? "no such file or folder"
                  : dev.scenebrush.inference.ReadErrors.describe(e);
      throw new IllegalArgumentException(
          "cannot write " + p + ": the folder does not take new files (" + why + ")");
    }
  }

  /**
   * Refuses, before any work, an output that is one of the inputs or another output: writing it
   * would replace the artist's file (or one result with another) without a word. Entries are
   * (option name, path); null paths are skipped.
   */
  /** A file named on the command line, with the option or parameter that named it. */
  record FileArg(String option, java.nio.file.Path path) {}

  static void checkDistinct(java.util.List<FileArg> inputs, java.util.List<FileArg> outputs) {
    java.util.Map<java.nio.file.Path, String> seen = new java.util.HashMap<>();
    for (FileArg in : inputs) {
      if (in.path() != null) {
        seen.putIfAbsent(key(in.path()), in.option());
      }
    }
    for (FileArg o : outputs) {
      if (o.path() == null) {
        continue;
      }
      String earlier = seen.putIfAbsent(key(o.path()), o.option());
      if (earlier != null) {
        throw new IllegalArgumentException(
            o.option()
                + " "
                + o.path()
                + " is the same file as "
                + earlier
                + "; choose another name");
      }
    }
  }

  /**
   * A path's identity: the real file where it exists (links, "..", case), else its absolute form.
   */
  private static java.nio.file.Path key(java.nio.file.Path p) {
    java.nio.file.Path abs = p.toAbsolutePath().normalize();
    try {
      if (java.nio.file.Files.exists(abs)) {
        return abs.toRealPath();
      }
      java.nio.file.Path dir = abs.getParent();
      if (dir != null && java.nio.file.Files.exists(dir)) {
        return dir.toRealPath().resolve(abs.getFileName());
      }
    } catch (java.io.IOException e) {
      // fall back to the absolute form
    }
    return abs;
  }

  static ModelPack pack(String idOrPath) {
    PackCatalog c = catalog();
    return idOrPath == null ? c.defaultPack() : c.resolve(idOrPath);
  }
}
