package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.LabelRetarget;
import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The public data sets' palettes: official order, names and colours; re-targeting by name. */
class PublicPalettesTest {
  final PaletteLoader palettes = Fixtures.palettes();

  static int rgb(int r, int g, int b) {
    return (r << 16) | (g << 8) | b;
  }

  @Test
  void cocoStuffHasItsOfficialOrderNamesAndTheDemoColours() {
    Palette p = palettes.load("coco-stuff");
    assertEquals(182, p.size());
    assertEquals("person", p.get(0).name());
    assertEquals("street sign", p.get(11).name());
    assertTrue(p.get(11).hidden(), "ids removed from COCO stay for the model but are hidden");
    assertEquals(11, p.classes().stream().filter(LabelClass::hidden).count());
    assertEquals("toothbrush", p.get(89).name());
    assertEquals("banner", p.get(91).name());
    assertEquals("wood", p.get(181).name());
    assertTrue(p.get(0).isThing());
    assertFalse(p.get(91).isThing());
    assertEquals(rgb(54, 62, 167), p.get(p.indexOf("sea").orElseThrow()).rgb());
    assertEquals(rgb(95, 219, 255), p.get(p.indexOf("sky-other").orElseThrow()).rgb());
  }

  @Test
  void ade20kAndCityscapesKeepOfficialColoursAndRecordTheOnesTheyRepeat() {
    Palette ade = palettes.load("ade20k");
    assertEquals(150, ade.size());
    assertEquals("wall", ade.get(0).name());
    assertEquals(rgb(6, 230, 230), ade.get(2).rgb()); // sky
    assertEquals("flag", ade.get(149).name());
    LabelClass skyscraper = ade.get(ade.indexOf("skyscraper").orElseThrow());
    assertEquals(
        rgb(140, 140, 140), skyscraper.datasetRgb(), "ADE20K gives road and it one colour");

    Palette cs = palettes.load("cityscapes");
    assertEquals(35, cs.size());
    assertEquals("road", cs.get(7).name());
    assertEquals(rgb(128, 64, 128), cs.get(7).rgb());
    assertEquals("bicycle", cs.get(33).name());
    assertEquals("license plate", cs.get(34).name());
    assertEquals(0, cs.get(0).datasetRgb(), "unlabeled is black in Cityscapes");
    assertTrue(cs.get(cs.indexOf("car").orElseThrow()).isThing());
    assertFalse(cs.get(cs.indexOf("road").orElseThrow()).isThing());
  }

  @Test
  void landscapeRetargetsToCocoStuffCompletelyAndToCityscapesWithAReport() {
    Palette landscape = palettes.load("landscape");
    Palette coco = palettes.load("coco-stuff");
    for (LabelClass c : landscape.classes()) {
      assertTrue(LabelRetarget.match(c, coco).isPresent(), c.name() + " has a COCO-Stuff class");
    }
    LabelMap map = new LabelMap(10, 10);
    map.fill(landscape.indexOf("lake").orElseThrow());
    for (int x = 0; x < 10; x++) {
      map.set(x, 0, landscape.indexOf("sky").orElseThrow());
      map.set(x, 1, landscape.indexOf("flower").orElseThrow());
    }
    map.set(0, 9, Palette.UNKNOWN);
    LabelRetarget.Result toCoco = LabelRetarget.retarget(map, landscape, coco);
    assertEquals(coco.indexOf("sky-other").orElseThrow(), toCoco.labels().get(3, 0));
    assertEquals(coco.indexOf("water-other").orElseThrow(), toCoco.labels().get(3, 5));
    assertEquals(Palette.UNKNOWN, toCoco.labels().get(0, 9));
    assertTrue(toCoco.unmapped().isEmpty());

    LabelRetarget.Result toCs = LabelRetarget.retarget(map, landscape, palettes.load("cityscapes"));
    assertEquals(Palette.UNKNOWN, toCs.labels().get(3, 5), "no lake in Cityscapes: unpainted");
    assertEquals(2, toCs.unmapped().size());
    assertTrue(toCs.summary().contains("lake 79.0 %"), toCs.summary());
    assertTrue(toCs.summary().startsWith("1 of 3 classes map"), toCs.summary());
  }
}
