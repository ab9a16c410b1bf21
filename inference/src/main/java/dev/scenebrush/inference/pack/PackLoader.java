package dev.scenebrush.inference.pack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.scenebrush.inference.ReadErrors;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteException;
import dev.scenebrush.inference.palette.PaletteLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads models/&lt;pack&gt;/pack.json (docs/design.md §5) and checks everything it names. */
public final class PackLoader {
  public static final String MANIFEST = "pack.json";
  private static final Gson GSON = new Gson();

  private final PaletteLoader palettes;

  public PackLoader(PaletteLoader palettes) {
    this.palettes = palettes;
  }

  /** Pack folders (those holding a pack.json) under a models directory, sorted by name. */
  public static List<Path> findPacks(Path modelsDir) {
    if (!Files.isDirectory(modelsDir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(modelsDir)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(MANIFEST))).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The largest base resolution a pack may declare: every preview renders at least this. */
  static final int MAX_BASE_SIDE = 2048;

  /** Bounds of a class generator's square working resolution. */
  static final int MIN_CLASS_SIDE = 8;

  static final int MAX_CLASS_SIDE = 1024;

  public ModelPack load(Path folder) {
    Path manifest = folder.resolve(MANIFEST);
    String where = "pack " + folder.getFileName();
    if (!Files.isRegularFile(manifest)) {
      throw new PackException(where + ": no " + MANIFEST + " in " + folder);
    }
    PackJson.Manifest json;
    try {
      String text = Files.readString(manifest, StandardCharsets.UTF_8);
      json = GSON.fromJson(text, PackJson.Manifest.class);
    } catch (IOException e) {
      throw new PackException(where + ": cannot read " + MANIFEST + ": " + e.getMessage(), e);
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
      // Gson reports some mismatches (null in a number array) as plain runtime exceptions.
      throw new PackException(
          where + ": " + MANIFEST + " is not valid JSON: " + ReadErrors.describe(e), e);
    }
    if (json == null) {
      throw new PackException(where + ": " + MANIFEST + " is empty");
    }
    require(json.id != null && !json.id.isBlank(), where + ": missing \"id\"");
    where = "pack '" + json.id + "'";
    require(json.palette != null, where + ": missing \"palette\"");
    Palette palette;
    try {
      palette = palettes.load(json.palette);
    } catch (PaletteException e) {
      throw new PackException(where + ": " + e.getMessage(), e);
    }
    int multiple = json.multipleOf == null ? 32 : json.multipleOf;
    require(
        multiple > 0 && multiple <= 1024, where + ": multipleOf must be 1..1024, got " + multiple);
    require(
        json.resolution != null && json.resolution.length == 2,
        where + ": \"resolution\" must be [width, height]");
    int w = json.resolution[0];
    int h = json.resolution[1];
    require(
        w > 0 && h > 0 && w % multiple == 0 && h % multiple == 0,
        where + ": resolution " + w + "x" + h + " must be positive multiples of " + multiple);
    require(
        w <= MAX_BASE_SIDE && h <= MAX_BASE_SIDE,
        where + ": resolution " + w + "x" + h + " is over " + MAX_BASE_SIDE + " on a side");
    require(json.zDim != null && json.zDim > 0, where + ": \"zDim\" must be a positive number");
    require(
        json.generator != null && json.generator.file != null,
        where + ": missing \"generator\": {\"file\": ...}");
    Path generator = resolveInside(folder, json.generator.file, where + " generator");
    Optional<Path> encoder =
        json.encoder == null || json.encoder.file == null
            ? Optional.empty()
            : Optional.of(resolveInside(folder, json.encoder.file, where + " encoder"));
    List<ModelPack.ClassGenerator> classGens = new ArrayList<>();
    if (json.classGenerators != null) {
      for (PackJson.ClassGenJson c : json.classGenerators) {
        require(c != null, where + ": an entry of \"classGenerators\" is empty");
        String at = where + " class generator '" + c.className + "'";
        Optional<Integer> idx =
            c.className == null ? Optional.empty() : palette.indexOf(c.className);
        require(idx.isPresent(), at + ": palette '" + palette.id() + "' has no such class");
        LabelClass lc = palette.get(idx.get());
        require(lc.isThing(), at + ": class generators are for thing classes, this one is stuff");
        require(
            c.resolution != null && c.resolution.length == 2,
            at + ": \"resolution\" must be [w, h]");
        // The class pass renders square crops and doubles the side from here: a zero side would
        // never grow, a huge one would never fit a tile.
        int cw = c.resolution[0];
        require(
            cw == c.resolution[1] && cw >= MIN_CLASS_SIDE && cw <= MAX_CLASS_SIDE,
            at
                + ": resolution "
                + cw
                + "x"
                + c.resolution[1]
                + " must be square, "
                + MIN_CLASS_SIDE
                + ".."
                + MAX_CLASS_SIDE
                + " pixels a side");
        String context = c.context == null ? "blur" : c.context;
        require(
            context.equals("blur") || context.equals("mask"),
            at + ": context must be \"blur\" or \"mask\", got \"" + context + "\"");
        String mode = c.defaultMode == null ? "base" : c.defaultMode;
        require(
            mode.equals("base") || mode.equals("class"),
            at + ": defaultMode must be \"base\" or \"class\", got \"" + mode + "\"");
        classGens.add(
            new ModelPack.ClassGenerator(
                c.className,
                idx.get(),
                resolveInside(folder, c.file, at),
                c.resolution[0],
                c.resolution[1],
                context,
                mode.equals("class") ? RenderMode.CLASS : RenderMode.BASE));
      }
    }
    Optional<ModelPack.Retrieval> retrieval = Optional.empty();
    if (json.retrieval != null) {
      retrieval =
          Optional.of(
              new ModelPack.Retrieval(
                  resolveInside(folder, json.retrieval.generator, where + " retrieval generator"),
                  resolveInside(folder, json.retrieval.library, where + " retrieval library")));
    }
    return new ModelPack(
        folder.toAbsolutePath().normalize(),
        json.id,
        json.name == null ? json.id : json.name,
        palette,
        w,
        h,
        multiple,
        json.zDim,
        generator,
        encoder,
        List.copyOf(classGens),
        retrieval,
        json.receptiveField == null ? 0 : Math.max(0, json.receptiveField),
        tiling(json.tiling, folder, multiple, where),
        json.training == null ? new JsonObject() : json.training,
        license(json.license, where),
        refiners(json.refiners, folder, Math.max(w, h), palette.size() + 1, where),
        materials(json.materials, folder, palette, where),
        looks(json.looks, folder, where));
  }

  /** Bounds of a material tile's side in pixels. */
  static final int MIN_TILE = 8;

  static final int MAX_TILE = 256;

  /** At most this many looks, and images per look: each is encoded when the pack opens. */
  static final int MAX_LOOKS = 16;

  private static Optional<ModelPack.Materials> materials(
      PackJson.MaterialsJson m, Path folder, Palette palette, String where) {
    if (m == null) {
      return Optional.empty();
    }
    String at = where + " materials";
    require(
        m.tile != null && m.tile >= MIN_TILE && m.tile <= MAX_TILE,
        at + ": \"tile\" must be " + MIN_TILE + ".." + MAX_TILE + " pixels, got " + m.tile);
    require(
        m.classes != null && !m.classes.isEmpty() && m.classes.size() <= palette.size(),
        at + ": \"classes\" must list 1.." + palette.size() + " class names of the palette");
    for (String name : m.classes) {
      require(
          name != null && palette.indexOf(name).isPresent(),
          at + ": palette '" + palette.id() + "' has no class '" + name + "'");
    }
    return Optional.of(
        new ModelPack.Materials(
            resolveInside(folder, m.atlas, at + " atlas"), m.tile, List.copyOf(m.classes)));
  }

  private static List<ModelPack.Look> looks(
      List<PackJson.LookJson> list, Path folder, String where) {
    if (list == null) {
      return List.of();
    }
    require(
        list.size() <= MAX_LOOKS, where + ": at most " + MAX_LOOKS + " looks, got " + list.size());
    List<ModelPack.Look> out = new ArrayList<>();
    for (PackJson.LookJson l : list) {
      require(
          l != null && l.name != null && !l.name.isBlank(), where + ": a look needs a \"name\"");
      String at = where + " look '" + l.name + "'";
      require(
          l.images != null && !l.images.isEmpty() && l.images.size() <= MAX_LOOKS,
          at + ": \"images\" must list 1.." + MAX_LOOKS + " pictures");
      List<Path> images = new ArrayList<>();
      for (String image : l.images) {
        images.add(resolveInside(folder, image, at));
      }
      out.add(new ModelPack.Look(l.name, List.copyOf(images)));
    }
    return List.copyOf(out);
  }

  /**
   * Ladder rungs: each doubles the one below, starting at twice the pack's resolution; each takes
   * the palette's label channels; files stay inside the pack.
   */
  private static List<ModelPack.Refiner> refiners(
      List<PackJson.RefinerJson> list, Path folder, int base, int labelChannels, String where) {
    if (list == null) {
      return List.of();
    }
    require(list.size() <= 6, where + ": at most 6 refiners, got " + list.size());
    List<ModelPack.Refiner> out = new ArrayList<>();
    int expected = base;
    for (int i = 0; i < list.size(); i++) {
      PackJson.RefinerJson r = list.get(i);
      String at = where + " refiner " + (i + 1);
      require(r != null, at + ": is empty");
      expected *= 2;
      require(
          r.scale != null && r.scale == expected,
          at
              + ": \"scale\" must be "
              + expected
              + " (twice the rung below, from the resolution "
              + base
              + "), got "
              + r.scale);
      require(
          r.labelChannels != null && r.labelChannels == labelChannels,
          at
              + ": \"labelChannels\" must be "
              + labelChannels
              + " (the palette's classes + UNKNOWN), got "
              + r.labelChannels);
      require(
          r.receptiveField != null && r.receptiveField >= 0 && r.receptiveField <= 256,
          at + ": \"receptiveField\" must be 0..256 pixels, got " + r.receptiveField);
      Optional<Path> reference =
          r.reference == null
              ? Optional.empty()
              : Optional.of(resolveInside(folder, r.reference, at + " reference"));
      out.add(
          new ModelPack.Refiner(
              r.scale,
              resolveInside(folder, r.file, at),
              reference,
              r.labelChannels,
              r.receptiveField));
    }
    return List.copyOf(out);
  }

  private static Optional<ModelPack.Tiling> tiling(
      PackJson.TilingJson t, Path folder, int multiple, String where) {
    if (t == null) {
      return Optional.empty();
    }
    String at = where + " tiling";
    require(
        t.trunk != null && t.trunk.file != null && t.finish != null && t.finish.file != null,
        at + ": needs \"trunk\": {\"file\": ...} and \"finish\": {\"file\": ...}");
    require(
        t.scale != null && t.scale > 1 && multiple % t.scale == 0,
        at + ": \"scale\" must be a power of two above 1 that divides multipleOf " + multiple);
    require(
        t.featureChannels != null && t.featureChannels > 0,
        at + ": \"featureChannels\" must be a positive number");
    require(
        t.finishReach != null && t.finishReach >= 0,
        at + ": \"finishReach\" must be a number of pixels (0 or more)");
    return Optional.of(
        new ModelPack.Tiling(
            resolveInside(folder, t.trunk.file, at + " trunk"),
            resolveInside(folder, t.finish.file, at + " finish"),
            t.scale,
            t.featureChannels,
            t.finishReach));
  }

  private static Optional<ModelPack.License> license(PackJson.LicenseJson l, String where) {
    if (l == null) {
      return Optional.empty();
    }
    require(l.name != null && !l.name.isBlank(), where + ": \"license\" needs a \"name\"");
    return Optional.of(
        new ModelPack.License(
            l.name,
            l.url == null ? "" : l.url,
            l.commercialUse == null || l.commercialUse,
            l.source == null ? "" : l.source,
            l.note == null ? "" : l.note));
  }

  /** A file reference must be relative, stay inside the pack folder, and exist. */
  static Path resolveInside(Path folder, String ref, String what) {
    require(ref != null && !ref.isBlank(), what + ": missing file name");
    Path base = folder.toAbsolutePath().normalize();
    Path rel;
    try {
      rel = Path.of(ref);
    } catch (InvalidPathException e) {
      throw new PackException(what + ": '" + ref.replace("\0", "\\0") + "' is not a file name");
    }
    require(!rel.isAbsolute(), what + ": file '" + ref + "' must be relative to the pack folder");
    Path resolved = base.resolve(rel).normalize();
    require(
        resolved.startsWith(base), what + ": file '" + ref + "' points outside the pack folder");
    require(Files.isRegularFile(resolved), what + ": file '" + ref + "' does not exist");
    try {
      // A symlink inside the folder could still lead out of it.
      Path real = resolved.toRealPath();
      require(
          real.startsWith(base.toRealPath()),
          what + ": file '" + ref + "' links outside the pack folder");
    } catch (IOException e) {
      throw new PackException(what + ": cannot resolve '" + ref + "': " + e.getMessage(), e);
    }
    return resolved;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new PackException(message);
    }
  }
}
