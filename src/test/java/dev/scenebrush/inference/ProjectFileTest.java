package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectException;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {
  @TempDir Path dir;
  final Palette palette = Fixtures.palettes().load("landscape");

  Project sample() {
    Scene s = new Scene(palette, 300, 200);
    s.paintRegion("Sky", Painter.rectangle(s.labels(), 0, 0, 300, 100), 0);
    s.paintRegion("Grass", Painter.rectangle(s.labels(), 0, 100, 300, 200), 9);
    s.beginStroke("Tree", 60, 120, 12, 14, Scene.InstancePolicy.NEW);
    s.strokeTo(60, 120, 60, 170);
    s.endStroke();
    s.updateInstance(s.instances().get(0).withMode(RenderMode.CLASS).withSeed(99));
    int[] render = new int[30 * 20];
    for (int i = 0; i < render.length; i++) {
      render[i] = 0xFF000000 | (i * 977);
    }
    byte[] regions = new byte[300 * 200];
    regions[5] = 1;
    regions[300 * 150 + 200] = 2;
    StyleState style =
        new StyleState(
            1234,
            new float[] {0.5f, -1.25f},
            List.of(new StyleState.NamedStyle("dusk", new float[] {1f, 2f})),
            List.of(new float[] {3f, 4f}, new float[] {5f, 6f}),
            regions);
    return new Project(
        s, "landscape", style, Map.of("view", "overlay"), Optional.of(render), 30, 20);
  }

  @Test
  void saveThenLoadIsPixelExact() throws Exception {
    Project p = sample();
    Path f = dir.resolve("scene.sbrush");
    ProjectFile.save(p, f);
    Project back = ProjectFile.load(f, Fixtures.palettes());
    assertArrayEquals(p.scene().labelsSnapshot().raw(), back.scene().labelsSnapshot().raw());
    assertArrayEquals(p.scene().instancesSnapshot().raw(), back.scene().instancesSnapshot().raw());
    assertEquals(p.scene().instances(), back.scene().instances());
    assertEquals(1234, back.style().seed());
    assertArrayEquals(new float[] {0.5f, -1.25f}, back.style().globalZ());
    assertEquals("dusk", back.style().gallery().get(0).name());
    assertArrayEquals(new float[] {1f, 2f}, back.style().gallery().get(0).z());
    assertArrayEquals(new float[] {5f, 6f}, back.style().regionStyles().get(1));
    assertArrayEquals(p.style().regions(), back.style().regions());
    assertEquals("overlay", back.view().get("view"));
    assertArrayEquals(p.lastRender().orElseThrow(), back.lastRender().orElseThrow());
    assertEquals("landscape", back.packId());
  }

  @Test
  void savingOverAnExistingFileLeavesNoTemporaryFiles() throws Exception {
    Path f = dir.resolve("a.sbrush");
    ProjectFile.save(sample(), f);
    ProjectFile.save(sample(), f);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void saveIntoAMissingFolderFailsCleanly() {
    ProjectException e =
        assertThrows(
            ProjectException.class, () -> ProjectFile.save(sample(), dir.resolve("nope/x.sbrush")));
    assertTrue(e.getMessage().contains("folder does not exist"), e.getMessage());
  }

  private Path rewrite(Path src, String entry, byte[] replacement) throws Exception {
    Path out = dir.resolve("edited.sbrush");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(src));
        OutputStream os = Files.newOutputStream(out);
        ZipOutputStream zo = new ZipOutputStream(os)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] data = in.readAllBytes();
        if (e.getName().equals(entry)) {
          if (replacement == null) {
            continue;
          }
          data = replacement;
        }
        zo.putNextEntry(new ZipEntry(e.getName()));
        zo.write(data);
        zo.closeEntry();
      }
    }
    return out;
  }

  @Test
  void aNewerFormatIsRefusedWithAMessage() throws Exception {
    Path f = dir.resolve("s.sbrush");
    ProjectFile.save(sample(), f);
    String json = jsonOf(f).replace("\"formatVersion\": 1", "\"formatVersion\": 7");
    Path newer = rewrite(f, "project.json", json.getBytes(StandardCharsets.UTF_8));
    String msg =
        assertThrows(ProjectException.class, () -> ProjectFile.load(newer, Fixtures.palettes()))
            .getMessage();
    assertTrue(msg.contains("newer SceneBrush (format version 7)"), msg);
  }

  @Test
  void damagedProjectsAreRefusedWithTheReason() throws Exception {
    Path f = dir.resolve("s.sbrush");
    ProjectFile.save(sample(), f);
    assertTrue(error(rewrite(f, "labels.png", null)).contains("labels.png is missing"));
    assertTrue(error(rewrite(f, "instances.png", "junk".getBytes())).contains("instances.png"));
    assertTrue(
        error(rewrite(f, "project.json", "{\"formatVersion\":".getBytes())).contains("damaged"));
    String json = jsonOf(f);
    assertTrue(
        error(rewrite(f, "project.json", json.replace("\"tree\"", "\"spaceship\"").getBytes()))
            .contains("unknown class 'spaceship'"));
    assertTrue(
        error(
                rewrite(
                    f, "project.json", json.replace("\"width\": 300", "\"width\": 301").getBytes()))
            .contains("but the project says 301x200"));
    Path garbage = Files.writeString(dir.resolve("g.sbrush"), "not a zip at all");
    assertTrue(error(garbage).contains("no project.json"), error(garbage));
    assertTrue(error(dir.resolve("missing.sbrush")).contains("does not exist"));
  }

  private String error(Path f) {
    return assertThrows(ProjectException.class, () -> ProjectFile.load(f, Fixtures.palettes()))
        .getMessage();
  }

  private String jsonOf(Path f) throws Exception {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(f))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals("project.json")) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no project.json");
  }
}
