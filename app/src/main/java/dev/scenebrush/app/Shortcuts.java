package dev.scenebrush.app;

import dev.scenebrush.app.tools.Tool;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/** The keyboard shortcuts as text: tools, canvas keys and every menu accelerator. */
final class Shortcuts {
  private Shortcuts() {}

  /** Read from the tools and the menu bar itself, so the list cannot drift from the app. */
  static String text(MenuBar bar) {
    StringBuilder b = new StringBuilder("Tools\n");
    for (Tool t : Tool.values()) {
      b.append("  ").append(t.key().getName()).append("  ").append(t.label()).append('\n');
    }
    b.append("\nCanvas\n")
        .append("  [ / ]  smaller / larger brush\n")
        .append("  Space+drag, middle or right drag  pan\n")
        .append("  Wheel  zoom around the cursor;  0  fit;  1  100 %\n")
        .append("  Alt+click  pick the class (another segment in retrieval mode)\n")
        .append("  Enter / Esc  close / cancel a polygon\n")
        .append("  Delete  delete the selected object\n");
    for (Menu m : bar.getMenus()) {
      StringBuilder items = new StringBuilder();
      for (MenuItem i : m.getItems()) {
        if (i.getAccelerator() != null) {
          items
              .append("  ")
              .append(i.getAccelerator().getDisplayText())
              .append("  ")
              .append(i.getText())
              .append('\n');
        }
      }
      if (!items.isEmpty()) {
        b.append('\n').append(m.getText()).append('\n').append(items);
      }
    }
    return b.toString();
  }
}
