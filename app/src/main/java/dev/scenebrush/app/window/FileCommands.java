package dev.scenebrush.app.window;

import dev.scenebrush.app.AppContext;
import dev.scenebrush.app.dialogs.Dialogs;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.LabelRetarget;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.io.LabelImport;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectException;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.sample.SampleScene;
import dev.scenebrush.inference.style.StyleSpecs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * New, open, save, import and label export for one window. Opening never loses the painting on
 * screen: any problem leaves it as it is and says why; replacing an unsaved painting asks first.
 */
public final class FileCommands {
  /** What the commands need of their window. */
  interface Host {
    MainView view();

    /** Shows a document in the window (a new view, menus rebound). */
    void show(Document doc);

    /** The painting was saved: its recovery file can go. */
    void saved();

    /** The recent files changed. */
    void recentChanged();
  }

  /** project.json view key: the file a painting was painted under (read back from recovery). */
  static final String ORIGINAL_PATH = "file";

  private final AppContext context;
  private final Dialogs dialogs;
  private final RecentFiles recent;
  private final Host host;

  FileCommands(AppContext context, Dialogs dialogs, RecentFiles recent, Host host) {
    this.context = context;
    this.dialogs = dialogs;
    this.recent = recent;
    this.host = host;
  }

  private Document document() {
    return host.view().document();
  }

  private void say(String message) {
    host.view().status().setMessage(message);
  }

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
    if (confirmDiscard()) {
      dialogs.askNewSize().ifPresent(wh -> newDocument(wh[0], wh[1]));
    }
  }

  public void newDocument(int width, int height) {
    Palette p = context.pack().palette();
    host.show(Document.blank(p, width, height, p.indexOf("sky").orElse(0)));
  }

  /** Opens the bundled sample scene as a new, unsaved painting. */
  public void openSample() {
    if (!confirmDiscard()) {
      return;
    }
    Palette palette = context.pack().palette();
    try {
      SampleScene sample = SampleScene.bundled(palette);
      host.show(new Document(sample.toScene(palette, context.pack()::newObjectMode)));
      say("Opened the sample scene '" + sample.name() + "'");
    } catch (LabelImageException | IllegalArgumentException e) {
      dialogs.error("Cannot open the sample scene", e.getMessage());
    }
  }

  public void open() {
    if (confirmDiscard()) {
      dialogs
          .chooseOpen("Open painting", "SceneBrush projects", ProjectFile.EXTENSION)
          .ifPresent(this::openFile);
    }
  }

  /** A recent file: after the unsaved-changes prompt. */
  void openRecent(Path p) {
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
  boolean openProject(Path path, boolean recovered) {
    try {
      Project project = ProjectFile.load(path, context.palettes());
      if (!project.scene().palette().id().equals(context.pack().palette().id())) {
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
      host.show(doc);
      MainView view = host.view();
      project.lastRender().ifPresent(px -> view.renderView().show(doc.lastRenderProperty().get()));
      Optional.ofNullable(project.view().get("mode"))
          .flatMap(ViewMode::named)
          .ifPresent(view.viewModeProperty()::set);
      if (!recovered) {
        recent.add(path);
        host.recentChanged();
      }
      StyleSpecs.mismatch(project.style(), context.pack().zDim())
          .ifPresent(m -> say("Opened " + path.getFileName() + ": " + m));
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
    String question =
        String.format(
            "%s is painted in palette '%s'; the open pack '%s' uses '%s'. Open a copy with classes"
                + " matched by name? %s.",
            path.getFileName(), from.id(), context.pack().id(), to.id(), r.summary());
    if (!dialogs.confirm("Re-target " + path.getFileName() + " to '" + to.id() + "'?", question)) {
      return false;
    }
    Document copy = new Document(new Scene(to, r.labels(), emptyIds(r.labels()), List.of()));
    copy.markUnsaved(); // no file holds the copy yet
    host.show(copy);
    say("Re-targeted " + path.getFileName() + ": " + r.summary());
    return true;
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
      host.recentChanged();
      host.saved();
      say("Saved " + path.getFileName());
      return true;
    } catch (ProjectException e) {
      dialogs.error("Cannot save " + path.getFileName(), e.getMessage());
      return false;
    }
  }

  /** The painting as a project: scene, style, view settings and the last picture. */
  Project project() {
    Document d = document();
    RenderedImage r = d.lastRenderProperty().get();
    Map<String, String> viewSettings = new HashMap<>();
    viewSettings.put("mode", host.view().viewModeProperty().get().name());
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

  static Path originalPath(Project p) {
    String f = p.view().get(ORIGINAL_PATH);
    try {
      return f == null ? null : Path.of(f);
    } catch (InvalidPathException e) {
      return null;
    }
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
      if (img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
        return importLabels(path.getFileName().toString(), img);
      }
      LabelMap labels = LabelImages.readLabels(path, palette);
      int pixels = img.getWidth() * img.getHeight();
      return replaceLabels(
          path.getFileName().toString(), new LabelImport.Report(labels, pixels, 0, 0));
    } catch (LabelImageException | IllegalArgumentException e) {
      dialogs.error("Cannot import " + path.getFileName(), e.getMessage());
      return Optional.empty();
    }
  }

  /** A colour label map already in memory (dropped or pasted), near colours snapped. */
  public Optional<LabelImport.Report> importLabels(String name, BufferedImage img) {
    try {
      Palette palette = context.pack().palette();
      return replaceLabels(
          name, LabelImport.importColors(img, palette, LabelImport.DEFAULT_TOLERANCE));
    } catch (IllegalArgumentException e) {
      dialogs.error("Cannot import " + name, e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<LabelImport.Report> replaceLabels(String name, LabelImport.Report report) {
    LabelMap labels = report.labels();
    if (labels.width() == document().width() && labels.height() == document().height()) {
      document().replaceLabels("Import " + name, labels);
      host.view().requestRender();
    } else if (confirmDiscard()) {
      Palette palette = context.pack().palette();
      Document doc = new Document(new Scene(palette, labels, emptyIds(labels), List.of()));
      doc.markUnsaved();
      host.show(doc);
    } else {
      return Optional.empty();
    }
    host.view()
        .status()
        .announce("Label map imported", "Imported " + name + ": " + report.summary());
    return Optional.of(report);
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
      say("Exported " + path.getFileName());
      return true;
    } catch (IOException e) {
      dialogs.error("Cannot export " + path.getFileName(), e.getMessage());
      return false;
    }
  }
}
