package dev.scenebrush.inference.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recovery files of running windows, in {@code <settings>/recovery}: each window writes its own
 * {@code recovery-<id>.sbrush} and holds a lock on {@code recovery-<id>.lock} while it runs. A file
 * whose lock nobody holds was left by a crash and is offered back; a live window's file is never
 * touched by another copy of the app. Declined files move to {@code <settings>/recovered} and are
 * deleted after {@link #KEEP_DECLINED}.
 */
public final class RecoveryStore implements AutoCloseable {
  static final String PREFIX = "recovery-";
  static final String LOCK = ".lock";
  public static final Duration KEEP_DECLINED = Duration.ofDays(7);

  /** Where earlier versions kept their single recovery file; still offered once. */
  static final String LEGACY = "recovery" + ProjectFile.EXTENSION;

  private final Path settings;
  private final Path folder;
  private final Path file;
  private final Lock own;

  private RecoveryStore(Path settings, Path folder, Path file, Lock own) {
    this.settings = settings;
    this.folder = folder;
    this.file = file;
    this.own = own;
  }

  /** A store for one window: its own recovery file name, locked for as long as it is open. */
  public static RecoveryStore open(Path settingsDir) throws IOException {
    Path folder = Files.createDirectories(settingsDir.resolve("recovery"));
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path file = folder.resolve(PREFIX + id + ProjectFile.EXTENSION);
    Lock lock =
        Lock.take(lockOf(file))
            .orElseThrow(() -> new IOException("cannot lock a new recovery file in " + folder));
    purgeDeclined(settingsDir.resolve("recovered"), Instant.now().minus(KEEP_DECLINED));
    return new RecoveryStore(settingsDir, folder, file, lock);
  }

  /** This window's recovery file (it exists only while there is unsaved work). */
  public Path file() {
    return file;
  }

  public void write(Project snapshot) throws ProjectException {
    ProjectFile.save(snapshot, file);
  }

  /** The work is saved or discarded: nothing to recover. */
  public void discard() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // left behind, it is offered once more; the user can decline it
    }
  }

  /**
   * Recovery files left by windows that are gone, newest first, each claimed: no other copy of the
   * app offers it while the claim is held.
   */
  public List<Claim> claimOrphans() {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*.sbrush")) {
      files.forEach(found::add);
    } catch (IOException e) {
      return List.of();
    }
    Path legacy = settings.resolve(LEGACY);
    if (Files.isRegularFile(legacy)) {
      found.add(legacy);
    }
    found.sort(Comparator.comparing(RecoveryStore::modified).reversed());
    List<Claim> claims = new ArrayList<>();
    for (Path f : found) {
      if (f.equals(file)) {
        continue;
      }
      Lock.take(lockOf(f)).ifPresent(l -> claims.add(new Claim(f, l)));
    }
    return claims;
  }

  /**
   * Releases this window's lock; its recovery file stays only if {@link #discard} was not called.
   */
  @Override
  public void close() {
    own.release(true);
  }

  private static Path lockOf(Path recovery) {
    String name = recovery.getFileName().toString();
    return recovery.resolveSibling(name.substring(0, name.length() - 7) + LOCK);
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  static void purgeDeclined(Path dir, Instant before) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.sbrush")) {
      for (Path f : files) {
        if (modified(f).isBefore(before)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException ignored) {
      // kept a little longer; tried again at the next start
    }
  }

  /** A crashed window's recovery file, held so that only this window offers it. */
  public final class Claim {
    private final Path file;
    private final Lock lock;

    private Claim(Path file, Lock lock) {
      this.file = file;
      this.lock = lock;
    }

    public Path file() {
      return file;
    }

    /** Restored into a window (which now autosaves on its own): the old file goes. */
    public void restored() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // offered again next time
      }
      lock.release(true);
    }

    /** Declined: kept in the "recovered" folder for a week, in case the answer was a slip. */
    public Path declined() throws IOException {
      Path dir = Files.createDirectories(settings.resolve("recovered"));
      String stamp = Instant.now().toString().replace(':', '-');
      Path kept = dir.resolve("painting-" + stamp + ProjectFile.EXTENSION);
      Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(kept, FileTime.from(Instant.now()));
      lock.release(true);
      return kept;
    }

    /** Not answered now (another was restored): left for the next start. */
    public void release() {
      lock.release(false);
    }
  }

  /** An exclusive lock on a lock file, across processes (the OS) and within this one. */
  static final class Lock {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(Path path, FileChannel channel, FileLock lock) {
      this.path = path;
      this.channel = channel;
      this.lock = lock;
    }

    /** The lock, or empty when another window (in any process) holds it. */
    static Optional<Lock> take(Path path) {
      FileChannel ch = null;
      try {
        ch =
            FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock l = ch.tryLock();
        if (l == null) {
          ch.close();
          return Optional.empty();
        }
        return Optional.of(new Lock(path, ch, l));
      } catch (OverlappingFileLockException sameProcess) {
        closeQuietly(ch);
        return Optional.empty();
      } catch (IOException e) {
        closeQuietly(ch);
        return Optional.empty();
      }
    }

    void release(boolean deleteFile) {
      try {
        if (deleteFile) {
          Files.deleteIfExists(path);
        }
        lock.release();
      } catch (IOException ignored) {
        // the OS drops the lock with the channel anyway
      }
      closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing held any more
        }
      }
    }
  }
}
