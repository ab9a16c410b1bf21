package dev.scenebrush.app.document;

import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.style.StyleSpecs;
import dev.scenebrush.inference.style.StyleState;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;

/**
 * The painting open in the window: a {@link Scene} plus what the UI observes about it (revision,
 * unsaved changes, undo state, file, seed, last render). Edits go through the commands below.
 */
public final class Document {
  private final Scene scene;
  private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
  private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
  private final ReadOnlyObjectWrapper<RenderedImage> lastRender =
      new ReadOnlyObjectWrapper<>(this, "lastRender");
  private final PaintingStyle style;
  // Work no file holds although the history is at its save point (a painting restored after a
  // crash, a re-targeted copy).
  private boolean unsavedOutsideHistory;

  public Document(Scene scene) {
    this.scene = scene;
    this.style = new PaintingStyle(scene.width(), scene.height(), scene.history(), this::bump);
    scene.history().markSaved();
    scene.history().onChange(this::historyChanged);
    scene.onInstances(this::bump);
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
    return style.seedProperty();
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

  // ---- styles (each change one step in the history)

  /** The explicit global z (from a style image or a mix), or null when the seed decides. */
  public ReadOnlyObjectProperty<float[]> globalZProperty() {
    return style.globalZProperty();
  }

  public ObservableList<StyleState.NamedStyle> gallery() {
    return style.gallery();
  }

  /** Regional style index per canvas pixel (0 = global), or null when none is painted. */
  public byte[] regions() {
    return style.regions();
  }

  public void onRegionsChange(Consumer<DirtyRect> l) {
    style.onRegionsChange(l);
  }

  /** The global z in use: the explicit one, else the seed's. */
  public float[] globalStyle(int zDim) {
    return style.globalStyle(zDim);
  }

  /** Everything the renderer needs about style: global, regional and per-object z. */
  public StyleSpec styleSpec(int zDim) {
    return StyleSpecs.of(styleState(), scene.instances(), zDim);
  }

  /** Uses an explicit z as the global style; {@code name} names the step ("Mix styles"). */
  public void setGlobalZ(String name, float[] z) {
    style.setGlobal(name, style.seed(), z);
  }

  /** A seed as the global style (drops any explicit z). */
  public void setSeed(long value) {
    style.setGlobal("Seed " + value, value, null);
  }

  /** Keeps a style in the gallery (and with {@code use}, makes it the global style). */
  public void keepStyle(String name, float[] z, boolean use) {
    style.keep(name, z, use);
  }

  /** Paints a regional style along a segment of the style stroke in progress. */
  public DirtyRect paintStyle(double ax, double ay, double bx, double by, int diameter, float[] z) {
    return style.paint(ax, ay, bx, by, diameter, z);
  }

  /** Ends the style stroke: one step in the history. */
  public void endStyleStroke() {
    style.endStroke();
  }

  public void clearRegions() {
    style.clearRegions();
  }

  /** Gives one object a new look of its own (a fresh non-zero seed), as an undo step. */
  public void rerollInstance(int id, long newSeed) {
    scene.instance(id).ifPresent(i -> updateInstance(i.withSeed(newSeed == 0 ? 1 : newSeed)));
  }

  public StyleState styleState() {
    return style.state();
  }

  /** A project's saved styles (not an edit). */
  public void applyStyleState(StyleState s) {
    style.apply(s);
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
  }

  public DirtyRect fill(int x, int y, int label) {
    return scene.fill(x, y, label);
  }

  public DirtyRect paintRegion(String name, Painter.Region region, int label) {
    return scene.paintRegion(name, region, label);
  }

  /** Replaces the labels with a map of the same size (an import), as one undo step. */
  public DirtyRect replaceLabels(String name, LabelMap labels) {
    return scene.replaceLabels(name, labels);
  }

  /** Moves an object; what it leaves takes the class around it. One undo step. */
  public DirtyRect moveInstance(int id, int dx, int dy) {
    return scene.moveInstance(id, dx, dy);
  }

  public DirtyRect flipInstance(int id) {
    return scene.flipInstance(id);
  }

  /** A copy of an object, offset; returns its id (0 when it would land off the canvas). */
  public int duplicateInstance(int id, int dx, int dy) {
    return scene.duplicateInstance(id, dx, dy);
  }

  public void deleteInstance(int id) {
    scene.deleteInstance(id);
  }

  public void updateInstance(Instance changed) {
    scene.updateInstance(changed);
  }

  public void undo() {
    scene.undo();
  }

  public void redo() {
    scene.redo();
  }

  /** Work that no file holds yet (a painting restored after a crash, a re-targeted copy). */
  public void markUnsaved() {
    unsavedOutsideHistory = true;
    historyChanged();
  }

  /** After a save or a load: the file on disk matches the document. */
  public void markSaved(Path path) {
    file.set(path);
    unsavedOutsideHistory = false;
    scene.history().markSaved();
  }

  public void setLastRender(RenderedImage img) {
    lastRender.set(img);
  }

  private void historyChanged() {
    // Undoing back to the save point is clean again.
    dirty.set(unsavedOutsideHistory || !scene.history().atSavePoint());
    canUndo.set(scene.canUndo());
    canRedo.set(scene.canRedo());
    bump();
  }

  private void bump() {
    revision.set(revision.get() + 1);
  }
}
