package dev.scenebrush.app.dialogs;

import dev.scenebrush.app.export.ImageExports;
import java.nio.file.Path;
import java.util.Optional;

/** The questions the window asks the user; tests answer them without real dialogs. */
public interface Dialogs extends ImageExports.Prompts {
  enum Unsaved {
    SAVE,
    DISCARD,
    CANCEL
  }

  Optional<Path> chooseOpen(String title, String description, String... extensions);

  Optional<Path> chooseSave(
      String title, String suggestedName, String description, String... extensions);

  Unsaved askUnsaved(String documentName);

  /**
   * Whether to restore the newest painting a crashed window left ({@code others}: how many older
   * ones there are besides it; they are kept either way).
   */
  boolean askRestore(Path newest, int others);

  /** Width and height for a new canvas. */
  Optional<int[]> askNewSize();

  /** A yes/no question; true for yes. */
  boolean confirm(String header, String message);
}
