package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.retrieval.Retriever;
import dev.scenebrush.inference.retrieval.SegmentLibrary;
import dev.scenebrush.inference.retrieval.SegmentLibraryException;
import dev.scenebrush.inference.retrieval.SegmentQuery;
import dev.scenebrush.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment library written by the Python builder, read here; the geometric score. */
class SegmentLibraryTest {
  static final Path SMALL = Fixtures.home().resolve("src/test/resources/segments/small.bin");

  @Test
  void readsTheBuildersFileWithClassGroupsMasksAndPatches() {
    SegmentLibrary lib = SegmentLibrary.open(SMALL);
    assertEquals("landscape", lib.paletteId());
    assertEquals(160, lib.size());
    assertEquals(18, lib.classes());
    assertEquals(24, lib.maskSize());
    int tree = Fixtures.palettes().load("landscape").indexOf("tree").orElseThrow();
    assertEquals(51, lib.classCount(tree));
    int sum = 0;
    for (int c = 0; c < lib.classes(); c++) {
      for (int i = lib.classFirst(c); i < lib.classFirst(c) + lib.classCount(c); i++) {
        assertEquals(c, lib.classOf(i));
      }
      sum += lib.classCount(c);
    }
    assertEquals(160, sum);
    int t = lib.classFirst(tree);
    assertTrue(lib.isThing(t));
    byte[] mask = lib.mask(t);
    assertTrue(Arrays.asList(0, 255).containsAll(bytes(mask)), "masks hold 0 or 255");
    assertTrue(bytes(mask).contains(255));
    int[] patch = lib.patch(t);
    assertEquals(24 * 24, patch.length);
    assertTrue(Arrays.stream(patch).distinct().count() > 3, "a real patch, not a flat one");
  }

  private static java.util.List<Integer> bytes(byte[] b) {
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (byte v : b) {
      out.add(v & 0xFF);
    }
    return out;
  }

  @Test
  void aSegmentFindsItselfFirstAndAnotherSegmentSkipsIt() {
    SegmentLibrary lib = SegmentLibrary.open(SMALL);
    Retriever r = new Retriever(lib);
    int tree = Fixtures.palettes().load("landscape").indexOf("tree").orElseThrow();
    int self = lib.classFirst(tree) + 7;
    SegmentQuery q =
        new SegmentQuery(tree, lib.mask(self), lib.relativeArea(self), lib.aspect(self));
    assertEquals(0.0, r.score(q, self), 1e-6);
    int[] best = r.best(q, 3, null);
    assertEquals(self, best[0]);
    assertTrue(r.score(q, best[1]) <= r.score(q, best[2]));
    int[] another = r.best(q, 1, i -> i == self);
    assertTrue(another[0] != self && lib.classOf(another[0]) == tree);
    assertEquals(0, lib.classCount(17), "no house in this small library");
    assertEquals(0, r.best(new SegmentQuery(17, q.mask(), 0.1f, 1f), 5, null).length);
  }

  @Test
  void theScoreRanksKnownShapes() {
    int m = 16;
    int w = 64;
    int h = 64;
    SegmentQuery square = SegmentQuery.of(0, i -> inSquare(i % w, i / w), w, h, m);
    SegmentQuery disc = SegmentQuery.of(0, i -> inDisc(i % w, i / w), w, h, m);
    SegmentQuery triangle = SegmentQuery.of(0, i -> i % w <= i / w, w, h, m);
    for (byte v : square.mask()) {
      assertEquals((byte) 255, v, "a full box is all inside");
    }
    double sd = shapeDistance(square, disc);
    double st = shapeDistance(square, triangle);
    double dt = shapeDistance(disc, triangle);
    assertTrue(sd < st, "a disc is closer to a square than a triangle is: " + sd + " vs " + st);
    assertTrue(sd > 0.1 && sd < 0.3, "disc vs square ~ 1 - pi/4: " + sd);
    assertTrue(dt > 0.2, "disc vs triangle " + dt);
    // Scale: the same shape at half the size costs SCALE_WEIGHT * ln 4 (area) and nothing else.
    SegmentQuery small = SegmentQuery.of(0, i -> i % w < 16 && i / w < 16, w, h, m);
    SegmentQuery big = SegmentQuery.of(0, i -> i % w < 32 && i / w < 32, w, h, m);
    assertEquals(Retriever.SCALE_WEIGHT * Math.log(4), scoreBetween(small, big, m), 1e-4);
  }

  private static boolean inSquare(int x, int y) {
    return x >= 8 && x < 40 && y >= 8 && y < 40;
  }

  private static boolean inDisc(int x, int y) {
    return (x - 23.5) * (x - 23.5) + (y - 23.5) * (y - 23.5) <= 16 * 16;
  }

  /** Score of b as a one-segment library against query a. */
  private double scoreBetween(SegmentQuery a, SegmentQuery b, int m) {
    try {
      Path f = Files.createTempFile("lib", ".bin");
      write(f, m, b);
      return new Retriever(SegmentLibrary.open(f)).score(a, 0);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private double shapeDistance(SegmentQuery a, SegmentQuery b) {
    int differ = 0;
    for (int i = 0; i < a.mask().length; i++) {
      differ += a.mask()[i] != b.mask()[i] ? 1 : 0;
    }
    return differ / (double) a.mask().length;
  }

  /** A one-class, one-segment library in the builder's layout (docs/segments.md). */
  static void write(Path f, int m, SegmentQuery s) throws Exception {
    int patch = 2;
    int rec = 24 + m * m + patch * patch * 3;
    ByteBuffer b = ByteBuffer.allocate(56 + 8 + rec).order(ByteOrder.LITTLE_ENDIAN);
    b.put("SBSEGLIB".getBytes()).putInt(1).putShort((short) m).putShort((short) patch);
    b.putShort((short) 1).putShort((short) 0).putInt(1).put(new byte[32]);
    b.putInt(0).putInt(1);
    int side = 100;
    int area = Math.round(s.relativeArea() * side * side);
    b.putShort((short) 0).putShort((short) 0).putShort((short) side).putShort((short) side);
    b.putShort((short) 0).putShort((short) 0).putShort((short) Math.round(10 * s.aspect()));
    b.putShort((short) 10).putInt(area).putInt(0);
    b.put(s.mask()).put(new byte[patch * patch * 3]);
    Files.write(f, b.array());
  }

  @Test
  void damagedLibrariesAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
    byte[] good = Files.readAllBytes(SMALL);
    Path f = dir.resolve("segments.bin");
    Files.write(f, Arrays.copyOf(good, good.length - 100));
    assertTrue(
        assertThrows(SegmentLibraryException.class, () -> SegmentLibrary.open(f))
            .getMessage()
            .contains("truncated or damaged"));
    byte[] magic = good.clone();
    magic[0] = 'X';
    Files.write(f, magic);
    assertTrue(
        assertThrows(SegmentLibraryException.class, () -> SegmentLibrary.open(f))
            .getMessage()
            .contains("not a segment library"));
    byte[] table = good.clone();
    ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).putInt(56 + 8 * 3 + 4, 999);
    Files.write(f, table);
    assertTrue(
        assertThrows(SegmentLibraryException.class, () -> SegmentLibrary.open(f))
            .getMessage()
            .contains("class table"));
    Files.write(f, new byte[10]);
    assertTrue(
        assertThrows(SegmentLibraryException.class, () -> SegmentLibrary.open(f))
            .getMessage()
            .contains("shorter than its header"));
    byte[] version = good.clone();
    version[8] = 9;
    Files.write(f, version);
    assertTrue(
        assertThrows(SegmentLibraryException.class, () -> SegmentLibrary.open(f))
            .getMessage()
            .contains("format version 9"));
    assertArrayEquals(good, Files.readAllBytes(SMALL), "the fixture itself is untouched");
  }
}
