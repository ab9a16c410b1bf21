package dev.scenebrush.app;

import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.RenderedImage;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The painting open in the window: a {@link Scene} plus what the UI observes about it (revision,
 * unsaved changes, undo state, file, seed, last render). Edits go through the commands below.
 */
public final class Document {
  private final Scene scene;
  private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
  private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed", 0);
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
  private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
  private final ReadOnlyObjectWrapper<RenderedImage> lastRender =
      new ReadOnlyObjectWrapper<>(this, "lastRender");

  public Document(Scene scene) {
    this.scene = scene;
    scene.onInstances(this::changed);
  }

  /** A new canvas filled with one class (no undo step for the initial fill). */
  public static Document blank(Palette palette, int width, int height, int fillLabel) {
    Scene s = new Scene(palette, width, height);
    s.labels().fill(fillLabel);
    return new Document(s);
  }

  public Scene scene() {
    return scene;
  }

  public Palette palette() {
    return scene.palette();
  }

  public int width() {
    return scene.width();
  }

  public int height() {
    return scene.height();
  }

  public int labelAt(int x, int y) {
    return scene.labelAt(x, y);
  }

  public ReadOnlyLongProperty revisionProperty() {
    return revision.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty seedProperty() {
    return seed.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Path> fileProperty() {
    return file.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<RenderedImage> lastRenderProperty() {
    return lastRender.getReadOnlyProperty();
  }

  public void onChange(Consumer<DirtyRect> listener) {
    scene.onPixels(listener);
  }

  // ---- commands

  public void beginStroke(
      String name, double x, double y, int diameter, int label, Scene.InstancePolicy policy) {
    scene.beginStroke(name, x, y, diameter, label, policy);
  }

  public void strokeTo(double ax, double ay, double bx, double by) {
    scene.strokeTo(ax, ay, bx, by);
  }

  public void endStroke() {
    scene.endStroke();
    changed();
  }

  public DirtyRect fill(int x, int y, int label) {
    DirtyRect d = scene.fill(x, y, label);
    changed();
    return d;
  }

  public DirtyRect paintRegion(String name, Painter.Region region, int label) {
    DirtyRect d = scene.paintRegion(name, region, label);
    changed();
    return d;
  }

  public void deleteInstance(int id) {
    scene.deleteInstance(id);
    changed();
  }

  public void updateInstance(Instance changed) {
    scene.updateInstance(changed);
    changed();
  }

  public void undo() {
    scene.undo();
    changed();
  }

  public void redo() {
    scene.redo();
    changed();
  }

  public void setSeed(long value) {
    if (seed.get() != value) {
      seed.set(value);
      dirty.set(true);
      revision.set(revision.get() + 1);
    }
  }

  /** After a save or a load: the file on disk matches the document. */
  public void markSaved(Path path) {
    file.set(path);
    dirty.set(false);
  }

  public void setLastRender(RenderedImage img) {
    lastRender.set(img);
  }

  private void changed() {
    revision.set(revision.get() + 1);
    dirty.set(scene.canUndo() || dirty.get());
    canUndo.set(scene.canUndo());
    canRedo.set(scene.canRedo());
  }
}
