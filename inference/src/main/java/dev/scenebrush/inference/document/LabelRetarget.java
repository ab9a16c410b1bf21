package dev.scenebrush.inference.document;

import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a label map from one palette to another by class name: the same name, else a name one of
 * them lists among its aliases (landscape "sky" is COCO-Stuff's "sky-other"). Classes without a
 * match become unpainted (UNKNOWN), so the target generator fills them in; the report names them.
 */
public final class LabelRetarget {
  private LabelRetarget() {}

  /** How one source class maps: to a target class index, or nowhere (-1). */
  public record Mapping(String source, String target, int targetIndex, long pixels) {
    public boolean mapped() {
      return targetIndex >= 0;
    }
  }

  /** The re-targeted map and, per source class present in it, where it went. */
  public record Result(LabelMap labels, List<Mapping> mappings) {
    public List<Mapping> unmapped() {
      return mappings.stream().filter(m -> !m.mapped()).toList();
    }

    /** "12 classes map; 2 do not (flower 3.1 %, fog 0.4 %): painted as unknown". */
    public String summary() {
      long total = (long) labels.width() * labels.height();
      long mapped = mappings.stream().filter(Mapping::mapped).count();
      StringBuilder s = new StringBuilder(mapped + " of " + mappings.size() + " classes map");
      List<Mapping> missing = unmapped();
      if (!missing.isEmpty()) {
        s.append("; not in the target palette, left unpainted: ");
        for (int i = 0; i < missing.size(); i++) {
          Mapping m = missing.get(i);
          s.append(i == 0 ? "" : ", ")
              .append(m.source())
              .append(String.format(Locale.ROOT, " %.1f %%", 100.0 * m.pixels() / total));
        }
      }
      return s.toString();
    }
  }

  /** The target class for a source class, by name and aliases (either side's). */
  public static Optional<Integer> match(LabelClass source, Palette target) {
    Optional<Integer> same = target.indexOf(source.name());
    if (same.isPresent()) {
      return same;
    }
    for (String alias : source.aliases()) {
      Optional<Integer> viaAlias = target.indexOf(alias);
      if (viaAlias.isPresent()) {
        return viaAlias;
      }
    }
    for (int i = 0; i < target.size(); i++) {
      if (target.get(i).aliases().contains(source.name())) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  public static Result retarget(LabelMap map, Palette from, Palette to) {
    int[] lut = new int[256];
    Arrays.fill(lut, Palette.UNKNOWN);
    for (int i = 0; i < from.size(); i++) {
      lut[i] = match(from.get(i), to).orElse(Palette.UNKNOWN);
    }
    long[] counts = new long[256];
    byte[] src = map.raw();
    byte[] dst = new byte[src.length];
    for (int p = 0; p < src.length; p++) {
      int c = src[p] & 0xFF;
      counts[c]++;
      dst[p] = (byte) lut[c];
    }
    Map<String, Mapping> seen = new LinkedHashMap<>();
    for (int i = 0; i < from.size(); i++) {
      if (counts[i] > 0) {
        int t = lut[i] == Palette.UNKNOWN ? -1 : lut[i];
        String name = t < 0 ? null : to.get(t).name();
        seen.put(from.get(i).name(), new Mapping(from.get(i).name(), name, t, counts[i]));
      }
    }
    return new Result(new LabelMap(map.width(), map.height(), dst), new ArrayList<>(seen.values()));
  }
}
