package dev.scenebrush.app.window;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectException;
import dev.scenebrush.inference.project.RecoveryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Unsaved work written to this window's recovery file in the background: the UI thread only takes a
 * snapshot (copies of the maps), the file is written on a thread of its own, and only when the
 * painting changed since the last autosave. Writes and discards run in order on that thread, so a
 * discard after a save is never overtaken by an older autosave.
 */
final class Autosave implements AutoCloseable {
  private final RecoveryStore store;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "autosave");
            t.setDaemon(true);
            return t;
          });
  private volatile long savedRevision = -1;
  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

  private Autosave(RecoveryStore store) {
    this.store = store;
  }

  /** Autosave for a window; null when the settings folder cannot hold recovery files. */
  static Autosave open(Path settingsDir) {
    try {
      return new Autosave(RecoveryStore.open(settingsDir));
    } catch (IOException e) {
      return null;
    }
  }

  Path file() {
    return store.file();
  }

  /**
   * Writes the snapshot when the document changed since the last write and nothing is being written
   * now (UI thread). The future completes when the file is written (or at once when nothing was to
   * do); failures go to onError, on the writer thread.
   */
  CompletableFuture<Void> saveIfChanged(
      Document doc, Supplier<Project> snapshot, Consumer<String> onError) {
    long rev = doc.revisionProperty().get();
    if (!doc.dirtyProperty().get()
        || doc.scene().strokeInProgress()
        || rev == savedRevision
        || !pending.isDone()) {
      return CompletableFuture.completedFuture(null);
    }
    Project p = snapshot.get();
    savedRevision = rev;
    pending =
        CompletableFuture.runAsync(
            () -> {
              try {
                store.write(p);
              } catch (ProjectException | RuntimeException e) {
                savedRevision = -1;
                onError.accept(e.getMessage());
              }
            },
            writer);
    return pending;
  }

  /** The work was saved (or dropped): remove the recovery file once pending writes are done. */
  CompletableFuture<Void> discard() {
    savedRevision = -1;
    pending = CompletableFuture.runAsync(store::discard, writer);
    return pending;
  }

  List<RecoveryStore.Claim> claimOrphans() {
    return store.claimOrphans();
  }

  /** Clean shutdown: finish what is being written, drop the file and the lock. */
  @Override
  public void close() {
    discard();
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
