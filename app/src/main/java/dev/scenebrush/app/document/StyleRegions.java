package dev.scenebrush.app.document;

import dev.scenebrush.inference.document.ByteTiles;
import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.Edit;
import dev.scenebrush.inference.document.History;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The style regions of a painting: the styles painted with the style brush and, per pixel, which of
 * them applies (0 for the global style). Strokes and clears are {@link Edit}s on the painting's one
 * history; a stroke keeps only the tiles it touched.
 */
final class StyleRegions {
  private static final int MAX_REGION_STYLES = 254;

  private final int width;
  private final int height;
  private final History history;
  private final Runnable changed;
  private final List<float[]> regionStyles = new ArrayList<>();
  private final List<Consumer<DirtyRect>> regionListeners = new ArrayList<>();
  private byte[] regions;
  private RegionStroke stroke;

  StyleRegions(int width, int height, History history, Runnable changed) {
    this.width = width;
    this.height = height;
    this.history = history;
    this.changed = changed;
  }

  byte[] regions() {
    return regions;
  }

  List<float[]> styles() {
    return List.copyOf(regionStyles);
  }

  void onChange(Consumer<DirtyRect> l) {
    regionListeners.add(l);
  }

  /** Loads saved regions (a project opened): not an edit. */
  void apply(List<float[]> styles, byte[] saved) {
    restoreStyles(styles);
    regions = saved == null ? null : saved.clone();
    fireRegions(new DirtyRect(0, 0, width, height));
  }

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

  void clear() {
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
