package dev.scenebrush.app;

import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.palette.Palette;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The painting being edited. State changes only through the command methods below, each of which
 * reports the pixels it touched to the listeners and bumps {@link #revisionProperty()}.
 */
public final class Document {
  private final Palette palette;
  private final LabelMap labels;
  private final InstanceMap instances;
  private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
  private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed", 0);
  private final java.util.List<Consumer<DirtyRect>> changeListeners = new java.util.ArrayList<>();

  public Document(Palette palette, int width, int height) {
    this.palette = palette;
    this.labels = new LabelMap(width, height);
    this.instances = new InstanceMap(width, height);
  }

  public Palette palette() {
    return palette;
  }

  public int width() {
    return labels.width();
  }

  public int height() {
    return labels.height();
  }

  /** Read access for views; edits go through the commands. */
  public int labelAt(int x, int y) {
    return labels.get(x, y);
  }

  public LabelMap labelsSnapshot() {
    return labels.copy();
  }

  public InstanceMap instancesSnapshot() {
    return instances.copy();
  }

  public ReadOnlyLongProperty revisionProperty() {
    return revision.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty seedProperty() {
    return seed.getReadOnlyProperty();
  }

  public void onChange(Consumer<DirtyRect> listener) {
    changeListeners.add(listener);
  }

  // ---- commands

  public DirtyRect paintLine(double ax, double ay, double bx, double by, int diameter, int label) {
    return changed(Painter.line(labels, ax, ay, bx, by, diameter, label));
  }

  public DirtyRect fill(int x, int y, int label) {
    return changed(Painter.fill(labels, x, y, label));
  }

  public DirtyRect fillAll(int label) {
    labels.fill(label);
    return changed(new DirtyRect(0, 0, width(), height()));
  }

  public void setSeed(long value) {
    seed.set(value);
    revision.set(revision.get() + 1);
  }

  private DirtyRect changed(DirtyRect dirty) {
    if (!dirty.isEmpty()) {
      for (Consumer<DirtyRect> l : changeListeners) {
        l.accept(dirty);
      }
      revision.set(revision.get() + 1);
    }
    return dirty;
  }
}
