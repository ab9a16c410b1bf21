package dev.scenebrush.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.io.LabelImport;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;

/** Any bytes as an imported label image: a label map or a {@link LabelImageException}. */
class LabelImportFuzzTest {
  private static final Path FILE = FuzzFiles.scratch("labels.png");
  private static final Palette PALETTE = Fixtures.palettes().load("landscape");

  @FuzzTest(maxDuration = "10s")
  void anyBytes(byte[] data) {
    FuzzFiles.write(FILE, data);
    try {
      LabelImport.importColors(LabelImages.readImage(FILE), PALETTE, LabelImport.DEFAULT_TOLERANCE);
    } catch (LabelImageException refused) {
      // a typed refusal is the right answer to a bad file
    }
  }
}
