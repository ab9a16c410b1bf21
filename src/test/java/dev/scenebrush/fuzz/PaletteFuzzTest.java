package dev.scenebrush.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scenebrush.inference.palette.PaletteException;
import dev.scenebrush.inference.palette.PaletteLoader;
import java.nio.file.Path;

/** Any bytes as a palette file: a palette or a {@link PaletteException}, nothing else. */
class PaletteFuzzTest {
  private static final Path FILE = FuzzFiles.scratch("p.json");

  @FuzzTest(maxDuration = "10s")
  void anyBytes(byte[] data) {
    FuzzFiles.write(FILE, data);
    try {
      new PaletteLoader(FILE.getParent()).load("p");
    } catch (PaletteException refused) {
      // a typed refusal is the right answer to a bad file
    }
  }
}
