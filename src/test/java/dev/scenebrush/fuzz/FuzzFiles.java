package dev.scenebrush.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scratch file per fuzz target, rewritten for every input (inputs arrive as files). */
final class FuzzFiles {
  private FuzzFiles() {}

  static Path scratch(String name) {
    try {
      Path dir = Files.createTempDirectory("sb-fuzz");
      dir.toFile().deleteOnExit();
      return dir.resolve(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, byte[] data) {
    try {
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
