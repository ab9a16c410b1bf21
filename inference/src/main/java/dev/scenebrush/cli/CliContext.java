package dev.scenebrush.cli;

import dev.scenebrush.inference.ReadErrors;
import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.io.TempFiles;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.palette.PaletteLoader;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared lookups for the subcommands. */
final class CliContext {
  private CliContext() {}

  static PackCatalog catalog() {
    return new PackCatalog(SceneBrushHome.models(), new PaletteLoader(SceneBrushHome.palettes()));
  }

  /** Fails early, before any rendering, when a file cannot be written where asked. */
  static void checkWritable(Path p) {
    Path dir = p.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException("cannot write " + p + ": folder missing or read-only");
    }
    // Permission bits can say yes where the file system says no (/proc, full or read-only mounts):
    // try what the save will do, before any rendering.
    try {
      Files.delete(TempFiles.create(dir, p.getFileName().toString()));
    } catch (IOException | RuntimeException e) {
      String why =
          e instanceof FileSystemException f && f.getReason() != null
              ? f.getReason()
              : e instanceof NoSuchFileException
                  ? "no such file or folder"
                  : ReadErrors.describe(e);
      throw new IllegalArgumentException(
          "cannot write " + p + ": the folder does not take new files (" + why + ")");
    }
  }

  /** A file named on the command line, with the option or parameter that named it. */
  record FileArg(String option, Path path) {}

  /**
   * Refuses, before any work, an output that is one of the inputs or another output: writing it
   * would replace the artist's file (or one result with another) without a word. Entries are
   * (option name, path); null paths are skipped.
   */
  static void checkDistinct(List<FileArg> inputs, List<FileArg> outputs) {
    Map<Path, String> seen = new HashMap<>();
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
  private static Path key(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      if (Files.exists(abs)) {
        return abs.toRealPath();
      }
      Path dir = abs.getParent();
      if (dir != null && Files.exists(dir)) {
        return dir.toRealPath().resolve(abs.getFileName());
      }
    } catch (IOException e) {
      // fall back to the absolute form
    }
    return abs;
  }

  static ModelPack pack(String idOrPath) {
    PackCatalog c = catalog();
    return idOrPath == null ? c.defaultPack() : c.resolve(idOrPath);
  }
}
