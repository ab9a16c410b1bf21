package dev.scenebrush.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Real files for the hostile-input battery, and ways of breaking each kind. */
final class HostileFiles {
  static final Palette PALETTE = Fixtures.palettes().load("landscape");

  private HostileFiles() {}

  /** A 64x48 scene: sky over grass with a tree, in the landscape palette. */
  static LabelMap labels() {
    LabelMap m = new LabelMap(64, 48);
    m.fill(0);
    for (int y = 28; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        m.set(x, y, 9);
      }
    }
    for (int y = 16; y < 40; y++) {
      for (int x = 20; x < 30; x++) {
        m.set(x, y, 14);
      }
    }
    return m;
  }

  static Path colourMap(Path dir) throws IOException {
    Path p = dir.resolve("labels.png");
    LabelImages.writeColor(labels(), PALETTE, p);
    return p;
  }

  static Path indexMap(Path dir) throws IOException {
    Path p = dir.resolve("index.png");
    LabelImages.writeIndex(labels(), p);
    return p;
  }

  static Path instanceMap(Path dir, int w, int h) throws IOException {
    Path p = dir.resolve("ids.png");
    LabelImages.writeInstances(new InstanceMap(w, h), p);
    return p;
  }

  /** The colour map written by ImageIO in another format (jpg, gif, bmp). */
  static Path colourMapAs(Path dir, String format) throws IOException {
    BufferedImage src = ImageIO.read(colourMap(dir).toFile());
    BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(src, 0, 0, null);
    Path p = dir.resolve("labels." + format);
    if (!ImageIO.write(rgb, format, p.toFile())) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return p;
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  static byte[] truncated(Path file, double keep) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return Arrays.copyOf(all, (int) (all.length * keep));
  }

  /** The file with one byte at the given fraction of its length flipped. */
  static byte[] flipped(Path file, double at) throws IOException {
    byte[] all = Files.readAllBytes(file);
    all[(int) ((all.length - 1) * at)] ^= (byte) 0xA5;
    return all;
  }

  /** A saved painting of the landscape scene with one object, a seed and a kept style. */
  static Path project(Path dir) throws Exception {
    Scene s = new Scene(PALETTE, 64, 48);
    s.paintRegion("Sky", Painter.rectangle(s.labels(), 0, 0, 64, 28), 0);
    s.paintRegion("Grass", Painter.rectangle(s.labels(), 0, 28, 64, 48), 9);
    s.beginStroke("Tree", 24, 24, 6, 14, Scene.InstancePolicy.NEW);
    s.endStroke();
    Path f = dir.resolve("scene.sbrush");
    ProjectFile.save(
        new Project(s, "tiny", StyleState.ofSeed(3), Map.of(), Optional.empty(), 0, 0), f);
    return f;
  }

  static Map<String, byte[]> entries(Path project) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(project))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  static Path zip(Path dir, String name, Map<String, byte[]> entries) throws IOException {
    Path out = dir.resolve(name);
    try (ZipOutputStream zo = new ZipOutputStream(Files.newOutputStream(out))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zo.putNextEntry(new ZipEntry(e.getKey()));
        zo.write(e.getValue());
        zo.closeEntry();
      }
    }
    return out;
  }

  /** A copy of the painting with its entries changed by {@code edit}. */
  static Path projectWith(Path dir, Consumer<Map<String, byte[]>> edit) throws Exception {
    Map<String, byte[]> e = entries(project(dir));
    edit.accept(e);
    return zip(dir, "edited.sbrush", e);
  }

  /** A copy of the painting whose project.json has {@code from} replaced by {@code to}. */
  static Path projectJson(Path dir, String from, String to) throws Exception {
    return projectWith(
        dir,
        e -> {
          String json = new String(e.get("project.json"), StandardCharsets.UTF_8);
          if (!json.contains(from)) {
            throw new IllegalStateException("project.json has no " + from + ": " + json);
          }
          e.put("project.json", json.replace(from, to).getBytes(StandardCharsets.UTF_8));
        });
  }

  /** A copy of the tiny pack whose manifest {@code edit} changes. */
  static Path packWith(Path dir, Consumer<JsonObject> edit) throws IOException {
    Path pack = Fixtures.copyTinyPack(dir);
    Path manifest = pack.resolve("pack.json");
    JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
    edit.accept(json);
    Files.writeString(manifest, json.toString());
    return pack;
  }

  /** A copy of the tiny pack with one of its files replaced. */
  static Path packFile(Path dir, String file, byte[] bytes) throws IOException {
    Path pack = Fixtures.copyTinyPack(dir);
    Files.write(pack.resolve(file), bytes);
    return pack;
  }

  static byte[] noise(int n, long seed) {
    byte[] b = new byte[n];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** An RGB image of random colours, almost none of them in any palette. */
  static BufferedImage noiseImage(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.util.Random r = new java.util.Random(7);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(0x1000000));
      }
    }
    return img;
  }
}
