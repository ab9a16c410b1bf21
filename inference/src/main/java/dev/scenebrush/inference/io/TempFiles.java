package dev.scenebrush.inference.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Temporary files for atomic writes (write, then move over the target). */
public final class TempFiles {
  private TempFiles() {}

  /**
   * A new empty file in dir. Readable by others where the file system has POSIX permissions, as a
   * file written in place would be: a plain temporary file is private to its owner, and the move
   * would carry that over to the user's picture or project.
   */
  public static Path create(Path dir, String prefix, String suffix) throws IOException {
    Path tmp = Files.createTempFile(dir, prefix, suffix);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the folder's inherited access rules apply already.
    }
    return tmp;
  }
}
