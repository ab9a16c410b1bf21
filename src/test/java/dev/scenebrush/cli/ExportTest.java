package dev.scenebrush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
  @TempDir Path dir;
  final Palette palette = Fixtures.palettes().load("landscape");
  final String pack = Fixtures.tinyPackFolder().toString();

  Path project() throws Exception {
    Scene s = new Scene(palette, 200, 150);
    s.paintRegion("Sky", Painter.rectangle(s.labels(), 0, 0, 200, 80), 0);
    s.paintRegion("Grass", Painter.rectangle(s.labels(), 0, 80, 200, 150), 9);
    s.paintRegion("Tree", Painter.rectangle(s.labels(), 30, 60, 50, 120), 14);
    s.paintRegion("House", Painter.rectangle(s.labels(), 120, 90, 160, 120), 17);
    Path f = dir.resolve("scene.sbrush");
    ProjectFile.save(
        new Project(s, "tiny", StyleState.ofSeed(3), Map.of(), Optional.empty(), 0, 0), f);
    return f;
  }

  static Map<String, byte[]> unzip(Path f) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(f))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  @Test
  void aProjectExportsLargeWithMapsAndLayers() throws Exception {
    Path img = dir.resolve("big.tif");
    Path labels = dir.resolve("labels.png");
    Path inst = dir.resolve("instances.png");
    Path ora = dir.resolve("layers.ora");
    CliTest.Run r =
        CliTest.run(
            "export",
            project().toString(),
            "-o",
            img.toString(),
            "--pack",
            pack,
            "--size",
            "900x700",
            "--tile",
            "256",
            "--labels-out",
            labels.toString(),
            "--instances-out",
            inst.toString(),
            "--layers",
            ora.toString());
    assertEquals(0, r.code(), r.err());
    BufferedImage out = ImageIO.read(img.toFile());
    assertEquals(900, out.getWidth());
    assertEquals(700, out.getHeight());
    assertEquals(900, LabelImages.readLabels(labels, palette).width());
    assertEquals(700, LabelImages.readInstances(inst).height());

    Map<String, byte[]> entries = unzip(ora);
    assertEquals("mimetype", entries.keySet().iterator().next(), "mimetype comes first");
    assertEquals(
        "image/openraster", new String(entries.get("mimetype"), StandardCharsets.US_ASCII));
    String stack = new String(entries.get("stack.xml"), StandardCharsets.UTF_8);
    assertTrue(stack.contains("w=\"900\" h=\"700\""), stack);
    assertTrue(stack.contains("name=\"tree #1\"") && stack.contains("name=\"house #2\""), stack);
    assertTrue(
        stack.indexOf("tree #1") < stack.indexOf("name=\"Image\""), "objects above the image");
    for (String src :
        new String[] {
          "data/image.png",
          "data/labels.png",
          "data/instances.png",
          "data/object-1.png",
          "data/object-2.png",
          "mergedimage.png",
          "Thumbnails/thumbnail.png"
        }) {
      assertTrue(entries.containsKey(src), src);
      assertTrue(stack.contains(src) || !src.startsWith("data/"), src + " listed in stack.xml");
    }
    BufferedImage tree = ImageIO.read(new ByteArrayInputStream(entries.get("data/object-1.png")));
    assertTrue(tree.getWidth() < 900 && tree.getColorModel().hasAlpha());
    BufferedImage merged = ImageIO.read(new ByteArrayInputStream(entries.get("mergedimage.png")));
    assertEquals(out.getRGB(450, 350), merged.getRGB(450, 350));
    // The label layer keeps the palette's exact colours; unpainted pixels are transparent.
    BufferedImage labelLayer =
        ImageIO.read(new ByteArrayInputStream(entries.get("data/labels.png")));
    assertEquals(0xFF000000 | palette.colorOf(14), labelLayer.getRGB(180, 400), "tree colour");
    assertEquals(palette.colorOf(14), LabelImages.readImage(labels).getRGB(180, 400) & 0xFFFFFF);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      for (Path f : List.of(img, labels, inst, ora)) {
        assertTrue(
            Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_READ),
            f.getFileName() + " is readable like any written file");
      }
    }
  }

  @Test
  void aProjectExportsAsALayeredPsdThatPsdToolsReads() throws Exception {
    Path img = dir.resolve("big.png");
    Path psd = dir.resolve("layers.psd");
    CliTest.Run r =
        CliTest.run(
            "export",
            project().toString(),
            "-o",
            img.toString(),
            "--pack",
            pack,
            "--size",
            "640x480",
            "--layers",
            psd.toString());
    assertEquals(0, r.code(), r.err());
    var read = dev.scenebrush.inference.LayeredPsdTest.read(psd, "320,240");
    assertEquals(640, read.get("width").getAsInt());
    List<String> names = new java.util.ArrayList<>();
    read.getAsJsonArray("layers")
        .forEach(l -> names.add(l.getAsJsonObject().get("name").getAsString()));
    assertEquals(
        List.of("Image", "house #2", "tree #1", "Instances (id: red high, green low)", "Labels"),
        names);
    int rgb = ImageIO.read(img.toFile()).getRGB(320, 240);
    var px = read.getAsJsonObject("composite").getAsJsonArray("320,240");
    assertEquals((rgb >> 16) & 0xFF, px.get(0).getAsInt(), "the composite is the exported picture");
    assertEquals(rgb & 0xFF, px.get(2).getAsInt());
  }

  @Test
  void exportTakesTheSameStyleOptionsAsRender() throws Exception {
    Path p = project();
    Path a = dir.resolve("a.png");
    Path b = dir.resolve("b.png");
    Path c = dir.resolve("c.png");
    assertEquals(
        0,
        CliTest.run(
                "export",
                p.toString(),
                "-o",
                a.toString(),
                "--pack",
                pack,
                "--size",
                "96x64",
                "--seed",
                "5")
            .code());
    assertEquals(
        0,
        CliTest.run(
                "export",
                p.toString(),
                "-o",
                b.toString(),
                "--pack",
                pack,
                "--size",
                "96x64",
                "--seed",
                "5",
                "--mix",
                "9",
                "--mix-amount",
                "0")
            .code());
    assertEquals(
        0,
        CliTest.run(
                "export",
                p.toString(),
                "-o",
                c.toString(),
                "--pack",
                pack,
                "--size",
                "96x64",
                "--seed",
                "5",
                "--mix",
                "9",
                "--mix-amount",
                "1")
            .code());
    assertEquals(CliTest.pixelsOf(a), CliTest.pixelsOf(b), "mix amount 0 keeps the first style");
    assertTrue(
        !CliTest.pixelsOf(a).equals(CliTest.pixelsOf(c)), "mix amount 1 is the second style");
    CliTest.Run bad =
        CliTest.run(
            "export",
            p.toString(),
            "-o",
            a.toString(),
            "--pack",
            pack,
            "--size",
            "96x64",
            "--mix",
            "9",
            "--mix-amount",
            "-1");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("between 0 and 1"), bad.err());
  }

  @Test
  void badRequestsFailClearlyAndLeaveNothingBehind() throws Exception {
    Path p = project();
    Path target = dir.resolve("x.png");
    CliTest.Run zero =
        CliTest.run(
            "export", p.toString(), "-o", target.toString(), "--pack", pack, "--size", "0x10");
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("1..8192"), zero.err());
    CliTest.Run huge =
        CliTest.run(
            "export",
            p.toString(),
            "-o",
            target.toString(),
            "--pack",
            pack,
            "--size",
            "100000x100");
    assertEquals(2, huge.code());
    assertTrue(huge.err().contains("1..8192"), huge.err());
    CliTest.Run folder =
        CliTest.run(
            "export",
            p.toString(),
            "-o",
            dir.resolve("no/such/x.png").toString(),
            "--pack",
            pack,
            "--size",
            "64x64");
    assertEquals(2, folder.code());
    assertTrue(folder.err().contains("folder missing"), folder.err());
    CliTest.Run ora =
        CliTest.run(
            "export",
            p.toString(),
            "-o",
            target.toString(),
            "--pack",
            pack,
            "--size",
            "64x64",
            "--layers",
            dir.resolve("l.xcf").toString());
    assertEquals(2, ora.code());
    assertTrue(ora.err().contains(".ora") && ora.err().contains(".psd"), ora.err());
    // The target is a folder: the write fails and no temporary file is left.
    Path occupied = Files.createDirectory(dir.resolve("taken.png"));
    Files.writeString(occupied.resolve("keep.txt"), "x");
    CliTest.Run taken =
        CliTest.run(
            "export", p.toString(), "-o", occupied.toString(), "--pack", pack, "--size", "64x64");
    assertEquals(2, taken.code());
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(dev.scenebrush.inference.io.TempFiles::isOurs), "temp files left");
    }
    assertTrue(Files.notExists(target));
  }
}
