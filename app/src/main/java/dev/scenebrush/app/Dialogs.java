package dev.scenebrush.app;

import java.nio.file.Path;
import java.util.Optional;

/** The questions the window asks the user; tests answer them without real dialogs. */
public interface Dialogs {
  enum Unsaved {
    SAVE,
    DISCARD,
    CANCEL
  }

  Optional<Path> chooseOpen(String title, String description, String... extensions);

  Optional<Path> chooseSave(
      String title, String suggestedName, String description, String... extensions);

  Unsaved askUnsaved(String documentName);

  boolean askRestore(Path recovery);

  /** Width and height for a new canvas. */
  Optional<int[]> askNewSize();

  void error(String header, String message);

  void info(String header, String message);

  /** Export size, file and extra outputs, starting from a suggestion (its proportions kept). */
  Optional<ExportSettings> askExport(ExportSettings suggested);

  /** A yes/no question; true for yes. */
  boolean confirm(String header, String message);
}
