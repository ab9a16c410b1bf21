package dev.scenebrush.inference.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Temporary files for atomic writes: write beside the target, flush to disk, move over it, flush
 * the folder. A crash leaves either the old file or the new one, plus at worst a temporary file of
 * our naming, which {@link #cleanStale} removes later.
 */
public final class TempFiles {
  static final String PREFIX = ".sbtmp-";
  static final String SUFFIX = ".tmp";

  /** Our temporary names, and those of earlier versions (".sb-123.png", ".a.sbrush123.tmp"). */
  private static final Pattern OURS =
      Pattern.compile(
          "\\.sbtmp-\\d+-.*\\.tmp|\\.sb-\\d+\\.(png|jpeg|bmp|tiff|ora\\.tmp)|\\..+\\.sbrush\\d+\\.tmp");

  /** Younger temporary files may belong to a save running in another copy of the app. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(10);

  private TempFiles() {}

  /**
   * A new empty file in dir for writing {@code targetName}. Readable by others where the file
   * system has POSIX permissions, as a file written in place would be: a plain temporary file is
   * private to its owner, and the move would carry that over to the user's picture or project.
   */
  public static Path create(Path dir, String targetName) throws IOException {
    Path tmp = Files.createTempFile(dir, PREFIX, "-" + targetName + SUFFIX);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the folder's inherited access rules apply already.
    }
    return tmp;
  }

  /** What writes a file's content, given the temporary file to write it to. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path tmp) throws IOException;
  }

  /**
   * Writes target atomically: content goes into a temporary file beside it, which then replaces
   * target; nothing of it is left behind when writing fails.
   */
  public static void replace(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException("the folder of " + target + " does not exist");
    }
    cleanStale(dir);
    Path tmp = create(dir, target.getFileName().toString());
    try {
      content.writeTo(tmp);
      commit(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Flushes tmp to disk, moves it over target (atomically where the file system can), flushes the
   * folder.
   */
  public static void commit(Path tmp, Path target) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncFolder(target.toAbsolutePath().getParent());
  }

  /** Makes a rename durable; folders cannot be opened for this on every platform (Windows). */
  private static void syncFolder(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the move itself succeeded; durability of the folder entry is best effort here
    }
  }

  public static boolean isOurs(Path file) {
    return OURS.matcher(file.getFileName().toString()).matches();
  }

  /**
   * Deletes temporary files of our naming older than {@link #STALE_AFTER} in dir (left by a crash
   * or a killed save). Returns how many were removed; a folder that cannot be listed counts none.
   */
  public static int cleanStale(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    Instant before = Instant.now().minus(STALE_AFTER);
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*")) {
      for (Path f : files) {
        try {
          if (isOurs(f)
              && Files.isRegularFile(f)
              && Files.getLastModifiedTime(f).toInstant().isBefore(before)
              && Files.deleteIfExists(f)) {
            removed++;
          }
        } catch (IOException e) {
          // another process holds or removed it: leave it
        }
      }
    } catch (IOException | SecurityException e) {
      return removed;
    }
    return removed;
  }
}
