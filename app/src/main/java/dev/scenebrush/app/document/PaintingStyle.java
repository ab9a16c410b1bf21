package dev.scenebrush.app.document;

import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.Edit;
import dev.scenebrush.inference.document.History;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The styles of a painting (seed or explicit global z, kept styles, painted style regions) and
 * their edits. Every change is an {@link Edit} on the painting's one history, next to its label
 * strokes, so undo takes back whatever came last.
 */
final class PaintingStyle {
  private final History history;
  private final Runnable changed;
  private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed", 0);
  private final ReadOnlyObjectWrapper<float[]> globalZ =
      new ReadOnlyObjectWrapper<>(this, "globalZ");
  private final ObservableList<StyleState.NamedStyle> gallery = FXCollections.observableArrayList();
  private final StyleRegions regions;

  PaintingStyle(int width, int height, History history, Runnable changed) {
    this.history = history;
    this.changed = changed;
    this.regions = new StyleRegions(width, height, history, changed);
  }

  ReadOnlyLongProperty seedProperty() {
    return seed.getReadOnlyProperty();
  }

  ReadOnlyObjectProperty<float[]> globalZProperty() {
    return globalZ.getReadOnlyProperty();
  }

  ObservableList<StyleState.NamedStyle> gallery() {
    return gallery;
  }

  byte[] regions() {
    return regions.regions();
  }

  void onRegionsChange(Consumer<DirtyRect> l) {
    regions.onChange(l);
  }

  float[] globalStyle(int zDim) {
    float[] z = globalZ.get();
    return z != null && z.length == zDim ? z : StyleSeed.gaussian(seed.get(), zDim);
  }

  StyleState state() {
    return new StyleState(
        seed.get(),
        globalZ.get(),
        List.copyOf(gallery),
        regions.styles(),
        regions.regions() == null ? null : regions.regions().clone());
  }

  /** Loads a saved state (a project opened): not an edit. */
  void apply(StyleState s) {
    seed.set(s.seed());
    globalZ.set(s.globalZ());
    gallery.setAll(s.gallery());
    regions.apply(s.regionStyles(), s.regions());
    changed.run();
  }

  // ---- global style: seed or explicit z

  /** Sets the global look; {@code name} is the step's name ("Seed", "Mix styles"). */
  void setGlobal(String name, long newSeed, float[] newZ) {
    float[] z = newZ == null ? null : newZ.clone();
    if (seed.get() == newSeed && Arrays.equals(globalZ.get(), z)) {
      return;
    }
    Global edit = new Global(name, seed.get(), globalZ.get(), newSeed, z);
    edit.redo();
    history.push(edit);
  }

  long seed() {
    return seed.get();
  }

  float[] explicitZ() {
    return globalZ.get();
  }

  /** Keeps a style in the gallery; with {@code use}, it also becomes the global style. */
  void keep(String name, float[] z, boolean use) {
    Keep edit =
        new Keep(
            new StyleState.NamedStyle(name, z.clone()),
            gallery.size(),
            use ? new Global("", seed.get(), globalZ.get(), seed.get(), z.clone()) : null);
    edit.redo();
    history.push(edit);
  }

  // ---- regional styles

  /** Paints a regional style along a segment, as part of the stroke begun with z. */
  DirtyRect paint(double ax, double ay, double bx, double by, int diameter, float[] z) {
    return regions.paint(ax, ay, bx, by, diameter, z);
  }

  /** Ends the style stroke in progress: one step in the history. */
  void endStroke() {
    regions.endStroke();
  }

  void clearRegions() {
    regions.clear();
  }

  private final class Global implements Edit {
    private final String name;
    private final long seedBefore;
    private final float[] zBefore;
    private long seedAfter;
    private float[] zAfter;

    Global(String name, long seedBefore, float[] zBefore, long seedAfter, float[] zAfter) {
      this.name = name;
      this.seedBefore = seedBefore;
      this.zBefore = zBefore;
      this.seedAfter = seedAfter;
      this.zAfter = zAfter;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void undo() {
      seed.set(seedBefore);
      globalZ.set(zBefore);
      changed.run();
    }

    @Override
    public void redo() {
      seed.set(seedAfter);
      globalZ.set(zAfter);
      changed.run();
    }

    @Override
    public long bytes() {
      return 64
          + 4L * ((zBefore == null ? 0 : zBefore.length) + (zAfter == null ? 0 : zAfter.length));
    }

    /** A slider drag or a run of seed changes of the same kind is one step. */
    @Override
    public boolean absorb(Edit next) {
      if (next instanceof Global g && g.name.equals(name)) {
        seedAfter = g.seedAfter;
        zAfter = g.zAfter;
        return true;
      }
      return false;
    }
  }

  private final class Keep implements Edit {
    private final StyleState.NamedStyle style;
    private final int index;
    private final Global use;

    Keep(StyleState.NamedStyle style, int index, Global use) {
      this.style = style;
      this.index = index;
      this.use = use;
    }

    @Override
    public String name() {
      return use != null ? "Style from " + style.name() : "Keep style";
    }

    @Override
    public void undo() {
      gallery.remove(index);
      if (use != null) {
        use.undo();
      } else {
        changed.run();
      }
    }

    @Override
    public void redo() {
      gallery.add(index, style);
      if (use != null) {
        use.redo();
      } else {
        changed.run();
      }
    }

    @Override
    public long bytes() {
      return 64 + 8L * style.z().length;
    }
  }
}
