package dev.scenebrush.app.window;

import dev.scenebrush.inference.project.ProjectFile;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

/**
 * Files dropped on the window and images pasted into it. A project opens (after the unsaved
 * prompt); on the Style tab an image becomes a style through the pack's encoder; elsewhere a PNG or
 * a pasted picture is imported as a label map, near colours snapped, with the report.
 */
final class DropAndPaste {
  private static final List<String> IMAGES = List.of(".png", ".jpg", ".jpeg", ".bmp");

  private final FileCommands files;
  private final Supplier<MainView> view;

  DropAndPaste(FileCommands files, Supplier<MainView> view) {
    this.files = files;
    this.view = view;
  }

  /** Accepts dropped files anywhere on {@code target}. */
  void install(Node target) {
    target.addEventHandler(
        DragEvent.DRAG_OVER,
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            e.consume();
          }
        });
    target.addEventHandler(
        DragEvent.DRAG_DROPPED,
        e -> {
          boolean done = e.getDragboard().hasFiles() && dropped(e.getDragboard().getFiles());
          e.setDropCompleted(done);
          e.consume();
        });
  }

  /** What a drop of these files does; true when one was taken. Only the first file counts. */
  boolean dropped(List<File> dropped) {
    if (dropped.isEmpty()) {
      return false;
    }
    Path p = dropped.get(0).toPath();
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(ProjectFile.EXTENSION)) {
      files.openRecent(p);
      return true;
    }
    if (IMAGES.stream().noneMatch(name::endsWith)) {
      say(p.getFileName() + ": drop a painting (.sbrush), a label map (.png) or a style image");
      return false;
    }
    if (view.get().styleTabShown()) {
      return view.get().style().useStyleImage(p);
    }
    if (!name.endsWith(".png")) {
      say(p.getFileName() + ": label maps are PNG; drop it on the Style tab to use its look");
      return false;
    }
    return files.importLabels(p).isPresent();
  }

  /** Ctrl+V: files on the clipboard as if dropped, else the picture on it. */
  void paste() {
    Clipboard clipboard = Clipboard.getSystemClipboard();
    if (clipboard.hasFiles()) {
      dropped(clipboard.getFiles());
      return;
    }
    Image image = clipboard.getImage();
    if (image == null) {
      say("Nothing to paste: copy a picture or an image file first");
      return;
    }
    pasted(SwingFXUtils.fromFXImage(image, null));
  }

  /** A pasted picture: a style on the Style tab, else a label map. */
  boolean pasted(BufferedImage image) {
    if (view.get().styleTabShown()) {
      return view.get().style().useStyleImage("Pasted image", image);
    }
    return files.importLabels("the pasted image", image).isPresent();
  }

  private void say(String text) {
    view.get().status().setMessage(text);
  }
}
