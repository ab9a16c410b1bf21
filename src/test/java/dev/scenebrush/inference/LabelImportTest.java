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

  /** Pixels whose imported class is nowhere within 2 px of them in the original map. */
  private static double strayShare(
      dev.scenebrush.inference.document.LabelMap truth,
      dev.scenebrush.inference.document.LabelMap got) {
    int w = truth.width();
    int h = truth.height();
    int stray = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = got.get(x, y);
        boolean near = false;
        for (int dy = -2; dy <= 2 && !near; dy++) {
          for (int dx = -2; dx <= 2 && !near; dx++) {
            int nx = Math.min(w - 1, Math.max(0, x + dx));
            int ny = Math.min(h - 1, Math.max(0, y + dy));
            near = truth.get(nx, ny) == v;
          }
        }
        stray += near ? 0 : 1;
      }
    }
    return stray / (double) (w * h);
  }

  private static BufferedImage jpegOf(BufferedImage img) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "jpeg", out);
    return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(out.toByteArray()));
  }

  private static BufferedImage blurred(BufferedImage img) {
    float[] k = new float[25];
    java.util.Arrays.fill(k, 1f / 25);
    BufferedImage rgb =
        new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(img, 0, 0, null);
    return new java.awt.image.ConvolveOp(
            new java.awt.image.Kernel(5, 5, k), java.awt.image.ConvolveOp.EDGE_NO_OP, null)
        .filter(rgb, null);
  }

  @Test
  void jpegAndBlurredMapsKeepEveryPixelNearItsOwnClasses() throws Exception {
    var sample = dev.scenebrush.inference.sample.SampleScene.bundled(palette);
    var truth = sample.labels();
    BufferedImage colours = dev.scenebrush.inference.io.ImageViews.labels(truth, palette, false);
    BufferedImage rgb =
        new BufferedImage(colours.getWidth(), colours.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(colours, 0, 0, null);
    double jpeg =
        strayShare(
            truth,
            LabelImport.importColors(jpegOf(rgb), palette, LabelImport.DEFAULT_TOLERANCE).labels());
    double blur =
        strayShare(
            truth,
            LabelImport.importColors(blurred(rgb), palette, LabelImport.DEFAULT_TOLERANCE)
                .labels());
    System.out.printf("stray pixels: JPEG %.4f%%, blurred %.4f%%%n", 100 * jpeg, 100 * blur);
    assertTrue(
        jpeg <= 0.0005, "JPEG: " + 100 * jpeg + " % of pixels became a class not within 2 px");
    assertTrue(
        blur <= 0.0005, "blurred: " + 100 * blur + " % of pixels became a class not within 2 px");
  }
}
