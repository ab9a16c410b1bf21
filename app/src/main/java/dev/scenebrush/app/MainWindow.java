package dev.scenebrush.app;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.io.LabelImport;
import dev.scenebrush.inference.palette.LabelRetarget;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectException;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.render.HighResExport;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/**
 * The main window: menus and file commands around one document's {@link MainView}. Saves are
 * atomic; every few seconds unsaved work is written to a recovery file that is offered back after a
 * crash; closing or replacing an unsaved painting asks first.
 */
public final class MainWindow extends BorderPane {
  private final AppContext context;
  private final Dialogs dialogs;
  private final Path settingsDir;
  private final RecentFiles recent;
  private final WindowMenus menus;
  private final Timeline autosaveTimer;
  private final Autosave autosave;
  private MainView view;
  private final javafx.beans.property.ReadOnlyStringWrapper title =
      new javafx.beans.property.ReadOnlyStringWrapper(this, "title", "SceneBrush");

  public MainWindow(AppContext context, Dialogs dialogs, Path settingsDir, Document first) {
    this.context = context;
    this.dialogs = dialogs;
    this.settingsDir = settingsDir;
    this.recent = new RecentFiles(settingsDir);
    menus = new WindowMenus(this, context.retrieval().isPresent());
    setTop(menus.bar());
    refreshRecent();
    show(first);
    autosave = Autosave.open(settingsDir);
    cleanStaleSaves(recent.list());
    autosaveTimer = new Timeline(new KeyFrame(Duration.seconds(20), e -> autosaveNow()));
    autosaveTimer.setCycleCount(Timeline.INDEFINITE);
    autosaveTimer.play();
  }

  public MainView view() {
    return view;
  }

  public Document document() {
    return view.document();
  }

  /** This window's recovery file (present while it holds unsaved work), or null without one. */
  public Path recoveryFile() {
    return autosave == null ? null : autosave.file();
  }

  private void show(Document doc) {
    if (view != null) {
      view.style().dispose();
    }
    view = new MainView(context, doc, dialogs);
    setCenter(view);
    menus.bind(view);
    title.bind(
        javafx.beans.binding.Bindings.createStringBinding(
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
    Thread t =
        new Thread(
            () -> folders.forEach(dev.scenebrush.inference.io.TempFiles::cleanStale),
            "clean-stale-saves");
    t.setDaemon(true);
    t.start();
  }

  /** "name — SceneBrush", with a mark while the painting has unsaved changes. */
  public javafx.beans.property.ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  // ------------------------------------------------------------------ menus

  private void refreshRecent() {
    Menu recentMenu = menus.recentMenu();
    recentMenu.getItems().clear();
    for (Path p : recent.list()) {
      recentMenu.getItems().add(WindowMenus.item(p.getFileName().toString(), null, () -> open(p)));
    }
    recentMenu.setDisable(recentMenu.getItems().isEmpty());
  }

  /** Help → Keyboard Shortcuts: every tool key and command shortcut in one list. */
  public void showShortcuts() {
    dialogs.info("Keyboard shortcuts", Shortcuts.text(menus.bar()));
  }

  // ------------------------------------------------------------------ file commands

  /** Asks about unsaved changes; true when it is fine to replace or close the document. */
  public boolean confirmDiscard() {
    if (!document().dirtyProperty().get()) {
      return true;
    }
    String name =
        Optional.ofNullable(document().fileProperty().get())
            .map(p -> p.getFileName().toString())
            .orElse("the new painting");
    return switch (dialogs.askUnsaved(name)) {
      case SAVE -> save();
      case DISCARD -> true;
      case CANCEL -> false;
    };
  }

  public void newDocument() {
    if (!confirmDiscard()) {
      return;
    }
    dialogs.askNewSize().ifPresent(wh -> newDocument(wh[0], wh[1]));
  }

  public void newDocument(int width, int height) {
    Palette p = context.pack().palette();
    show(Document.blank(p, width, height, p.indexOf("sky").orElse(0)));
  }

  /** "Another segment" for the object selected in the Objects tab. */
  public void anotherSegmentForSelection() {
    int id = view.instances().selectedProperty().get();
    if (id == 0) {
      view.status().setMessage("Select an object in the Objects tab, or Alt+click a region");
      return;
    }
    var r = document().scene().boundsOf(id);
    short[] ids = document().scene().instanceMap().raw();
    int w = document().width();
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        if ((ids[y * w + x] & 0xFFFF) == id) {
          view.anotherSegmentAt(x + 0.5, y + 0.5);
          return;
        }
      }
    }
  }

  /** Opens the bundled sample scene as a new, unsaved painting. */
  public void openSample() {
    if (!confirmDiscard()) {
      return;
    }
    Palette palette = context.pack().palette();
    try {
      SampleScene sample = SampleScene.bundled(palette);
      show(new Document(sample.toScene(palette)));
      view.status().setMessage("Opened the sample scene '" + sample.name() + "'");
    } catch (LabelImageException | IllegalArgumentException e) {
      dialogs.error("Cannot open the sample scene", e.getMessage());
    }
  }

  /** Leaves the app after the unsaved-changes prompt. */
  public void quit() {
    if (confirmDiscard()) {
      Platform.exit();
    }
  }

  public void open() {
    if (!confirmDiscard()) {
      return;
    }
    dialogs
        .chooseOpen("Open painting", "SceneBrush projects", ProjectFile.EXTENSION)
        .ifPresent(this::openFile);
  }

  void open(Path p) {
    if (confirmDiscard()) {
      openFile(p);
    }
  }

  /** Opens a project; on any problem the current painting stays and the user is told why. */
  public boolean openFile(Path path) {
    return openProject(path, false);
  }

  /**
   * @param recovered a crashed window's recovery file: it keeps the path it was painted under (Save
   *     goes there), stays unsaved, and is not a recent file
   */
  private boolean openProject(Path path, boolean recovered) {
    try {
      Project project = ProjectFile.load(path, context.palettes());
      Palette packPalette = context.pack().palette();
      if (!project.scene().palette().id().equals(packPalette.id())) {
        return openRetargeted(path, project);
      }
      Document doc = new Document(project.scene());
      doc.applyStyleState(project.style());
      doc.markSaved(recovered ? originalPath(project) : path);
      if (recovered) {
        doc.markUnsaved();
      }
      project
          .lastRender()
          .ifPresent(
              px ->
                  doc.setLastRender(
                      new RenderedImage(
                          project.lastRenderWidth(), project.lastRenderHeight(), px, 0, "file")));
      show(doc);
      project.lastRender().ifPresent(px -> view.renderView().show(doc.lastRenderProperty().get()));
      Optional.ofNullable(project.view().get("mode"))
          .ifPresent(
              m -> {
                try {
                  view.viewModeProperty().set(ViewMode.valueOf(m));
                } catch (IllegalArgumentException ignored) {
                  // an unknown mode from a newer version: keep the default
                }
              });
      if (!recovered) {
        recent.add(path);
        refreshRecent();
      }
      dev.scenebrush.inference.style.StyleSpecs.mismatch(project.style(), context.pack().zDim())
          .ifPresent(m -> view.status().setMessage("Opened " + path.getFileName() + ": " + m));
      return true;
    } catch (ProjectException e) {
      dialogs.error("Cannot open " + path.getFileName(), e.getMessage());
      return false;
    } catch (RuntimeException e) {
      // A reader bug must not take the open painting with it.
      dialogs.error(
          "Cannot open " + path.getFileName(),
          "Unexpected problem reading it (" + e + "); the open painting is unchanged.");
      return false;
    }
  }

  /**
   * A project painted in another palette than the open pack's: offered re-targeted by class name as
   * a new, unsaved painting (the file itself stays as it is).
   */
  private boolean openRetargeted(Path path, Project project) {
    Palette from = project.scene().palette();
    Palette to = context.pack().palette();
    LabelRetarget.Result r = LabelRetarget.retarget(project.scene().labels(), from, to);
    boolean go =
        dialogs.confirm(
            "Re-target " + path.getFileName() + " to '" + to.id() + "'?",
            path.getFileName()
                + " is painted in palette '"
                + from.id()
                + "'; the open pack '"
                + context.pack().id()
                + "' uses '"
                + to.id()
                + "'. Open a copy with classes matched by name? "
                + r.summary()
                + ".");
    if (!go) {
      return false;
    }
    Document copy = new Document(new Scene(to, r.labels(), emptyIds(r.labels()), List.of()));
    copy.markUnsaved(); // no file holds the copy yet
    show(copy);
    view.requestRender();
    view.status().setMessage("Re-targeted " + path.getFileName() + ": " + r.summary());
    return true;
  }

  /** Version, the pack with its licence, the inference provider. */
  public void about() {
    var pack = context.pack();
    String licence =
        pack.license()
            .map(
                l ->
                    "Licence of its weights: "
                        + l.summary()
                        + "\n"
                        + l.note()
                        + "\nSource: "
                        + l.source()
                        + "\n"
                        + l.url())
            .orElse("Trained for SceneBrush (no separate licence).");
    dialogs.info(
        "SceneBrush " + dev.scenebrush.cli.SelfTestCommand.version(),
        "Model pack: "
            + pack.name()
            + " ("
            + pack.id()
            + ", palette '"
            + pack.palette().id()
            + "')\n"
            + licence
            + "\n\nInference: "
            + context.runtime().providerNote());
  }

  public boolean save() {
    Path f = document().fileProperty().get();
    return f == null ? saveAs() : saveTo(f);
  }

  public boolean saveAs() {
    return dialogs
        .chooseSave(
            "Save painting",
            "painting" + ProjectFile.EXTENSION,
            "SceneBrush projects",
            ProjectFile.EXTENSION)
        .map(
            p ->
                p.toString().endsWith(ProjectFile.EXTENSION)
                    ? p
                    : Path.of(p + ProjectFile.EXTENSION))
        .map(this::saveTo)
        .orElse(false);
  }

  public boolean saveTo(Path path) {
    try {
      ProjectFile.save(project(), path);
      document().markSaved(path);
      recent.add(path);
      refreshRecent();
      if (autosave != null) {
        autosave.discard();
      }
      view.status().setMessage("Saved " + path.getFileName());
      return true;
    } catch (ProjectException e) {
      dialogs.error("Cannot save " + path.getFileName(), e.getMessage());
      return false;
    }
  }

  private Project project() {
    Document d = document();
    RenderedImage r = d.lastRenderProperty().get();
    Map<String, String> viewSettings = new HashMap<>();
    viewSettings.put("mode", view.viewModeProperty().get().name());
    Optional.ofNullable(d.fileProperty().get())
        .ifPresent(f -> viewSettings.put(ORIGINAL_PATH, f.toAbsolutePath().toString()));
    return new Project(
        d.scene(),
        context.pack().id(),
        d.styleState(),
        viewSettings,
        r == null ? Optional.empty() : Optional.of(r.argb()),
        r == null ? 0 : r.width(),
        r == null ? 0 : r.height());
  }

  public void importLabels() {
    dialogs.chooseOpen("Import label map", "PNG label maps", ".png").ifPresent(this::importLabels);
  }

  /**
   * A colour PNG (snapping near-palette colours) or an 8-bit index PNG. A map of the painting's
   * size replaces its labels as one undo step; another size becomes a new painting of the image's
   * size (after the unsaved-changes prompt). The report says how many pixels were snapped or
   * unknown.
   */
  public Optional<LabelImport.Report> importLabels(Path path) {
    Palette palette = context.pack().palette();
    try {
      BufferedImage img = LabelImages.readImage(path);
      LabelImport.Report report;
      if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
        report =
            new LabelImport.Report(
                LabelImages.readLabels(path, palette), img.getWidth() * img.getHeight(), 0, 0);
      } else {
        report = LabelImport.importColors(img, palette, LabelImport.DEFAULT_TOLERANCE);
      }
      LabelMap labels = report.labels();
      if (labels.width() == document().width() && labels.height() == document().height()) {
        document().replaceLabels("Import " + path.getFileName(), labels);
        view.requestRender();
      } else if (confirmDiscard()) {
        Document doc = new Document(new Scene(palette, labels, emptyIds(labels), List.of()));
        doc.markUnsaved();
        show(doc);
      } else {
        return Optional.empty();
      }
      view.status().setMessage("Imported " + path.getFileName() + ": " + report.summary());
      return Optional.of(report);
    } catch (LabelImageException | IllegalArgumentException e) {
      dialogs.error("Cannot import " + path.getFileName(), e.getMessage());
      return Optional.empty();
    }
  }

  private static InstanceMap emptyIds(LabelMap labels) {
    return new InstanceMap(labels.width(), labels.height());
  }

  public void exportLabels(boolean colours) {
    dialogs
        .chooseSave("Export label map", colours ? "labels.png" : "labels-index.png", "PNG", ".png")
        .ifPresent(p -> exportLabels(p, colours));
  }

  public boolean exportLabels(Path path, boolean colours) {
    try {
      if (colours) {
        LabelImages.writeColor(document().scene().labels(), document().palette(), path);
      } else {
        LabelImages.writeIndex(document().scene().labels(), path);
      }
      view.status().setMessage("Exported " + path.getFileName());
      return true;
    } catch (IOException e) {
      dialogs.error("Cannot export " + path.getFileName(), e.getMessage());
      return false;
    }
  }

  /**
   * Asks for size and files, then exports in the background (progress and cancel in the bar).
   * Returns the job started, or empty when the user cancelled or the request was refused.
   */
  public Optional<ExportJob> exportImage() {
    if (currentExport != null && currentExport.isRunning()) {
      dialogs.info(
          "An export is running", "Wait for it to finish, or cancel it in the status bar.");
      return Optional.empty();
    }
    return dialogs
        .askExport(ExportSettings.suggest(document(), lastExport))
        .map(
            s -> {
              lastExport = s;
              return s;
            })
        .flatMap(this::startExport);
  }

  /** The settings of this window's last export: the next one starts from them. */
  private ExportSettings lastExport;

  private ExportJob currentExport;

  /** Exports a snapshot of the painting: edits made while it runs do not change the file. */
  public Optional<ExportJob> startExport(ExportSettings s) {
    Document d = document();
    HighResExport.Request request =
        new HighResExport.Request(
            d.scene().labelsSnapshot(),
            d.scene().instancesSnapshot(),
            List.copyOf(d.scene().instances()),
            d.styleSpec(context.pack().zDim()),
            s.width(),
            s.height(),
            ExportJob.TILE,
            s.image(),
            s.labelsPath(),
            s.instancesPath(),
            s.layersPath());
    ExportJob job;
    try {
      job = new ExportJob(context.pack(), request);
    } catch (IllegalArgumentException e) {
      dialogs.error("Cannot export " + s.image().getFileName(), e.getMessage());
      return Optional.empty();
    }
    // The retrieval generator normalises over the whole picture, so it cannot be tiled: exports
    // render with the base generator, and the message says so rather than surprise.
    String generator =
        view.retrievalModeProperty().get()
            ? " with the base generator (retrieval-guided rendering is for the preview)"
            : "";
    job.setOnSucceeded(
        e ->
            view.status()
                .setMessage(
                    String.format(
                        "Exported %s (%d×%d) in %.1f s%s",
                        s.image().getFileName(),
                        s.width(),
                        s.height(),
                        job.getValue().millis() / 1000.0,
                        generator)));
    job.setOnCancelled(e -> view.status().setMessage("Export cancelled; nothing was written"));
    job.setOnFailed(
        e ->
            dialogs.error(
                "Cannot export " + s.image().getFileName(),
                String.valueOf(job.getException().getMessage())));
    view.status().track(job);
    currentExport = job.start();
    return Optional.of(job);
  }

  // ------------------------------------------------------------------ recovery

  /** project.json view key: the file a painting was painted under (read back from recovery). */
  static final String ORIGINAL_PATH = "file";

  private static Path originalPath(Project p) {
    String f = p.view().get(ORIGINAL_PATH);
    try {
      return f == null ? null : Path.of(f);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  /**
   * Writes unsaved work to the recovery file in the background when it changed since the last time;
   * the future completes when the file is written.
   */
  public java.util.concurrent.CompletableFuture<Void> autosaveNow() {
    if (autosave == null) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    return autosave.saveIfChanged(
        document(),
        this::snapshot,
        m -> Platform.runLater(() -> view.status().setMessage("Autosave failed: " + m)));
  }

  /** The project with copies of the maps: the painting may change while it is written. */
  private Project snapshot() {
    Project live = project();
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
   * At start: paintings left by crashed windows, newest first. The first one the user restores
   * opens here; each declined one is kept in the "recovered" folder for a week.
   */
  public void offerRecovery() {
    if (autosave == null) {
      return;
    }
    List<dev.scenebrush.inference.project.RecoveryStore.Claim> claims = autosave.claimOrphans();
    boolean restored = false;
    for (var claim : claims) {
      if (restored) {
        claim.release();
      } else if (dialogs.askRestore(claim.file())) {
        restored = openProject(claim.file(), true);
        if (restored) {
          claim.restored();
          autosaveNow();
        } else {
          claim.release();
        }
      } else {
        try {
          Path kept = claim.declined();
          view.status().setMessage("The unrestored painting is kept for a week in " + kept);
        } catch (IOException e) {
          claim.release();
        }
      }
    }
  }

  /** Clean shutdown: stop autosaving and drop this window's recovery file. */
  public void shutdown() {
    autosaveTimer.stop();
    if (currentExport != null) {
      currentExport.cancel();
    }
    view.style().dispose();
    if (autosave != null) {
      autosave.close();
    }
  }
}
