package dev.scenebrush.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One scratch file per fuzz target, rewritten for every input (inputs arrive as files). */
final class FuzzFiles {
  private FuzzFiles() {}

  static Path scratch(String name) {
    try {
      Path dir = Files.createTempDirectory("sb-fuzz");
      // deleteOnExit cannot remove a folder that still holds files: remove the whole tree.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir.resolve(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Leaving a scratch folder behind is harmless; the exit must not fail over it.
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
