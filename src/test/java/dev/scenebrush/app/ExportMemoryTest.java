package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.app.export.ExportMemory;
import dev.scenebrush.app.export.ExportSettings;
import dev.scenebrush.app.export.LayeredFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered export settings: written back as they were, damaged files forgotten. */
class ExportMemoryTest {
  @TempDir Path settings;

  @Test
  void settingsComeBackAsTheyWereStored() {
    ExportSettings s =
        new ExportSettings(
            4096, 2048, settings.resolve("a.png"), true, false, true, LayeredFormat.PSD);
    new ExportMemory(settings).remember(s);
    assertEquals(s, new ExportMemory(settings).last().orElseThrow());
  }

  @Test
  void aDamagedOrImplausibleFileOnlyLosesTheSuggestion() throws Exception {
    Path f = settings.resolve("export.json");
    for (String text :
        new String[] {
          "{not json",
          "[]",
          "null",
          "{\"width\":0,\"height\":5,\"image\":\"a.png\"}",
          "{\"width\":5,\"height\":5}",
          "{\"width\":5,\"height\":5,\"image\":\"\\u0000\"}"
        }) {
      Files.writeString(f, text);
      assertTrue(new ExportMemory(settings).last().isEmpty(), text);
    }
    Files.write(f, new byte[100_000]);
    assertTrue(new ExportMemory(settings).last().isEmpty(), "an oversized file is not read");
  }
}
