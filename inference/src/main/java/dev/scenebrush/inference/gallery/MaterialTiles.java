package dev.scenebrush.inference.gallery;

import dev.scenebrush.inference.io.ImageHeader;
import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackException;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pack's material atlas cut into one picture per class. */
public final class MaterialTiles {
  /** Largest atlas side accepted; 6 columns of 256-pixel tiles fit, a forged header does not. */
  public static final int MAX_ATLAS_SIDE = 8192;

  private MaterialTiles() {}

  /**
   * Class name → its tile, for every class whose tile is not fully transparent. The atlas's size is
   * checked from its header before it is decoded.
   *
   * @throws PackException naming the atlas and what is wrong with it
   */
  public static Map<String, BufferedImage> read(ModelPack.Materials materials) {
    String what = "material atlas " + materials.atlas().getFileName();
    int tile = materials.tile();
    BufferedImage atlas;
    try {
      ImageHeader header = LabelImages.header(materials.atlas());
      if (header.width() > MAX_ATLAS_SIDE || header.height() > MAX_ATLAS_SIDE) {
        throw new PackException(
            what + ": " + header.width() + "x" + header.height() + " is over " + MAX_ATLAS_SIDE);
      }
      if (header.width() % tile != 0 || header.height() % tile != 0) {
        throw new PackException(
            what
                + ": "
                + header.width()
                + "x"
                + header.height()
                + " is not a whole number of "
                + tile
                + "-pixel tiles");
      }
      int tiles = (header.width() / tile) * (header.height() / tile);
      if (tiles < materials.classes().size()) {
        throw new PackException(
            what
                + ": holds "
                + tiles
                + " tiles, pack.json names "
                + materials.classes().size()
                + " classes");
      }
      atlas = LabelImages.readImage(materials.atlas());
    } catch (LabelImageException e) {
      throw new PackException(what + ": " + e.getMessage(), e);
    }
    int columns = atlas.getWidth() / tile;
    Map<String, BufferedImage> out = new LinkedHashMap<>();
    for (int i = 0; i < materials.classes().size(); i++) {
      BufferedImage cut = atlas.getSubimage((i % columns) * tile, (i / columns) * tile, tile, tile);
      if (!transparent(cut)) {
        out.put(materials.classes().get(i), cut);
      }
    }
    return out;
  }

  private static boolean transparent(BufferedImage tile) {
    if (!tile.getColorModel().hasAlpha()) {
      return false;
    }
    for (int y = 0; y < tile.getHeight(); y++) {
      for (int x = 0; x < tile.getWidth(); x++) {
        if ((tile.getRGB(x, y) >>> 24) != 0) {
          return false;
        }
      }
    }
    return true;
  }
}
