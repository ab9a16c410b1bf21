package dev.scenebrush.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scenebrush.inference.retrieval.SegmentLibrary;
import dev.scenebrush.inference.retrieval.SegmentLibraryException;
import java.nio.file.Path;

/** Any bytes as segments.bin: a library whose every record reads, or a typed refusal. */
class SegmentLibraryFuzzTest {
  private static final Path FILE = FuzzFiles.scratch("segments.bin");

  @FuzzTest(maxDuration = "10s")
  void anyBytes(byte[] data) {
    FuzzFiles.write(FILE, data);
    try {
      SegmentLibrary lib = SegmentLibrary.open(FILE);
      for (int i = 0; i < lib.size(); i++) {
        lib.patch(i);
        lib.mask(i);
      }
    } catch (SegmentLibraryException refused) {
      // a typed refusal is the right answer to a bad file
    }
  }
}
