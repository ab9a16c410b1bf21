package dev.scenebrush.inference.palette;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.scenebrush.inference.ReadErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads and validates palettes/&lt;id&gt;.json (docs/design.md §4). */
public final class PaletteLoader {
  private static final Gson GSON = new Gson();

  private final Path directory;

  public PaletteLoader(Path directory) {
    this.directory = directory;
  }

  /** Gson target: field names follow the JSON schema. */
  private static final class Json {
    String id;
    String name;
    Integer version;
    List<ClassJson> classes;
  }

  private static final class ClassJson {
    String name;
    String color;
    String kind;
    String group;
    List<String> aliases;
    String datasetColor;
    Boolean hidden;
  }

  public List<String> availableIds() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Palette ids are names, never paths: a project or pack cannot point outside the folder. */
  private static final Pattern ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}(\\.[A-Za-z0-9_-]+)*");

  /** Palettes are a few kilobytes; refuse to read anything near this. */
  static final long MAX_FILE_BYTES = 4L << 20;

  public Palette load(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new PaletteException(
          "unknown palette "
              + quote(id)
              + ": a palette is named by its id (letters, digits, '-', '_'), not a path;"
              + " available palettes: "
              + availableIds());
    }
    Path file = directory.resolve(id + ".json");
    if (!Files.isRegularFile(file)) {
      throw new PaletteException(
          "unknown palette '" + id + "'; available palettes: " + availableIds());
    }
    try {
      if (!file.toRealPath().getParent().equals(directory.toRealPath())) {
        throw new PaletteException("palette '" + id + "' links outside " + directory);
      }
    } catch (IOException e) {
      throw new PaletteException("cannot read palette '" + id + "': " + e.getMessage(), e);
    }
    return read(file);
  }

  public static Palette read(Path file) {
    Json json;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new PaletteException(
            "palette " + file.getFileName() + " is larger than " + (MAX_FILE_BYTES >> 20) + " MB");
      }
      json = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Json.class);
    } catch (IOException e) {
      throw new PaletteException("cannot read palette " + file + ": " + e.getMessage(), e);
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
      // Gson reports some mismatches (null in a number array) as plain runtime exceptions.
      throw new PaletteException(
          "palette " + file + " is not valid JSON: " + ReadErrors.describe(e), e);
    }
    String where = "palette " + file.getFileName();
    if (json == null || json.id == null || json.id.isBlank()) {
      throw new PaletteException(where + ": missing \"id\"");
    }
    if (json.classes == null || json.classes.isEmpty()) {
      throw new PaletteException(where + ": \"classes\" is missing or empty");
    }
    if (json.classes.size() >= Palette.UNKNOWN) {
      throw new PaletteException(
          where + ": at most " + (Palette.UNKNOWN - 1) + " classes, has " + json.classes.size());
    }
    List<LabelClass> classes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<Integer> colors = new HashSet<>();
    for (int i = 0; i < json.classes.size(); i++) {
      ClassJson c = json.classes.get(i);
      String at = where + " class " + i;
      if (c == null || c.name == null || c.name.isBlank()) {
        throw new PaletteException(at + ": missing \"name\"");
      }
      if (!names.add(c.name)) {
        throw new PaletteException(at + ": duplicate class name '" + c.name + "'");
      }
      int rgb = parseColor(c.color, at + " ('" + c.name + "')");
      if (rgb == Palette.UNKNOWN_RGB) {
        throw new PaletteException(at + ": colour #000000 is reserved for UNKNOWN");
      }
      if (!colors.add(rgb)) {
        throw new PaletteException(at + ": colour " + c.color + " is used by another class");
      }
      LabelClass.Kind kind;
      if ("stuff".equals(c.kind)) {
        kind = LabelClass.Kind.STUFF;
      } else if ("thing".equals(c.kind)) {
        kind = LabelClass.Kind.THING;
      } else {
        throw new PaletteException(
            at + ": kind must be \"stuff\" or \"thing\", got " + quote(c.kind));
      }
      if (c.aliases != null && c.aliases.contains(null)) {
        throw new PaletteException(at + " ('" + c.name + "'): empty entry in \"aliases\"");
      }
      int datasetRgb =
          c.datasetColor == null ? -1 : parseColor(c.datasetColor, at + " ('" + c.name + "')");
      classes.add(
          new LabelClass(
              c.name,
              rgb,
              kind,
              c.group == null ? "" : c.group,
              c.aliases == null ? List.of() : List.copyOf(c.aliases),
              datasetRgb,
              Boolean.TRUE.equals(c.hidden)));
    }
    return new Palette(
        json.id,
        json.name == null ? json.id : json.name,
        json.version == null ? 1 : json.version,
        classes);
  }

  static int parseColor(String text, String where) {
    if (text == null || !text.matches("#[0-9a-fA-F]{6}")) {
      throw new PaletteException(where + ": colour must look like #RRGGBB, got " + quote(text));
    }
    return Integer.parseInt(text.substring(1).toUpperCase(Locale.ROOT), 16);
  }

  private static String quote(String s) {
    return s == null ? "nothing" : "\"" + s + "\"";
  }
}
