package dev.scenebrush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.api.Test;

class RetrievalBenchTest {
  @Test
  void printsTimePerSegmentAndRefusesAForeignFile() {
    String lib = Fixtures.home().resolve("src/test/resources/segments/small.bin").toString();
    CliTest.Run r = CliTest.run("bench", "retrieval", lib, "--queries", "50");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("160 segments"), r.out());
    assertTrue(r.out().matches("(?s).*per segment: median [0-9.]+ ms.*"), r.out());
    String notALibrary = Fixtures.home().resolve("palettes/landscape.json").toString();
    CliTest.Run bad = CliTest.run("bench", "retrieval", notALibrary);
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("not a segment library"), bad.err());
  }

  @Test
  void benchClassComparesANewLookWithAFullRender() {
    String pack = Fixtures.tinyPackFolder().toString();
    CliTest.Run r = CliTest.run("bench", "class", "--pack", pack, "--size", "128", "--runs", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .matches(
                "(?s).*objects in class mode, each with a look of its own: full render [0-9.]+ ms"
                    + ".*ratio [0-9.]+\\).*scene's look.*full render [0-9.]+ ms \\([0-9.]+x\\).*"),
        r.out());
    String released =
        Fixtures.home().resolve("src/test/resources/packs/released/spade-ade20k").toString();
    assertEquals(2, CliTest.run("bench", "class", "--pack", released).code());
  }

  @Test
  void renderWithRetrieval(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String labels = Fixtures.home().resolve("samples/valley-labels.png").toString();
    String out = dir.resolve("r.png").toString();
    String pack = Fixtures.tinyPackFolder().toString();
    CliTest.Run r =
        CliTest.run("render", labels, "-o", out, "--pack", pack, "--retrieval", "--size", "96x64");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("retrieval generator of pack 'tiny' (160 segments"), r.out());
    String released =
        Fixtures.home().resolve("src/test/resources/packs/released/spade-ade20k").toString();
    CliTest.Run none = CliTest.run("render", labels, "-o", out, "--pack", released, "--retrieval");
    assertEquals(2, none.code());
  }
}
