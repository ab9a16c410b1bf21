package dev.scenebrush.app.document;

import dev.scenebrush.inference.document.ByteTiles;
import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.Edit;
import dev.scenebrush.inference.document.History;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.ArrayList;
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
  private static final int MAX_REGION_STYLES = 254;

  private final int width;
  private final int height;
  private final History history;
  private final Runnable changed;
  private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed", 0);
  private final ReadOnlyObjectWrapper<float[]> globalZ =
      new ReadOnlyObjectWrapper<>(this, "globalZ");
  private final ObservableList<StyleState.NamedStyle> gallery = FXCollections.observableArrayList();
  private final List<float[]> regionStyles = new ArrayList<>();
  private final List<Consumer<DirtyRect>> regionListeners = new ArrayList<>();
  private byte[] regions;
  private RegionStroke stroke;

  PaintingStyle(int width, int height, History history, Runnable changed) {
    this.width = width;
    this.height = height;
    this.history = history;
    this.changed = changed;
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
    return regions;
  }

  void onRegionsChange(Consumer<DirtyRect> l) {
    regionListeners.add(l);
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
        List.copyOf(regionStyles),
        regions == null ? null : regions.clone());
  }

  /** Loads a saved state (a project opened): not an edit. */
  void apply(StyleState s) {
    seed.set(s.seed());
    globalZ.set(s.globalZ());
    gallery.setAll(s.gallery());
    regionStyles.clear();
    regionStyles.addAll(s.regionStyles());
    regions = s.regions() == null ? null : s.regions().clone();
    fireRegions(new DirtyRect(0, 0, width, height));
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
    if (stroke == null) {
      stroke = new RegionStroke(z);
    }
    int index = stroke.index;
    if (regions == null) {
      regions = new byte[width * height];
    }
    LabelMap view = new LabelMap(width, height, regions);
    stroke.tiles.touch(regions, Painter.lineBounds(view, ax, ay, bx, by, diameter));
    DirtyRect d = Painter.line(view, ax, ay, bx, by, diameter, index + 1);
    stroke.bounds = stroke.bounds.union(d);
    fireRegions(d);
    changed.run();
    return d;
  }

  /** Ends the style stroke in progress: one step in the history. */
  void endStroke() {
    if (stroke == null) {
      return;
    }
    RegionStroke s = stroke;
    stroke = null;
    List<ByteTiles.Tile> tiles = s.tiles.finish();
    if (tiles.isEmpty() && s.stylesBefore.size() == regionStyles.size()) {
      return;
    }
    history.push(
        new RegionEdit(
            "Style brush", tiles, s.bounds, s.regionsWereNull, s.stylesBefore, copy(regionStyles)));
  }

  void clearRegions() {
    if (regions == null && regionStyles.isEmpty()) {
      return;
    }
    Clear edit = new Clear(regions, copy(regionStyles));
    edit.redo();
    history.push(edit);
  }

  private int indexOf(float[] z) {
    for (int i = 0; i < regionStyles.size(); i++) {
      if (Arrays.equals(regionStyles.get(i), z)) {
        return i;
      }
    }
    if (regionStyles.size() >= MAX_REGION_STYLES) {
      throw new IllegalStateException("at most " + MAX_REGION_STYLES + " regional styles");
    }
    regionStyles.add(z.clone());
    return regionStyles.size() - 1;
  }

  private void fireRegions(DirtyRect d) {
    for (Consumer<DirtyRect> l : regionListeners) {
      l.accept(d);
    }
  }

  private static List<float[]> copy(List<float[]> styles) {
    return List.copyOf(styles);
  }

  private void restoreStyles(List<float[]> styles) {
    regionStyles.clear();
    regionStyles.addAll(styles);
  }

  /** A style stroke in progress: its style index and the tiles it touched. */
  private final class RegionStroke {
    final List<float[]> stylesBefore = copy(regionStyles);
    final boolean regionsWereNull = regions == null;
    final ByteTiles tiles = new ByteTiles(width, height);
    final int index;
    DirtyRect bounds = DirtyRect.EMPTY;

    RegionStroke(float[] z) {
      index = indexOf(z);
    }
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

  private final class RegionEdit implements Edit {
    private final String name;
    private final List<ByteTiles.Tile> tiles;
    private final DirtyRect bounds;
    private final boolean regionsWereNull;
    private final List<float[]> stylesBefore;
    private final List<float[]> stylesAfter;

    RegionEdit(
        String name,
        List<ByteTiles.Tile> tiles,
        DirtyRect bounds,
        boolean regionsWereNull,
        List<float[]> stylesBefore,
        List<float[]> stylesAfter) {
      this.name = name;
      this.tiles = tiles;
      this.bounds = bounds;
      this.regionsWereNull = regionsWereNull;
      this.stylesBefore = stylesBefore;
      this.stylesAfter = stylesAfter;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void undo() {
      if (regionsWereNull) {
        regions = null;
      } else {
        ByteTiles.write(regions, width, tiles, true);
      }
      restoreStyles(stylesBefore);
      fireRegions(bounds);
      changed.run();
    }

    @Override
    public void redo() {
      if (regions == null) {
        regions = new byte[width * height];
      }
      ByteTiles.write(regions, width, tiles, false);
      restoreStyles(stylesAfter);
      fireRegions(bounds);
      changed.run();
    }

    @Override
    public long bytes() {
      return ByteTiles.bytes(tiles) + 64L * (stylesBefore.size() + stylesAfter.size());
    }
  }

  private final class Clear implements Edit {
    private final byte[] regionsBefore;
    private final List<float[]> stylesBefore;

    Clear(byte[] regionsBefore, List<float[]> stylesBefore) {
      this.regionsBefore = regionsBefore;
      this.stylesBefore = stylesBefore;
    }

    @Override
    public String name() {
      return "Clear style regions";
    }

    @Override
    public void undo() {
      regions = regionsBefore == null ? null : regionsBefore.clone();
      restoreStyles(stylesBefore);
      fireRegions(new DirtyRect(0, 0, width, height));
      changed.run();
    }

    @Override
    public void redo() {
      regions = null;
      regionStyles.clear();
      fireRegions(new DirtyRect(0, 0, width, height));
      changed.run();
    }

    @Override
    public long bytes() {
      return (regionsBefore == null ? 0 : regionsBefore.length) + 64L * stylesBefore.size();
    }
  }
}
