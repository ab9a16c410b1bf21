package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.io.LabelImport;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.testing.Fixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class LabelImportTest {
  final Palette palette = Fixtures.palettes().load("landscape");

  @Test
  void antiAliasedEdgesSnapToTheNeighbouringClasses() {
    int sky = palette.indexOf("sky").orElseThrow();
    int sea = palette.indexOf("sea").orElseThrow();
    BufferedImage img = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(palette.get(sky).rgb()));
    g.fillRect(0, 0, 120, 120);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(palette.get(sea).rgb()));
    g.fill(new Ellipse2D.Double(20.3, 20.7, 70.4, 60.1));
    g.setColor(new Color(0x123456)); // a colour far from every class, away from any edge
    g.fillRect(0, 110, 3, 3);
    g.dispose();
    LabelImport.Report r = LabelImport.importColors(img, palette, LabelImport.DEFAULT_TOLERANCE);
    assertTrue(r.snapped() > 50, "anti-aliased edge pixels: " + r.summary());
    for (int y = 0; y < 110; y++) {
      for (int x = 0; x < 120; x++) {
        int v = r.labels().get(x, y);
        assertTrue(v == sky || v == sea, "pixel (" + x + "," + y + ") became class " + v);
      }
    }
    assertEquals(sea, r.labels().get(55, 50));
    // The far-off colour sits next to sky pixels, so it snaps to sky, not to a third class.
    assertEquals(sky, r.labels().get(1, 111));
  }

  @Test
  void coloursFarFromEverythingStayUnknownAndAreCounted() {
    BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        img.setRGB(x, y, 0x800080);
      }
    }
    LabelImport.Report r = LabelImport.importColors(img, palette, 20);
    assertEquals(100, r.unknownColors());
    assertEquals(Palette.UNKNOWN, r.labels().get(5, 5));
    assertTrue(r.summary().contains("100 of unknown colours"));
  }
}
