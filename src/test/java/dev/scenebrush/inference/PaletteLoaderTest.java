package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteException;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaletteLoaderTest {
  @TempDir Path dir;

  @Test
  void loadsTheLandscapePalette() {
    Palette p = Fixtures.palettes().load("landscape");
    assertTrue(p.size() >= 14);
    assertEquals(0, p.indexOf("sky").orElseThrow());
    assertEquals(0x87CEEB, p.get(0).rgb());
    assertTrue(p.get(p.indexOf("tree").orElseThrow()).isThing());
    assertEquals(p.indexOf("house"), p.indexOfColor(0xD2222D));
    assertEquals(Palette.UNKNOWN_RGB, p.colorOf(Palette.UNKNOWN));
  }

  @Test
  void unknownPaletteNamesTheAvailableOnes() {
    PaletteException e =
        assertThrows(PaletteException.class, () -> Fixtures.palettes().load("nope"));
    assertTrue(e.getMessage().contains("unknown palette 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("landscape"), e.getMessage());
  }

  private String load(String json) throws Exception {
    Files.writeString(dir.resolve("p.json"), json);
    return assertThrows(PaletteException.class, () -> new PaletteLoader(dir).load("p"))
        .getMessage();
  }

  @Test
  void invalidPalettesAreRefusedWithTheReason() throws Exception {
    String head = "{\"id\":\"p\",\"classes\":[";
    assertTrue(
        load(head
                + "{\"name\":\"a\",\"color\":\"#010101\",\"kind\":\"stuff\"},"
                + "{\"name\":\"b\",\"color\":\"#010101\",\"kind\":\"stuff\"}]}")
            .contains("used by another class"));
    assertTrue(
        load(head + "{\"name\":\"a\",\"color\":\"#010101\",\"kind\":\"blob\"}]}")
            .contains("kind must be"));
    assertTrue(
        load(head + "{\"name\":\"a\",\"color\":\"red\",\"kind\":\"stuff\"}]}").contains("#RRGGBB"));
    assertTrue(
        load(head + "{\"name\":\"a\",\"color\":\"#000000\",\"kind\":\"stuff\"}]}")
            .contains("reserved for UNKNOWN"));
    assertTrue(load("{\"id\":\"p\",\"classes\":[]}").contains("missing or empty"));
    String alias =
        load(
            head
                + "{\"name\":\"a\",\"color\":\"#010101\",\"kind\":\"stuff\",\"aliases\":[;\"b\"]}]}");
    assertTrue(alias.contains("empty entry in \"aliases\""), alias);
    assertTrue(load("{not json").contains("not valid JSON"));
  }

  @Test
  void aPaletteIsFoundByIdOnlyNeverByPath() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("palettes"));
    String valid = Files.readString(Fixtures.home().resolve("palettes/landscape.json"));
    Path outside = Files.writeString(dir.resolve("evil.json"), valid);
    PaletteLoader loader = new PaletteLoader(folder);
    for (String id :
        new String[] {"../evil", outside.toString().replace(".json", ""), "a/../../evil"}) {
      String msg = assertThrows(PaletteException.class, () -> loader.load(id)).getMessage();
      assertTrue(msg.contains("not a path"), msg);
    }
    Files.createSymbolicLink(folder.resolve("linked.json"), outside);
    String link = assertThrows(PaletteException.class, () -> loader.load("linked")).getMessage();
    assertTrue(link.contains("links outside"), link);
    Files.writeString(folder.resolve("mine.v2.json"), valid);
    assertEquals("landscape", loader.load("mine.v2").id());
  }
}
