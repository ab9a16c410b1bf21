package dev.scenebrush.app.window;

import java.util.Locale;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * The window's menus, made from its {@link WindowActions}: each item shares its action's name,
 * shortcut and state. Only the view-mode radio items and the recent files are built here.
 */
final class WindowMenus {
  private final ToggleGroup modes = new ToggleGroup();
  private final Menu recentMenu = new Menu("Open Recent");
  private final MenuBar bar;
  private MainView view;

  WindowMenus(WindowActions a) {
    Menu file =
        new Menu(
            "File",
            null,
            a.newDocument.menuItem(),
            a.open.menuItem(),
            recentMenu,
            a.openSample.menuItem(),
            new SeparatorMenuItem(),
            a.save.menuItem(),
            a.saveAs.menuItem(),
            new SeparatorMenuItem(),
            a.importLabels.menuItem(),
            a.exportColours.menuItem(),
            a.exportIndex.menuItem(),
            a.exportImage.menuItem(),
            new SeparatorMenuItem(),
            a.quit.menuItem());
    Menu edit =
        new Menu(
            "Edit",
            null,
            a.undo.menuItem(),
            a.redo.menuItem(),
            a.redoAlternative.menuItem(),
            new SeparatorMenuItem(),
            a.paste.menuItem(),
            new SeparatorMenuItem(),
            a.duplicate.menuItem(),
            a.flip.menuItem(),
            a.delete.menuItem());
    Menu viewMenu = new Menu("View");
    for (ViewMode m : ViewMode.values()) {
      RadioMenuItem r = new RadioMenuItem(m.label());
      r.setToggleGroup(modes);
      r.setUserData(m);
      r.setId("menu-mode-" + m.name().toLowerCase(Locale.ROOT));
      r.setOnAction(e -> view.viewModeProperty().set(m));
      viewMenu.getItems().add(r);
    }
    viewMenu
        .getItems()
        .addAll(
            new SeparatorMenuItem(),
            a.retrieval.menuItem(),
            a.anotherSegment.menuItem(),
            new SeparatorMenuItem(),
            a.edges.menuItem(),
            a.linkViews.menuItem(),
            a.zoomFit.menuItem(),
            a.zoomActual.menuItem());
    Menu help = new Menu("Help", null, a.shortcuts.menuItem(), a.about.menuItem());
    bar = new MenuBar(file, edit, viewMenu, help);
    bar.setUseSystemMenuBar(true);
  }

  MenuBar bar() {
    return bar;
  }

  Menu recentMenu() {
    return recentMenu;
  }

  /** Follows a newly shown view's mode with the radio items (the actions bind the rest). */
  void bind(MainView newView) {
    view = newView;
    selectMode(newView.viewModeProperty().get());
    newView.viewModeProperty().addListener((o, a, b) -> selectMode(b));
  }

  private void selectMode(ViewMode m) {
    modes.getToggles().forEach(t -> t.setSelected(t.getUserData() == m));
  }

  /** A plain item (recent files). */
  static MenuItem item(String text, Runnable onAction) {
    MenuItem m = new MenuItem(text);
    m.setOnAction(e -> onAction.run());
    return m;
  }
}
