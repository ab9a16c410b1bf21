package dev.scenebrush.app.dialogs;

import dev.scenebrush.app.export.ExportSettings;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs: file choosers and alerts owned by the main window. */
public final class FxDialogs implements Dialogs {
  private final Window owner;
  private File lastDir;

  public FxDialogs(Window owner) {
    this.owner = owner;
  }

  private FileChooser chooser(String title, String description, String... extensions) {
    FileChooser fc = new FileChooser();
    fc.setTitle(title);
    fc.getExtensionFilters()
        .add(
            new FileChooser.ExtensionFilter(
                description, Arrays.stream(extensions).map(e -> "*" + e).toList()));
    if (lastDir != null && lastDir.isDirectory()) {
      fc.setInitialDirectory(lastDir);
    }
    return fc;
  }

  @Override
  public Optional<Path> chooseOpen(String title, String description, String... extensions) {
    File f = chooser(title, description, extensions).showOpenDialog(owner);
    if (f != null) {
      lastDir = f.getParentFile();
    }
    return Optional.ofNullable(f).map(File::toPath);
  }

  @Override
  public Optional<Path> chooseSave(
      String title, String suggestedName, String description, String... extensions) {
    FileChooser fc = chooser(title, description, extensions);
    fc.setInitialFileName(suggestedName);
    File f = fc.showSaveDialog(owner);
    if (f != null) {
      lastDir = f.getParentFile();
    }
    return Optional.ofNullable(f).map(File::toPath);
  }

  @Override
  public Unsaved askUnsaved(String documentName) {
    ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
    ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
    Alert a =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "Your changes will be lost if you don't save them.",
            save,
            discard,
            ButtonType.CANCEL);
    a.initOwner(owner);
    a.setHeaderText("Save changes to " + documentName + "?");
    Optional<ButtonType> r = a.showAndWait();
    if (r.isEmpty() || r.get() == ButtonType.CANCEL) {
      return Unsaved.CANCEL;
    }
    return r.get() == save ? Unsaved.SAVE : Unsaved.DISCARD;
  }

  @Override
  public boolean askRestore(Path newest, int others) {
    String text =
        others == 0
            ? "SceneBrush did not close normally last time. Restore the unsaved painting?"
            : "SceneBrush did not close normally last time, and "
                + (others + 1)
                + " paintings were not saved. Restore the newest? The "
                + (others == 1 ? "other is" : others + " others are")
                + " kept for a week in the recovered folder.";
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.YES, ButtonType.NO);
    a.initOwner(owner);
    a.setHeaderText("Restore unsaved work");
    return a.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
  }

  @Override
  public Optional<int[]> askNewSize() {
    return new NewDocumentDialog(owner).showAndWait();
  }

  @Override
  public Optional<ExportSettings> askExport(ExportSettings suggested) {
    return ExportDialog.ask(owner, suggested);
  }

  @Override
  public boolean confirm(String header, String message) {
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.YES, ButtonType.NO);
    a.initOwner(owner);
    a.setHeaderText(header);
    return a.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
  }

  @Override
  public void error(String header, String message) {
    Alert a = new Alert(Alert.AlertType.ERROR, message);
    a.initOwner(owner);
    a.setHeaderText(header);
    a.showAndWait();
  }

  @Override
  public void info(String header, String message) {
    Alert a = new Alert(Alert.AlertType.INFORMATION, message);
    a.initOwner(owner);
    a.setHeaderText(header);
    a.showAndWait();
  }
}
