package dev.scenebrush.inference.project;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.scenebrush.inference.ReadErrors;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.TempFiles;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteException;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.inference.style.StyleState;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Reads and writes .sbrush projects (docs/design.md §2): a zip of project.json, labels.png (8-bit
 * index, 255 = UNKNOWN), instances.png (16-bit) and render.png (the last rendered image). Saves are
 * atomic; loads validate everything before anything is returned.
 */
public final class ProjectFile {
  public static final int FORMAT_VERSION = 1;
  public static final String EXTENSION = ".sbrush";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private ProjectFile() {}

  /** project.json, field names as stored. */
  static final class Json {
    int formatVersion;
    String app = "SceneBrush";
    String palette;
    int paletteVersion;
    String pack;
    int width;
    int height;
    long seed;
    float[] globalZ;
    List<StyleJson> styles = new ArrayList<>();
    List<float[]> regionStyles = new ArrayList<>();
    boolean hasRegions;
    List<InstanceJson> instances = new ArrayList<>();
    Map<String, String> view = new LinkedHashMap<>();
    boolean hasRender;
  }

  static final class StyleJson {
    String name;
    float[] z;
  }

  static final class InstanceJson {
    int id;

    @com.google.gson.annotations.SerializedName("class")
    String className;

    long seed;
    String mode;
    boolean locked;
  }

  public static void save(Project project, Path file) throws ProjectException {
    Scene scene = project.scene();
    Json json = new Json();
    json.formatVersion = FORMAT_VERSION;
    json.palette = scene.palette().id();
    json.paletteVersion = scene.palette().version();
    json.pack = project.packId();
    json.width = scene.width();
    json.height = scene.height();
    StyleState style = project.style();
    json.seed = style.seed();
    json.globalZ = style.globalZ();
    for (StyleState.NamedStyle n : style.gallery()) {
      StyleJson sj = new StyleJson();
      sj.name = n.name();
      sj.z = n.z();
      json.styles.add(sj);
    }
    json.regionStyles = new ArrayList<>(style.regionStyles());
    json.hasRegions = style.regions() != null;
    json.view = new LinkedHashMap<>(project.view());
    for (Instance i : scene.instances()) {
      InstanceJson ij = new InstanceJson();
      ij.id = i.id();
      ij.className = scene.palette().get(i.classIndex()).name();
      ij.seed = i.seed();
      ij.mode = i.mode().id();
      ij.locked = i.locked();
      json.instances.add(ij);
    }
    json.hasRender = project.lastRender().isPresent();
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new ProjectException("cannot save " + file + ": the folder does not exist");
    }
    Path tmp = null;
    try {
      TempFiles.cleanStale(dir);
      tmp = TempFiles.create(dir, target.getFileName().toString());
      try (OutputStream out = Files.newOutputStream(tmp);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        put(zip, "project.json", GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
        put(zip, "labels.png", png(indexImage(scene.labels())));
        put(zip, "instances.png", png(instanceImage(scene.instanceMap())));
        if (style.regions() != null) {
          put(
              zip,
              "regions.png",
              png(indexImage(new LabelMap(scene.width(), scene.height(), style.regions()))));
        }
        if (project.lastRender().isPresent()) {
          BufferedImage r =
              new BufferedImage(
                  project.lastRenderWidth(),
                  project.lastRenderHeight(),
                  BufferedImage.TYPE_INT_RGB);
          r.setRGB(
              0,
              0,
              project.lastRenderWidth(),
              project.lastRenderHeight(),
              project.lastRender().get(),
              0,
              project.lastRenderWidth());
          put(zip, "render.png", png(r));
        }
      }
      TempFiles.commit(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new ProjectException("cannot save " + file.getFileName() + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the target was never touched
        }
      }
    }
  }

  public static Project load(Path file, PaletteLoader palettes) throws ProjectException {
    String name = file.getFileName().toString();
    Map<String, byte[]> entries = ProjectEntries.read(file, name);
    byte[] jsonBytes = entries.get("project.json");
    if (jsonBytes == null) {
      throw new ProjectException(name + " is not a SceneBrush project: it has no project.json");
    }
    Json json;
    try {
      json = GSON.fromJson(new String(jsonBytes, StandardCharsets.UTF_8), Json.class);
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
      // Gson reports some mismatches (null in a number array) as plain runtime exceptions.
      throw new ProjectException(name + ": project.json is damaged: " + ReadErrors.describe(e), e);
    }
    if (json == null) {
      throw new ProjectException(name + ": project.json is empty");
    }
    if (json.formatVersion > FORMAT_VERSION) {
      throw new ProjectException(
          name
              + " was saved by a newer SceneBrush (format version "
              + json.formatVersion
              + "); this version reads up to "
              + FORMAT_VERSION
              + ". Update SceneBrush to open it.");
    }
    if (json.formatVersion < 1) {
      throw new ProjectException(name + ": project.json has no valid formatVersion");
    }
    Palette palette;
    try {
      palette = palettes.load(json.palette == null ? "" : json.palette);
    } catch (PaletteException e) {
      throw new ProjectException(name + ": " + e.getMessage(), e);
    }
    try {
      LabelMap.checkSize(json.width, json.height);
    } catch (IllegalArgumentException e) {
      throw new ProjectException(name + ": " + e.getMessage());
    }
    LabelMap labels =
        ProjectEntries.labels(
            entries.get("labels.png"), name, json.width, json.height, "labels.png");
    InstanceMap ids =
        ProjectEntries.instances(entries.get("instances.png"), name, json.width, json.height);
    try {
      labels.validate(palette);
    } catch (IllegalArgumentException e) {
      throw new ProjectException(name + ": labels.png: " + e.getMessage());
    }
    List<Instance> instances = new ArrayList<>();
    for (InstanceJson ij : json.instances == null ? List.<InstanceJson>of() : json.instances) {
      if (ij == null) {
        throw new ProjectException(name + ": project.json has an empty entry in \"instances\"");
      }
      Optional<Integer> cls = palette.indexOf(ij.className == null ? "" : ij.className);
      if (cls.isEmpty()) {
        throw new ProjectException(
            name + ": instance " + ij.id + " has unknown class '" + ij.className + "'");
      }
      try {
        instances.add(
            new Instance(
                ij.id,
                cls.get(),
                ij.seed,
                RenderMode.parse(ij.mode == null ? "base" : ij.mode),
                ij.locked));
      } catch (IllegalArgumentException e) {
        throw new ProjectException(name + ": instance " + ij.id + ": " + e.getMessage());
      }
    }
    Scene scene;
    try {
      scene = new Scene(palette, labels, ids, instances);
    } catch (IllegalArgumentException e) {
      throw new ProjectException(name + ": " + e.getMessage());
    }
    Optional<int[]> render = Optional.empty();
    int rw = 0;
    int rh = 0;
    byte[] renderBytes = entries.get("render.png");
    if (renderBytes != null
        && ProjectEntries.isPreviewOf(
            ProjectEntries.header(renderBytes, name, "render.png"), json.width, json.height)) {
      BufferedImage r = ProjectEntries.image(renderBytes, name, "render.png");
      rw = r.getWidth();
      rh = r.getHeight();
      render = Optional.of(r.getRGB(0, 0, rw, rh, null, 0, rw));
    }
    byte[] regions = null;
    if (json.hasRegions) {
      regions =
          ProjectEntries.labels(
                  entries.get("regions.png"), name, json.width, json.height, "regions.png")
              .raw();
    }
    List<StyleState.NamedStyle> gallery = new ArrayList<>();
    for (StyleJson sj : json.styles == null ? List.<StyleJson>of() : json.styles) {
      if (sj == null) {
        throw new ProjectException(name + ": project.json has an empty entry in \"styles\"");
      }
      if (sj.z == null) {
        throw new ProjectException(name + ": style '" + sj.name + "' has no z");
      }
      ProjectEntries.checkZ(sj.z, name, "style '" + sj.name + "'");
      gallery.add(new StyleState.NamedStyle(sj.name == null ? "style" : sj.name, sj.z));
    }
    if (json.globalZ != null) {
      ProjectEntries.checkZ(json.globalZ, name, "globalZ");
    }
    List<float[]> regionStyles = json.regionStyles == null ? List.of() : json.regionStyles;
    for (int k = 0; k < regionStyles.size(); k++) {
      if (regionStyles.get(k) == null) {
        throw new ProjectException(
            name + ": regional style " + (k + 1) + " in project.json has no z");
      }
      ProjectEntries.checkZ(regionStyles.get(k), name, "regional style " + (k + 1));
    }
    StyleState style = new StyleState(json.seed, json.globalZ, gallery, regionStyles, regions);
    return new Project(
        scene,
        json.pack,
        style,
        json.view == null ? Map.of() : Map.copyOf(json.view),
        render,
        rw,
        rh);
  }

  private static BufferedImage indexImage(LabelMap m) {
    BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(m.raw(), 0, d, 0, d.length);
    return img;
  }

  private static BufferedImage instanceImage(InstanceMap m) {
    BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_USHORT_GRAY);
    short[] d = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(m.raw(), 0, d, 0, d.length);
    return img;
  }

  private static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer");
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }
}
