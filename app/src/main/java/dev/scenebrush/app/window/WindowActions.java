package dev.scenebrush.app.window;

import dev.scenebrush.app.actions.Action;
import dev.scenebrush.app.document.Document;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;

/**
 * Every command of the window as an {@link Action}. Commands on the open painting act on the view
 * shown now; {@link #bind} ties their enabled, selected and name state to each newly shown view, so
 * menus, buttons and shortcuts are right after New and Open without a menu ever being opened.
 */
final class WindowActions {
  final Action newDocument;
  final Action open;
  final Action openSample;
  final Action save;
  final Action saveAs;
  final Action importLabels;
  final Action exportColours;
  final Action exportIndex;
  final Action exportImage;
  final Action quit;
  final Action undo;
  final Action redo;
  final Action redoAlternative;
  final Action paste;
  final Action duplicate;
  final Action flip;
  final Action delete;
  final Action retrieval = Action.toggle("retrieval", "Retrieval-Guided Rendering");
  final Action anotherSegment;
  final Action edges = Action.toggle("edges", "Show Object Edges");
  final Action linkViews = Action.toggle("link-views", "Picture Follows Canvas Zoom and Pan");
  final Action zoomFit;
  final Action zoomActual;
  final Action shortcuts;
  final Action about;

  WindowActions(MainWindow window, FileCommands files, Supplier<MainView> view, boolean retrieval) {
    newDocument = Action.command("new", "New…", "Shortcut+N", files::newDocument);
    open = Action.command("open", "Open…", "Shortcut+O", files::open);
    openSample = Action.command("open-sample", "Open Sample Scene", null, files::openSample);
    save = Action.command("save", "Save", "Shortcut+S", files::save);
    saveAs = Action.command("save-as", "Save As…", "Shortcut+Shift+S", files::saveAs);
    importLabels =
        Action.command("import-labels", "Import Label Map…", "Shortcut+I", files::importLabels);
    exportColours =
        Action.command(
            "export-colours", "Export Label Map (colours)…", null, () -> files.exportLabels(true));
    exportIndex =
        Action.command(
            "export-index", "Export Label Map (index)…", null, () -> files.exportLabels(false));
    exportImage =
        Action.command("export-image", "Export Image…", "Shortcut+E", window::exportImage);
    quit = Action.command("quit", "Quit", "Shortcut+Q", window::quit);
    undo = Action.command("undo", "Undo", "Shortcut+Z", () -> view.get().undo());
    redo = Action.command("redo", "Redo", "Shortcut+Shift+Z", () -> view.get().redo());
    redoAlternative =
        Action.command("redo-y", "Redo (alternative)", "Shortcut+Y", () -> view.get().redo());
    paste =
        Action.command(
            "paste",
            "Paste Image (style on the Style tab, else labels)",
            "Shortcut+V",
            window::paste);
    duplicate =
        Action.command(
            "duplicate", "Duplicate Object", "Shortcut+D", () -> view.get().objects().duplicate());
    flip =
        Action.command(
            "flip", "Flip Object Horizontally", "Shift+H", () -> view.get().objects().flip());
    delete =
        Action.command(
            "delete", "Delete Object (Delete)", null, () -> view.get().objects().delete());
    anotherSegment =
        Action.command(
            "another-segment",
            "Another Segment for Selected Object (Alt+click anywhere)",
            null,
            () -> view.get().objects().anotherSegment());
    this.retrieval.disabledProperty().set(!retrieval);
    anotherSegment.disabledProperty().set(!retrieval);
    zoomFit =
        Action.command("zoom-fit", "Zoom to Fit (0)", null, () -> view.get().canvas().zoomToFit());
    zoomActual =
        Action.command(
            "zoom-actual", "Zoom 100 % (1)", null, () -> view.get().canvas().zoomActual());
    shortcuts = Action.command("shortcuts", "Keyboard Shortcuts", "F1", window::showShortcuts);
    about = Action.command("about", "About SceneBrush", null, window::about);
  }

  /** Every action, for the shortcut list and tests. */
  List<Action> all() {
    return List.of(
        newDocument,
        open,
        openSample,
        save,
        saveAs,
        importLabels,
        exportColours,
        exportIndex,
        exportImage,
        quit,
        undo,
        redo,
        redoAlternative,
        paste,
        duplicate,
        flip,
        delete,
        retrieval,
        anotherSegment,
        edges,
        linkViews,
        zoomFit,
        zoomActual,
        shortcuts,
        about);
  }

  /** Ties the painting's commands to a newly shown view. */
  void bind(MainView view) {
    Document doc = view.document();
    undo.disableWhen(doc.canUndoProperty().not());
    redo.disableWhen(doc.canRedoProperty().not());
    redoAlternative.disableWhen(doc.canRedoProperty().not());
    undo.nameFrom(
        Bindings.createStringBinding(
            () -> doc.scene().undoName().map(n -> "Undo " + n).orElse("Undo"),
            doc.revisionProperty()));
    redo.nameFrom(
        Bindings.createStringBinding(
            () -> doc.scene().history().redoName().map(n -> "Redo " + n).orElse("Redo"),
            doc.revisionProperty()));
    var noSelection = view.instances().selectedProperty().isEqualTo(0);
    for (Action a : List.of(duplicate, flip, delete)) {
      a.disableWhen(noSelection);
    }
    retrieval.bindSelected(view.retrievalModeProperty());
    linkViews.bindSelected(view.linkViewsProperty());
    edges.bindSelected(view.instances().showEdgesProperty());
  }
}
