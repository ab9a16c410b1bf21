package dev.scenebrush.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scenebrush.inference.project.ProjectException;
import dev.scenebrush.inference.project.ProjectFile;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;

/** Any bytes as a .sbrush project: a project or a {@link ProjectException}, nothing else. */
class ProjectFileFuzzTest {
  private static final Path FILE = FuzzFiles.scratch("f.sbrush");

  @FuzzTest(maxDuration = "10s")
  void anyBytes(byte[] data) {
    FuzzFiles.write(FILE, data);
    try {
      ProjectFile.load(FILE, Fixtures.palettes());
    } catch (ProjectException refused) {
      // a typed refusal is the right answer to a bad file
    }
  }
}
