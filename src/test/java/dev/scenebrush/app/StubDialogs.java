package dev.scenebrush.app;

import dev.scenebrush.app.dialogs.Dialogs;
import dev.scenebrush.app.export.ExportSettings;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Scripted answers for the window's questions, and a record of errors shown. */
final class StubDialogs implements Dialogs {
  final Deque<Path> files = new ArrayDeque<>();
  Unsaved unsavedAnswer = Unsaved.CANCEL;
  int unsavedAsked;
  boolean restore = true;

  /** The {@code others} of each restore question asked. */
  final java.util.List<Integer> restoreAsked = new java.util.ArrayList<>();

  int[] newSize = {128, 96};
  final List<String> errors = new ArrayList<>();

  @Override
  public Optional<Path> chooseOpen(String title, String description, String... extensions) {
    return Optional.ofNullable(files.poll());
  }

  @Override
  public Optional<Path> chooseSave(
      String title, String suggested, String description, String... extensions) {
    return Optional.ofNullable(files.poll());
  }

  @Override
  public Unsaved askUnsaved(String documentName) {
    unsavedAsked++;
    return unsavedAnswer;
  }

  @Override
  public boolean askRestore(Path newest, int others) {
    restoreAsked.add(others);
    return restore;
  }

  @Override
  public Optional<int[]> askNewSize() {
    return Optional.ofNullable(newSize);
  }

  @Override
  public void error(String header, String message) {
    errors.add(header + ": " + message);
  }

  ExportSettings exportAnswer;

  @Override
  public Optional<ExportSettings> askExport(ExportSettings suggested) {
    exportSuggestions.add(suggested);
    return Optional.ofNullable(exportAnswer);
  }

  final List<ExportSettings> exportSuggestions = new ArrayList<>();
  boolean confirmAnswer = true;
  final List<String> confirmations = new ArrayList<>();
  final List<String> infos = new ArrayList<>();

  @Override
  public void info(String header, String message) {
    infos.add(header + ": " + message);
  }

  @Override
  public boolean confirm(String header, String message) {
    confirmations.add(header + ": " + message);
    return confirmAnswer;
  }
}
