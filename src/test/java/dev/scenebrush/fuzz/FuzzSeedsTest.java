package dev.scenebrush.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.io.LabelImport;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.inference.retrieval.SegmentLibrary;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fuzzers start from valid files: each seed loads, so mutations explore past the header. */
class FuzzSeedsTest {
  private static Path seed(String target, String name) throws Exception {
    return Path.of(
        FuzzSeedsTest.class.getResource(target + "FuzzTestInputs/anyBytes/" + name).toURI());
  }

  @Test
  void everySeedIsAValidFile() throws Exception {
    var project = ProjectFile.load(seed("ProjectFile", "small.sbrush"), Fixtures.palettes());
    assertEquals(1, project.scene().instances().size());
    assertTrue(project.lastRender().isPresent());
    var lib = SegmentLibrary.open(seed("SegmentLibrary", "tiny"));
    assertTrue(lib.size() > 0);
    var imported =
        LabelImport.importColors(
            LabelImages.readImage(seed("LabelImport", "colours.png")),
            Fixtures.palettes().load("landscape"),
            LabelImport.DEFAULT_TOLERANCE);
    assertEquals(32 * 24, imported.exact());
  }
}
