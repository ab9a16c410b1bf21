package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Painter;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.ProjectException;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import dev.scenebrush.testing.ForgedPng;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project files made to break the reader: each is refused with its reason, or opens safely. */
class HostileProjectTest {
  @TempDir Path dir;
  final Palette palette = Fixtures.palettes().load("landscape");
  Map<String, byte[]> entries;
  String json;

  @BeforeEach
  void saveAPainting() throws Exception {
    Scene s = new Scene(palette, 64, 48);
    s.paintRegion("Sky", Painter.rectangle(s.labels(), 0, 0, 64, 48), 0);
    s.beginStroke("Tree", 20, 30, 6, 14, Scene.InstancePolicy.NEW);
    s.endStroke();
    StyleState style =
        new StyleState(
            5,
            new float[] {0.5f, 1f},
            List.of(new StyleState.NamedStyle("dusk", new float[] {1f, 2f})),
            List.of(new float[] {3f, 4f}),
            null);
    Path f = dir.resolve("p.sbrush");
    ProjectFile.save(
        new Project(s, "landscape", style, Map.of(), Optional.of(new int[32 * 24]), 32, 24), f);
    entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(f))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    json = new String(entries.get("project.json"), StandardCharsets.UTF_8);
  }

  private Path zip(Map<String, byte[]> content) throws Exception {
    Path out = Files.createTempFile(dir, "h", ".sbrush");
    try (OutputStream os = Files.newOutputStream(out);
        ZipOutputStream zo = new ZipOutputStream(os)) {
      zo.setLevel(Deflater.BEST_SPEED);
      for (Map.Entry<String, byte[]> e : content.entrySet()) {
        zo.putNextEntry(new ZipEntry(e.getKey()));
        zo.write(e.getValue());
        zo.closeEntry();
      }
    }
    return out;
  }

  private Path with(String entry, byte[] data) throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>(entries);
    m.put(entry, data);
    return zip(m);
  }

  private Path withJson(String from, String to) throws Exception {
    assertTrue(json.contains(from), from);
    return with("project.json", json.replace(from, to).getBytes(StandardCharsets.UTF_8));
  }

  private String error(Path f) {
    return assertThrows(ProjectException.class, () -> ProjectFile.load(f, Fixtures.palettes()))
        .getMessage();
  }

  @Test
  void emptyListEntriesAreNamedNotNullPointers() throws Exception {
    String inst = error(withJson("\"instances\": [", "\"instances\": [null, "));
    assertTrue(inst.contains("empty entry in \"instances\""), inst);
    String styles = error(withJson("\"styles\": [", "\"styles\": [null, "));
    assertTrue(styles.contains("empty entry in \"styles\""), styles);
    String regional = error(withJson("\"regionStyles\": [", "\"regionStyles\": [null, "));
    assertTrue(regional.contains("regional style 1") && regional.contains("no z"), regional);
  }

  @Test
  void aStyleThatIsNotFiniteIsRefused() throws Exception {
    String global = error(withJson("\"globalZ\": [\n    0.5,", "\"globalZ\": [\n    NaN,"));
    assertTrue(global.contains("globalZ") && global.contains("NaN"), global);
    String kept = error(withJson("\"z\": [\n        1.0,", "\"z\": [\n        Infinity,"));
    assertTrue(kept.contains("style 'dusk'") && kept.contains("Infinity"), kept);
  }

  @Test
  void aKnownEntryTwiceIsRefused() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>(entries);
    m.put("project.jsoN", json.replace("\"seed\": 5", "\"seed\": 6").getBytes());
    Path f = zip(m);
    byte[] bytes = Files.readAllBytes(f);
    String latin = new String(bytes, StandardCharsets.ISO_8859_1);
    Files.write(
        f, latin.replace("project.jsoN", "project.json").getBytes(StandardCharsets.ISO_8859_1));
    String msg = error(f);
    assertTrue(msg.contains("holds project.json twice"), msg);
  }

  @Test
  void mapsDeclaringAnotherSizeAreRefusedBeforeDecoding() throws Exception {
    String labels = error(with("labels.png", ForgedPng.declaring(20000, 20000, 8, 0)));
    assertTrue(labels.contains("labels.png is 20000x20000 but the project says 64x48"), labels);
    String ids = error(with("instances.png", ForgedPng.declaring(64, 48, 8, 2)));
    assertTrue(ids.contains("instances.png is a 8-bit RGB PNG"), ids);
  }

  @Test
  void aRenderThatCannotBeThisPaintingsPreviewIsDroppedNotDecoded() throws Exception {
    Project huge =
        ProjectFile.load(
            with("render.png", ForgedPng.declaring(20000, 15000, 8, 2)), Fixtures.palettes());
    assertTrue(huge.lastRender().isEmpty());
    Project sideways =
        ProjectFile.load(
            with("render.png", ForgedPng.filled(24, 64, 8, 2, 90)), Fixtures.palettes());
    assertTrue(sideways.lastRender().isEmpty());
    assertEquals(64, sideways.scene().width());
    Project fine =
        ProjectFile.load(
            with("render.png", ForgedPng.filled(64, 48, 8, 2, 90)), Fixtures.palettes());
    assertEquals(64, fine.lastRenderWidth());
  }

  @Test
  void unknownEntriesAreSkippedUnreadHoweverLarge() throws Exception {
    // Larger than the per-entry cap: read into memory, this would be refused (or exhaust it).
    Path f = with("padding.bin", new byte[513 << 20]);
    Project p = ProjectFile.load(f, Fixtures.palettes());
    assertEquals(64, p.scene().width());
  }

  @Test
  void aPalettePathInAProjectIsRefused() throws Exception {
    Path outside = dir.resolve("x.json");
    Files.writeString(
        outside, Files.readString(Fixtures.home().resolve("palettes/landscape.json")));
    String traversal = "../../../../../../../../" + outside.toString().replace(".json", "");
    String msg =
        error(withJson("\"palette\": \"landscape\"", "\"palette\": \"" + traversal + "\""));
    assertTrue(msg.contains("not a path"), msg);
  }
}
