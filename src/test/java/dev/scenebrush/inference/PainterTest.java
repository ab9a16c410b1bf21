package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.Painter;
import org.junit.jupiter.api.Test;

class PainterTest {
  @Test
  void dabsAreHardEdgedDiscs() {
    LabelMap m = new LabelMap(32, 32);
    m.fill(0);
    DirtyRect d = Painter.dab(m, 16, 16, 10, 5);
    int painted = 0;
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int v = m.get(x, y);
        assertTrue(v == 0 || v == 5, "no blended values");
        if (v == 5) {
          painted++;
          assertTrue(x >= d.x() && x < d.x() + d.width() && y >= d.y() && y < d.y() + d.height());
        }
      }
    }
    assertEquals(Math.PI * 25, painted, 12);
  }

  @Test
  void strokesAreContinuous() {
    LabelMap m = new LabelMap(100, 10);
    m.fill(0);
    Painter.line(m, 2, 5, 97, 5, 3, 1);
    for (int x = 2; x < 97; x++) {
      assertEquals(1, m.get(x, 5), "gap at x=" + x);
    }
  }

  @Test
  void fillIsFourConnectedAndDoesNotLeakThroughDiagonals() {
    // A diagonal wall of class 1 separates the two triangles of class 0.
    int n = 20;
    LabelMap m = new LabelMap(n, n);
    m.fill(0);
    for (int i = 0; i < n; i++) {
      m.set(i, i, 1);
    }
    DirtyRect d = Painter.fill(m, n - 1, 0, 2);
    assertEquals(2, m.get(n - 1, 0));
    assertEquals(0, m.get(0, n - 1), "fill leaked across a diagonal");
    assertEquals(1, m.get(5, 5));
    assertTrue(!d.isEmpty());
  }

  @Test
  void fillOfALargeCanvasDoesNotOverflowTheStack() {
    LabelMap m = new LabelMap(2048, 2048);
    m.fill(0);
    Painter.fill(m, 0, 0, 3);
    assertEquals(3, m.get(2047, 2047));
  }
}
