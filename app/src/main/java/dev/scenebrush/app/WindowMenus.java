package dev.scenebrush.app;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/**
 * The window's menus. Items that show or change the open painting's state (undo, redo, object
 * commands, view mode, retrieval, edges) are bound to the document view each time one is shown, so
 * their checkmarks and enabled state are right after New and Open, and their shortcuts work whether
 * or not a menu was ever opened.
 */
final class WindowMenus {
  private final MainWindow window;
  private final MenuItem undo;
  private final MenuItem redo;
  private final MenuItem redoY;
  private final MenuItem duplicate;
  private final MenuItem flip;
  private final MenuItem delete;
  private final ToggleGroup modes = new ToggleGroup();
  private final CheckMenuItem retrieval = new CheckMenuItem("Retrieval-Guided Rendering");
  private final CheckMenuItem edges = new CheckMenuItem("Show Object Edges");
  private final CheckMenuItem link = new CheckMenuItem("Picture Follows Canvas Zoom and Pan");
  private final Menu recentMenu = new Menu("Open Recent");
  private final MenuBar bar;
  private MainView view;
  private BooleanProperty boundRetrieval;
  private BooleanProperty boundLink;

  WindowMenus(MainWindow window, boolean retrievalAvailable) {
    this.window = window;
    undo = item("Undo", "Shortcut+Z", () -> view.undo());
    redo = item("Redo", "Shortcut+Shift+Z", () -> view.redo());
    redoY = item("Redo (alternative)", "Shortcut+Y", () -> view.redo());
    duplicate = item("Duplicate Object", "Shortcut+D", () -> view.duplicateSelectedObject());
    flip = item("Flip Object Horizontally", "Shift+H", () -> view.flipSelectedObject());
    delete = item("Delete Object (Delete)", null, () -> view.deleteSelectedObject());
    undo.setId("menu-undo");
    retrieval.setId("menu-retrieval");
    retrieval.setDisable(!retrievalAvailable);
    edges.setId("menu-edges");
    link.setId("menu-link-views");
    Menu file =
        new Menu(
            "File",
            null,
            item("New…", "Shortcut+N", window::newDocument),
            item("Open…", "Shortcut+O", window::open),
            recentMenu,
            item("Open Sample Scene", null, window::openSample),
            new SeparatorMenuItem(),
            item("Save", "Shortcut+S", window::save),
            item("Save As…", "Shortcut+Shift+S", window::saveAs),
            new SeparatorMenuItem(),
            item("Import Label Map…", "Shortcut+I", window::importLabels),
            item("Export Label Map (colours)…", null, () -> window.exportLabels(true)),
            item("Export Label Map (index)…", null, () -> window.exportLabels(false)),
            item("Export Image…", "Shortcut+E", window::exportImage),
            new SeparatorMenuItem(),
            item("Quit", "Shortcut+Q", window::quit));
    Menu edit =
        new Menu("Edit", null, undo, redo, redoY, new SeparatorMenuItem(), duplicate, flip, delete);
    Menu viewMenu = new Menu("View");
    for (ViewMode m : ViewMode.values()) {
      RadioMenuItem r = new RadioMenuItem(m.label());
      r.setToggleGroup(modes);
      r.setUserData(m);
      r.setId("menu-mode-" + m.name().toLowerCase(java.util.Locale.ROOT));
      r.setOnAction(e -> view.viewModeProperty().set(m));
      viewMenu.getItems().add(r);
    }
    MenuItem another =
        item(
            "Another Segment for Selected Object (Alt+click anywhere)",
            null,
            window::anotherSegmentForSelection);
    another.setDisable(!retrievalAvailable);
    edges.setOnAction(e -> view.instances().setShowEdges(edges.isSelected()));
    viewMenu
        .getItems()
        .addAll(
            new SeparatorMenuItem(),
            retrieval,
            another,
            new SeparatorMenuItem(),
            edges,
            link,
            item("Zoom to Fit (0)", null, () -> view.canvas().zoomToFit()),
            item("Zoom 100 % (1)", null, () -> view.canvas().zoomActual()));
    Menu help =
        new Menu(
            "Help",
            null,
            item("Keyboard Shortcuts", "F1", window::showShortcuts),
            item("About SceneBrush", null, window::about));
    bar = new MenuBar(file, edit, viewMenu, help);
    bar.setUseSystemMenuBar(true);
  }

  MenuBar bar() {
    return bar;
  }

  Menu recentMenu() {
    return recentMenu;
  }

  /** Binds every stateful item to a newly shown document view. */
  void bind(MainView newView) {
    if (boundRetrieval != null) {
      retrieval.selectedProperty().unbindBidirectional(boundRetrieval);
    }
    view = newView;
    Document doc = newView.document();
    undo.disableProperty().bind(doc.canUndoProperty().not());
    redo.disableProperty().bind(doc.canRedoProperty().not());
    redoY.disableProperty().bind(doc.canRedoProperty().not());
    undo.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> doc.scene().undoName().map(n -> "Undo " + n).orElse("Undo"),
                doc.revisionProperty()));
    redo.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> doc.scene().history().redoName().map(n -> "Redo " + n).orElse("Redo"),
                doc.revisionProperty()));
    var noSelection = newView.instances().selectedProperty().isEqualTo(0);
    for (MenuItem m : new MenuItem[] {duplicate, flip, delete}) {
      m.disableProperty().bind(noSelection);
    }
    if (boundLink != null) {
      link.selectedProperty().unbindBidirectional(boundLink);
    }
    boundLink = newView.linkViewsProperty();
    link.setSelected(boundLink.get());
    link.selectedProperty().bindBidirectional(boundLink);
    boundRetrieval = newView.retrievalModeProperty();
    retrieval.setSelected(boundRetrieval.get());
    retrieval.selectedProperty().bindBidirectional(boundRetrieval);
    edges.setSelected(newView.canvas().showsEdges());
    selectMode(newView.viewModeProperty().get());
    newView.viewModeProperty().addListener((o, a, b) -> selectMode(b));
  }

  private void selectMode(ViewMode m) {
    modes.getToggles().forEach(t -> t.setSelected(t.getUserData() == m));
  }

  static MenuItem item(String text, String accel, Runnable action) {
    MenuItem m = new MenuItem(text);
    if (accel != null) {
      m.setAccelerator(KeyCombination.keyCombination(accel));
    }
    m.setOnAction(e -> action.run());
    return m;
  }
}
