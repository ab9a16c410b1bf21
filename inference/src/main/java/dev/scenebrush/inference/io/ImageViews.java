package dev.scenebrush.inference.io;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Images that share the pixel arrays they show (no copy), for writing large pictures and maps: an
 * 8192² export would otherwise hold each one twice.
 */
public final class ImageViews {
  private ImageViews() {}

  /** Packed 0x??RRGGBB pixels as an RGB image (the top byte is ignored). */
  public static BufferedImage rgb(int[] pixels, int w, int h) {
    int[] masks = {0xFF0000, 0xFF00, 0xFF};
    WritableRaster r =
        Raster.createPackedRaster(new DataBufferInt(pixels, w * h), w, h, w, masks, null);
    return new BufferedImage(
        new DirectColorModel(24, masks[0], masks[1], masks[2]), r, false, null);
  }

  /**
   * A label map in its palette's colours, as an indexed image over the map's own bytes.
   *
   * @param unknownTransparent UNKNOWN pixels transparent (a layer) rather than the UNKNOWN colour
   */
  public static BufferedImage labels(LabelMap map, Palette palette, boolean unknownTransparent) {
    byte[] r = new byte[256];
    byte[] g = new byte[256];
    byte[] b = new byte[256];
    byte[] a = new byte[256];
    for (int i = 0; i < 256; i++) {
      int c = palette.colorOf(i);
      r[i] = (byte) (c >> 16);
      g[i] = (byte) (c >> 8);
      b[i] = (byte) c;
      a[i] = (byte) (unknownTransparent && i == Palette.UNKNOWN ? 0 : 255);
    }
    IndexColorModel cm = new IndexColorModel(8, 256, r, g, b, a);
    int w = map.width();
    int h = map.height();
    WritableRaster raster =
        Raster.createInterleavedRaster(
            new DataBufferByte(map.raw(), w * h), w, h, w, 1, new int[] {0}, null);
    return new BufferedImage(cm, raster, false, null);
  }

  /** An instance map as 8-bit RGB: each id's high byte in red, its low byte in green. */
  public static BufferedImage instanceIdsAsRgb(InstanceMap map) {
    int w = map.width();
    int h = map.height();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        row[x] = map.get(x, y) << 8;
      }
      img.setRGB(0, y, w, 1, row, 0, w);
    }
    return img;
  }

  /** An instance map as a 16-bit grey image over the map's own ids. */
  public static BufferedImage instances(InstanceMap map) {
    int w = map.width();
    int h = map.height();
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            new int[] {16},
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster =
        Raster.createInterleavedRaster(
            new DataBufferUShort(map.raw(), w * h), w, h, w, 1, new int[] {0}, null);
    return new BufferedImage(cm, raster, false, null);
  }

  /** A box-filtered copy whose longer side is at most maxSide (thumbnails). */
  public static BufferedImage thumbnail(int[] pixels, int w, int h, int maxSide) {
    int step = Math.max(1, (Math.max(w, h) + maxSide - 1) / maxSide);
    int tw = Math.max(1, w / step);
    int th = Math.max(1, h / step);
    int[] out = new int[tw * th];
    for (int ty = 0; ty < th; ty++) {
      for (int tx = 0; tx < tw; tx++) {
        long sr = 0;
        long sg = 0;
        long sb = 0;
        for (int y = ty * step; y < ty * step + step; y++) {
          for (int x = tx * step; x < tx * step + step; x++) {
            int c = pixels[y * w + x];
            sr += (c >> 16) & 0xFF;
            sg += (c >> 8) & 0xFF;
            sb += c & 0xFF;
          }
        }
        int n = step * step;
        out[ty * tw + tx] = (int) (sr / n) << 16 | (int) (sg / n) << 8 | (int) (sb / n);
      }
    }
    return rgb(out, tw, th);
  }
}
