package dev.scenebrush.app;

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
import dev.scenebrush.inference.tensor.StyleSeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

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
  private final ReadOnlyObjectWrapper<float[]> globalZ =
      new ReadOnlyObjectWrapper<>(this, "globalZ");
  private final ObservableList<StyleState.NamedStyle> gallery = FXCollections.observableArrayList();
  private final List<float[]> regionStyles = new ArrayList<>();
  private byte[] regions;
  private final List<Consumer<DirtyRect>> regionListeners = new ArrayList<>();
  // Save point: the history position at the last save, and edits outside the label history.
  private Object savedPosition;
  private boolean unsavedOutsideHistory;

  public Document(Scene scene) {
    this.scene = scene;
    this.savedPosition = scene.historyPosition();
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

  // ---- styles

  /** The explicit global z (from a style image or a mix), or null when the seed decides. */
  public ReadOnlyObjectProperty<float[]> globalZProperty() {
    return globalZ.getReadOnlyProperty();
  }

  public ObservableList<StyleState.NamedStyle> gallery() {
    return gallery;
  }

  /** Regional style index per canvas pixel (0 = global), or null when none is painted. */
  public byte[] regions() {
    return regions;
  }

  public void onRegionsChange(Consumer<DirtyRect> l) {
    regionListeners.add(l);
  }

  /** The global z in use: the explicit one, else the seed's. */
  public float[] globalStyle(int zDim) {
    float[] z = globalZ.get();
    return z != null && z.length == zDim ? z : StyleSeed.gaussian(seed.get(), zDim);
  }

  /** Everything the renderer needs about style: global, regional and per-object z. */
  public StyleSpec styleSpec(int zDim) {
    return StyleSpecs.of(styleState(), scene.instances(), zDim);
  }

  /** Uses an explicit z as the global style (style image, mix, gallery pick). */
  public void setGlobalZ(float[] z) {
    globalZ.set(z == null ? null : z.clone());
    styleChanged();
  }

  public void keepStyle(String name, float[] z) {
    gallery.add(new StyleState.NamedStyle(name, z.clone()));
    styleChanged();
  }

  /** Paints a regional style (by its z) along a segment; returns the touched rectangle. */
  public DirtyRect paintStyle(double ax, double ay, double bx, double by, int diameter, float[] z) {
    int index = -1;
    for (int i = 0; i < regionStyles.size(); i++) {
      if (java.util.Arrays.equals(regionStyles.get(i), z)) {
        index = i;
      }
    }
    if (index < 0) {
      if (regionStyles.size() >= 254) {
        throw new IllegalStateException("at most 254 regional styles");
      }
      regionStyles.add(z.clone());
      index = regionStyles.size() - 1;
    }
    if (regions == null) {
      regions = new byte[width() * height()];
    }
    LabelMap view = new LabelMap(width(), height(), regions);
    DirtyRect d = Painter.line(view, ax, ay, bx, by, diameter, index + 1);
    for (Consumer<DirtyRect> l : regionListeners) {
      l.accept(d);
    }
    styleChanged();
    return d;
  }

  public void clearRegions() {
    regions = null;
    regionStyles.clear();
    for (Consumer<DirtyRect> l : regionListeners) {
      l.accept(new DirtyRect(0, 0, width(), height()));
    }
    styleChanged();
  }

  /** Gives one object a new look of its own (a fresh non-zero seed), as an undo step. */
  public void rerollInstance(int id, long newSeed) {
    scene.instance(id).ifPresent(i -> updateInstance(i.withSeed(newSeed == 0 ? 1 : newSeed)));
  }

  public StyleState styleState() {
    return new StyleState(
        seed.get(),
        globalZ.get(),
        List.copyOf(gallery),
        List.copyOf(regionStyles),
        regions == null ? null : regions.clone());
  }

  public void applyStyleState(StyleState s) {
    seed.set(s.seed());
    globalZ.set(s.globalZ());
    gallery.setAll(s.gallery());
    regionStyles.clear();
    regionStyles.addAll(s.regionStyles());
    regions = s.regions() == null ? null : s.regions().clone();
    revision.set(revision.get() + 1);
  }

  private void styleChanged() {
    unsavedOutsideHistory = true;
    dirty.set(true);
    revision.set(revision.get() + 1);
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

  /** A seed as the global style (drops any explicit z). */
  public void setSeed(long value) {
    if (seed.get() != value || globalZ.get() != null) {
      seed.set(value);
      globalZ.set(null);
      unsavedOutsideHistory = true;
      dirty.set(true);
      revision.set(revision.get() + 1);
    }
  }

  /** Work that no file holds yet (a painting restored after a crash). */
  public void markUnsaved() {
    unsavedOutsideHistory = true;
    dirty.set(true);
    revision.set(revision.get() + 1);
  }

  /** After a save or a load: the file on disk matches the document. */
  public void markSaved(Path path) {
    file.set(path);
    savedPosition = scene.historyPosition();
    unsavedOutsideHistory = false;
    dirty.set(false);
  }

  public void setLastRender(RenderedImage img) {
    lastRender.set(img);
  }

  private void changed() {
    revision.set(revision.get() + 1);
    // Undoing back to the save point is clean again.
    dirty.set(unsavedOutsideHistory || scene.historyPosition() != savedPosition);
    canUndo.set(scene.canUndo());
    canRedo.set(scene.canRedo());
  }
}
