package dev.scenebrush.app.window;

import dev.scenebrush.app.actions.Action;
import dev.scenebrush.app.tools.Tool;
import java.util.List;

/** The keyboard shortcuts as text: tools, canvas keys and every command's accelerator. */
final class Shortcuts {
  private Shortcuts() {}

  /** Read from the tools and the window's actions, so the list cannot drift from the app. */
  static String text(List<Action> actions) {
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
        .append("  Delete  delete the selected object\n")
        .append("\nCommands\n");
    for (Action a : actions) {
      if (a.accelerator() != null) {
        b.append("  ")
            .append(a.accelerator().getDisplayText())
            .append("  ")
            .append(a.textProperty().get())
            .append('\n');
      }
    }
    return b.toString();
  }
}
