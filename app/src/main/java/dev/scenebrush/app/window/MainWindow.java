package dev.scenebrush.app.window;

import dev.scenebrush.app.AppContext;
import dev.scenebrush.app.dialogs.Dialogs;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.export.ExportJob;
import dev.scenebrush.app.export.ImageExports;
import dev.scenebrush.inference.SceneBrushVersion;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.TempFiles;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.RecoveryStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Menu;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/**
 * The main window: menus and commands around one document's {@link MainView}. Saves are atomic;
 * every few seconds unsaved work is written to a recovery file that is offered back after a crash;
 * closing or replacing an unsaved painting asks first.
 */
public final class MainWindow extends BorderPane {
  private final AppContext context;
  private final Dialogs dialogs;
  private final RecentFiles recent;
  private final FileCommands files;
  private final ImageExports exports;
  private final DropAndPaste drops;
  private final WindowActions actions;
  private final WindowMenus menus;
  private final Timeline autosaveTimer;
  private final Autosave autosave;
  private final ReadOnlyStringWrapper title =
      new ReadOnlyStringWrapper(this, "title", "SceneBrush");
  private MainView view;

  public MainWindow(AppContext context, Dialogs dialogs, Path settingsDir, Document first) {
    this.context = context;
    this.dialogs = dialogs;
    this.recent = new RecentFiles(settingsDir);
    this.files = new FileCommands(context, dialogs, recent, new Host());
    this.exports = new ImageExports(context.pack(), dialogs, settingsDir);
    this.drops = new DropAndPaste(files, this::view);
    this.actions = new WindowActions(this, files, this::view, context.retrieval().isPresent());
    this.menus = new WindowMenus(actions);
    setTop(menus.bar());
    drops.install(this);
    refreshRecent();
    show(first);
    autosave = Autosave.open(settingsDir);
    cleanStaleSaves(recent.list());
    autosaveTimer = new Timeline(new KeyFrame(Duration.seconds(20), e -> autosaveNow()));
    autosaveTimer.setCycleCount(Timeline.INDEFINITE);
    autosaveTimer.play();
  }

  /** The window's side of the file commands. */
  private final class Host implements FileCommands.Host {
    @Override
    public MainView view() {
      return view;
    }

    @Override
    public void show(Document doc) {
      MainWindow.this.show(doc);
    }

    @Override
    public void saved() {
      if (autosave != null) {
        autosave.discard();
      }
    }

    @Override
    public void recentChanged() {
      refreshRecent();
    }
  }

  public MainView view() {
    return view;
  }

  public Document document() {
    return view.document();
  }

  /** New, open, save, import and label export. */
  public FileCommands files() {
    return files;
  }

  /** This window's recovery file (present while it holds unsaved work), or null without one. */
  public Path recoveryFile() {
    return autosave == null ? null : autosave.file();
  }

  private void show(Document doc) {
    if (view != null) {
      view.dispose();
    }
    doc.scene().setNewObjectModes(context.pack()::newObjectMode);
    view = new MainView(context, doc, dialogs);
    view.useActions(actions);
    setCenter(view);
    actions.bind(view);
    menus.bind(view);
    title.bind(
        Bindings.createStringBinding(
            () -> {
              Path f = doc.fileProperty().get();
              String name = f == null ? "Untitled" : f.getFileName().toString();
              return (doc.dirtyProperty().get() ? "• " : "") + name + " — SceneBrush";
            },
            doc.fileProperty(),
            doc.dirtyProperty()));
    view.requestRender();
  }

  /**
   * Temporary files a crashed or killed save left beside the recent paintings, removed in the
   * background at start (saves also clean the folder they write into).
   */
  private static void cleanStaleSaves(List<Path> recentFiles) {
    List<Path> folders =
        recentFiles.stream().map(p -> p.toAbsolutePath().getParent()).distinct().toList();
    Thread t = new Thread(() -> folders.forEach(TempFiles::cleanStale), "clean-stale-saves");
    t.setDaemon(true);
    t.start();
  }

  /** "name — SceneBrush", with a mark while the painting has unsaved changes. */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  private void refreshRecent() {
    Menu recentMenu = menus.recentMenu();
    recentMenu.getItems().clear();
    for (Path p : recent.list()) {
      recentMenu
          .getItems()
          .add(WindowMenus.item(p.getFileName().toString(), () -> files.openRecent(p)));
    }
    recentMenu.setDisable(recentMenu.getItems().isEmpty());
  }

  /** Help → Keyboard Shortcuts: every tool key and command shortcut in one list. */
  public void showShortcuts() {
    dialogs.info("Keyboard shortcuts", Shortcuts.text(actions.all()));
  }

  /** Ctrl+V: a picture or image file from the clipboard, as a style or a label map. */
  public void paste() {
    drops.paste();
  }

  /** As a drop of these files on the window (the drop handler's own path). */
  public boolean drop(List<File> dropped) {
    return drops.dropped(dropped);
  }

  /** Leaves the app after the unsaved-changes prompt. */
  public void quit() {
    if (files.confirmDiscard()) {
      Platform.exit();
    }
  }

  /** Version, the pack with its licence, the inference provider. */
  public void about() {
    dialogs.info("SceneBrush " + SceneBrushVersion.get(), AboutText.of(context));
  }

  /**
   * Asks for size and files (starting from the last export's, also after a restart), then exports
   * in the background; returns the job started, or empty when cancelled or refused.
   */
  public Optional<ExportJob> exportImage() {
    return exports.ask(document(), view.retrievalModeProperty().get(), view.status());
  }

  // ------------------------------------------------------------------ recovery

  /**
   * Writes unsaved work to the recovery file in the background when it changed since the last time;
   * the future completes when the file is written.
   */
  public CompletableFuture<Void> autosaveNow() {
    if (autosave == null) {
      return CompletableFuture.completedFuture(null);
    }
    return autosave.saveIfChanged(
        document(),
        this::snapshot,
        m -> Platform.runLater(() -> view.status().setMessage("Autosave failed: " + m)));
  }

  /** The project with copies of the maps: the painting may change while it is written. */
  private Project snapshot() {
    Project live = files.project();
    Scene s = live.scene();
    Scene copy = new Scene(s.palette(), s.labelsSnapshot(), s.instancesSnapshot(), s.instances());
    return new Project(
        copy,
        live.packId(),
        live.style(),
        live.view(),
        live.lastRender(),
        live.lastRenderWidth(),
        live.lastRenderHeight());
  }

  /**
   * At start: paintings left by crashed windows, newest first. One question: restore the newest?
   * Every one not restored (all of them on "no") is kept in the "recovered" folder for a week, so
   * the next start does not ask again.
   */
  public void offerRecovery() {
    if (autosave == null) {
      return;
    }
    List<RecoveryStore.Claim> claims = autosave.claimOrphans();
    if (claims.isEmpty()) {
      return;
    }
    RecoveryStore.Claim newest = claims.get(0);
    boolean restored =
        dialogs.askRestore(newest.file(), claims.size() - 1)
            && files.openProject(newest.file(), true);
    if (restored) {
      newest.restored();
      view.status().announce("Painting restored", "Restored the painting that was not saved");
      autosaveNow();
    }
    Path kept = null;
    int keptCount = 0;
    for (RecoveryStore.Claim claim : restored ? claims.subList(1, claims.size()) : claims) {
      try {
        kept = claim.declined();
        keptCount++;
      } catch (IOException e) {
        claim.release();
      }
    }
    if (keptCount == 1) {
      view.status()
          .announce("Painting kept", "The unrestored painting is kept for a week in " + kept);
    } else if (keptCount > 1) {
      view.status()
          .announce(
              "Paintings kept",
              keptCount + " unrestored paintings are kept for a week in " + kept.getParent());
    }
  }

  /** Clean shutdown: stop autosaving and drop this window's recovery file. */
  public void shutdown() {
    autosaveTimer.stop();
    exports.cancel();
    view.dispose();
    if (autosave != null) {
      autosave.close();
    }
  }
}
