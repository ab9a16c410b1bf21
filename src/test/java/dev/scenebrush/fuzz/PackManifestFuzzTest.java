package dev.scenebrush.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.pack.PackLoader;
import dev.scenebrush.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Any bytes as pack.json beside the test pack's models: a pack or a {@link PackException}. */
class PackManifestFuzzTest {
  private static final Path PACK = copy();

  private static Path copy() {
    try {
      return Fixtures.copyTinyPack(FuzzFiles.scratch("x").getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyBytes(byte[] data) {
    FuzzFiles.write(PACK.resolve("pack.json"), data);
    try {
      new PackLoader(Fixtures.palettes()).load(PACK);
    } catch (PackException refused) {
      // a typed refusal is the right answer to a bad manifest
    }
  }
}
