package dev.scenebrush.inference.project;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteException;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.inference.style.StyleState;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Reads and writes .sbrush projects (DESIGN.md section 2): a zip of project.json, labels.png (8-bit
 * index, 255 = UNKNOWN), instances.png (16-bit) and render.png (the last rendered image). Saves are
 * atomic; loads validate everything before anything is returned.
 */
public final class ProjectFile {
  public static final int FORMAT_VERSION = 1;
  public static final String EXTENSION = ".sbrush";

  /** Refuse entries that would unpack beyond this (a zip bomb, or not our file). */
  static final long MAX_ENTRY_BYTES = 512L << 20;

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
      tmp = dev.scenebrush.inference.io.TempFiles.create(dir, "." + target.getFileName(), ".tmp");
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
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
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
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream in = Files.newInputStream(file);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), readLimited(zip, name, e.getName()));
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ProjectException(name + " does not exist");
    } catch (IOException e) {
      throw new ProjectException(
          name + " is not a SceneBrush project (unreadable zip: " + e.getMessage() + ")", e);
    }
    byte[] jsonBytes = entries.get("project.json");
    if (jsonBytes == null) {
      throw new ProjectException(name + " is not a SceneBrush project: it has no project.json");
    }
    Json json;
    try {
      json = GSON.fromJson(new String(jsonBytes, StandardCharsets.UTF_8), Json.class);
    } catch (JsonParseException e) {
      throw new ProjectException(name + ": project.json is damaged: " + e.getMessage(), e);
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
    LabelMap labels = readLabels(entries.get("labels.png"), name, json, "labels.png");
    InstanceMap ids = readInstances(entries.get("instances.png"), name, json);
    try {
      labels.validate(palette);
    } catch (IllegalArgumentException e) {
      throw new ProjectException(name + ": labels.png: " + e.getMessage());
    }
    List<Instance> instances = new ArrayList<>();
    for (InstanceJson ij : json.instances == null ? List.<InstanceJson>of() : json.instances) {
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
    if (renderBytes != null) {
      BufferedImage r = image(renderBytes, name, "render.png");
      rw = r.getWidth();
      rh = r.getHeight();
      render = Optional.of(r.getRGB(0, 0, rw, rh, null, 0, rw));
    }
    byte[] regions = null;
    if (json.hasRegions) {
      regions = readLabels(entries.get("regions.png"), name, json, "regions.png").raw();
    }
    List<StyleState.NamedStyle> gallery = new ArrayList<>();
    for (StyleJson sj : json.styles == null ? List.<StyleJson>of() : json.styles) {
      if (sj.z == null) {
        throw new ProjectException(name + ": style '" + sj.name + "' has no z");
      }
      gallery.add(new StyleState.NamedStyle(sj.name == null ? "style" : sj.name, sj.z));
    }
    StyleState style =
        new StyleState(
            json.seed,
            json.globalZ,
            gallery,
            json.regionStyles == null ? List.of() : json.regionStyles,
            regions);
    return new Project(
        scene,
        json.pack,
        style,
        json.view == null ? Map.of() : Map.copyOf(json.view),
        render,
        rw,
        rh);
  }

  private static byte[] readLimited(InputStream in, String file, String entry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > MAX_ENTRY_BYTES) {
        throw new IOException(
            entry + " in " + file + " is larger than " + (MAX_ENTRY_BYTES >> 20) + " MB");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static BufferedImage image(byte[] bytes, String file, String entry)
      throws ProjectException {
    if (bytes == null) {
      throw new ProjectException(file + " is incomplete: " + entry + " is missing");
    }
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      if (img == null) {
        throw new ProjectException(file + ": " + entry + " is not a PNG image");
      }
      return img;
    } catch (IOException e) {
      throw new ProjectException(file + ": " + entry + " is damaged: " + e.getMessage(), e);
    }
  }

  private static LabelMap readLabels(byte[] bytes, String file, Json json, String entry)
      throws ProjectException {
    BufferedImage img = image(bytes, file, entry);
    checkSize(img, file, entry, json);
    if (img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      throw new ProjectException(file + ": " + entry + " must be an 8-bit index PNG");
    }
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    return new LabelMap(json.width, json.height, data.clone());
  }

  private static InstanceMap readInstances(byte[] bytes, String file, Json json)
      throws ProjectException {
    BufferedImage img = image(bytes, file, "instances.png");
    checkSize(img, file, "instances.png", json);
    if (img.getType() != BufferedImage.TYPE_USHORT_GRAY) {
      throw new ProjectException(file + ": instances.png must be a 16-bit grey PNG");
    }
    short[] data = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
    return new InstanceMap(json.width, json.height, data.clone());
  }

  private static void checkSize(BufferedImage img, String file, String entry, Json json)
      throws ProjectException {
    if (img.getWidth() != json.width || img.getHeight() != json.height) {
      throw new ProjectException(
          file
              + ": "
              + entry
              + " is "
              + img.getWidth()
              + "x"
              + img.getHeight()
              + " but the project says "
              + json.width
              + "x"
              + json.height);
    }
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
