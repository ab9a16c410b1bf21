package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.retrieval.GuidanceComposer;
import dev.scenebrush.inference.retrieval.PaintedSegment;
import dev.scenebrush.inference.retrieval.RetrievalSession;
import dev.scenebrush.inference.retrieval.SegmentLibrary;
import dev.scenebrush.inference.retrieval.SegmentLibraryException;
import dev.scenebrush.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting a painting, RESAIL's four composition rules, caching across edits, local re-roll. */
class RetrievalGuidanceTest {
  final Palette palette = Fixtures.palettes().load("landscape");
  final int sky = palette.indexOf("sky").orElseThrow();
  final int grass = palette.indexOf("grass").orElseThrow();
  final int tree = palette.indexOf("tree").orElseThrow();
  final int house = palette.indexOf("house").orElseThrow();
  static final Path SMALL = Fixtures.home().resolve("src/test/resources/segments/small.bin");

  /** A library with one full-square segment per class, each patch one flat colour. */
  static Path squaresLibrary(Path dir, int classes, int[] colours) throws Exception {
    int m = 8;
    int ps = 4;
    int rec = 24 + m * m + ps * ps * 3;
    ByteBuffer b =
        ByteBuffer.allocate(56 + 8 * classes + rec * classes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("SBSEGLIB".getBytes()).putInt(1).putShort((short) m).putShort((short) ps);
    b.putShort((short) classes).putShort((short) 0).putInt(classes);
    byte[] pal = new byte[32];
    System.arraycopy("landscape".getBytes(), 0, pal, 0, 9);
    b.put(pal);
    for (int c = 0; c < classes; c++) {
      b.putInt(c).putInt(1);
    }
    for (int c = 0; c < classes; c++) {
      b.putShort((short) c).putShort((short) 0).putShort((short) 40).putShort((short) 40);
      b.putShort((short) 0).putShort((short) 0).putShort((short) 10).putShort((short) 10);
      b.putInt(100).putInt(0);
      for (int i = 0; i < m * m; i++) {
        b.put((byte) 255);
      }
      for (int i = 0; i < ps * ps; i++) {
        b.put((byte) (colours[c] >> 16)).put((byte) (colours[c] >> 8)).put((byte) colours[c]);
      }
    }
    Path f = dir.resolve("squares.bin");
    Files.write(f, b.array());
    return f;
  }

  @Test
  void theFourCompositionRules(@TempDir Path dir) throws Exception {
    int[] colours = new int[palette.size()];
    for (int c = 0; c < colours.length; c++) {
      colours[c] = 0x101010 * (c + 1) & 0xFFFFFF;
    }
    SegmentLibrary lib = SegmentLibrary.open(squaresLibrary(dir, palette.size(), colours));
    LabelMap map = new LabelMap(40, 40);
    map.fill(sky);
    InstanceMap ids = new InstanceMap(40, 40);
    // A round tree (instance 1) whose box corners lie on sky, except one on a house (instance 2).
    for (int y = 10; y < 20; y++) {
      for (int x = 10; x < 20; x++) {
        if ((x - 14.5) * (x - 14.5) + (y - 14.5) * (y - 14.5) <= 25) {
          map.set(x, y, tree);
          ids.raw()[y * 40 + x] = 1;
        }
      }
    }
    map.set(19, 19, house);
    ids.raw()[19 * 40 + 19] = 2;
    // An L of grass: its box has a corner of sky.
    for (int y = 30; y < 40; y++) {
      for (int x = 0; x < 10; x++) {
        if (x < 4 || y >= 36) {
          map.set(x, y, grass);
        }
      }
    }
    List<PaintedSegment> segs = PaintedSegment.split(map, ids, palette, 1);
    List<GuidanceComposer.Placement> placed =
        segs.stream().map(s -> new GuidanceComposer.Placement(s, s.classIndex())).toList();
    int[] g = GuidanceComposer.compose(map, palette, placed, lib);
    int treeColour = 0xFF000000 | colours[tree];
    assertEquals(treeColour, g[14 * 40 + 14], "rule 1: inside both");
    assertEquals(
        treeColour, g[10 * 40 + 10], "rule 3: an object's retrieved pixels over stuff stay");
    assertNotEquals(treeColour, g[19 * 40 + 19], "rule 4: not over another object");
    assertEquals(0xFF000000 | colours[house], g[19 * 40 + 19]);
    assertEquals(0xFF000000 | colours[grass], g[31 * 40 + 1]);
    assertEquals(
        0xFF000000 | colours[sky], g[31 * 40 + 8], "rule 2: grass is not pasted outside its L");
  }

  LabelMap landscape(InstanceMap ids) {
    LabelMap map = new LabelMap(96, 64);
    map.fill(sky);
    for (int y = 36; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        map.set(x, y, grass);
      }
    }
    for (int y = 20; y < 44; y++) {
      for (int x = 40; x < 52; x++) {
        map.set(x, y, tree);
        ids.raw()[y * 96 + x] = 1;
      }
    }
    return map;
  }

  @Test
  void editsReRetrieveOnlyWhatChangedAndAnotherSegmentIsLocal() {
    SegmentLibrary lib = SegmentLibrary.open(SMALL);
    RetrievalSession session = new RetrievalSession(lib, palette);
    InstanceMap ids = new InstanceMap(96, 64);
    LabelMap map = landscape(ids);
    List<GuidanceComposer.Placement> first = session.place(map, ids);
    assertEquals(3, first.size(), "sky, grass, tree");
    assertEquals(3, session.searches());
    session.place(map, ids);
    assertEquals(3, session.searches(), "nothing changed: nothing searched");
    // Paint a second tree on the sky: the new tree and the sky it cut are searched, grass is not.
    for (int y = 4; y < 14; y++) {
      for (int x = 80; x < 88; x++) {
        map.set(x, y, tree);
        ids.raw()[y * 96 + x] = 2;
      }
    }
    session.place(map, ids);
    assertEquals(5, session.searches());

    int[] before = GuidanceComposer.compose(map, palette, session.place(map, ids), lib);
    assertTrue(session.another(map, ids, 45, 30), "another tree segment");
    int[] after = GuidanceComposer.compose(map, palette, session.place(map, ids), lib);
    int changed = 0;
    for (int p = 0; p < before.length; p++) {
      if (before[p] != after[p]) {
        changed++;
        int x = p % 96;
        int y = p / 96;
        assertTrue(
            x >= 40 && x < 52 && y >= 20 && y < 44, "changed outside the tree: " + x + "," + y);
      }
    }
    assertTrue(changed > 0);
  }

  @Test
  void aLibraryOfAnotherPaletteIsRefused(@TempDir Path dir) {
    SegmentLibrary lib = SegmentLibrary.open(SMALL);
    Palette cs = Fixtures.palettes().load("cityscapes");
    assertTrue(
        assertThrows(SegmentLibraryException.class, () -> new RetrievalSession(lib, cs))
            .getMessage()
            .contains("cut in palette 'landscape'"));
  }
}
