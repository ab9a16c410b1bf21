package dev.scenebrush.inference.io;

import dev.scenebrush.inference.ReadErrors;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Label maps as PNG files: 8-bit grey index PNGs (value = class index, 255 = UNKNOWN) and colour
 * PNGs in the palette's colours (black = UNKNOWN); instance maps as 16-bit grey PNGs.
 */
public final class LabelImages {
  private LabelImages() {}

  public static BufferedImage readImage(Path file) {
    return readImage(file, header(file));
  }

  /** The file's header, checked against the side limit before anything is decoded. */
  public static ImageHeader header(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new LabelImageException("file not found: " + file);
    }
    return ImageHeader.of(file)
        .requireAtMost(LabelMap.MAX_SIDE, file.getFileName().toString(), "images");
  }

  private static BufferedImage readImage(Path file, ImageHeader checked) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new LabelImageException(
          "cannot read image "
              + file.getFileName()
              + " ("
              + checked.kind()
              + "): "
              + ReadErrors.describe(e));
    }
    if (img == null) {
      throw new LabelImageException(
          "cannot read image " + file.getFileName() + ": not a PNG, JPEG, BMP or GIF file");
    }
    return img;
  }

  /** Reads an index PNG (8-bit grey) or an exact colour PNG, whichever the file is. */
  public static LabelMap readLabels(Path file, Palette palette) {
    ImageHeader h = header(file);
    String name = file.getFileName().toString();
    if (h.isPng()
        && (h.colorType().equals("GrayAlpha") || h.colorType().equals("Grayscale"))
        && h.bitDepth() != 8) {
      throw new LabelImageException(
          name
              + " is a "
              + h.kind()
              + "; label maps are 8-bit index PNGs or colour PNGs in"
              + " the palette's colours");
    }
    if (h.isPng() && h.colorType().equals("GrayAlpha")) {
      throw new LabelImageException(
          name
              + " is a "
              + h.kind()
              + " (grey with transparency); label maps are 8-bit index"
              + " PNGs without alpha, or colour PNGs in the palette's colours");
    }
    BufferedImage img = readImage(file, h);
    LabelMap map =
        img.getType() == BufferedImage.TYPE_BYTE_GRAY
            ? fromIndexImage(img)
            : fromColorImage(img, palette, file.getFileName().toString());
    try {
      map.validate(palette);
    } catch (IllegalArgumentException e) {
      throw new LabelImageException(file.getFileName() + ": " + e.getMessage());
    }
    return map;
  }

  static LabelMap fromIndexImage(BufferedImage img) {
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] labels = new byte[w * h];
    int stride =
        img.getRaster().getSampleModel() instanceof ComponentSampleModel c
            ? c.getScanlineStride()
            : w;
    for (int y = 0; y < h; y++) {
      System.arraycopy(data, y * stride, labels, y * w, w);
    }
    return new LabelMap(w, h, labels);
  }

  static LabelMap fromColorImage(BufferedImage img, Palette palette, String name) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] labels = new byte[w * h];
    int foreign = 0;
    int firstBad = -1;
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      int c = p & 0xFFFFFF;
      if ((p >>> 24) == 0 || c == Palette.UNKNOWN_RGB) {
        labels[i] = (byte) Palette.UNKNOWN;
        continue;
      }
      Optional<Integer> idx = palette.indexOfColor(c);
      if (idx.isPresent()) {
        labels[i] = (byte) (int) idx.get();
      } else {
        if (firstBad < 0) {
          firstBad = i;
        }
        foreign++;
      }
    }
    if (foreign > 0) {
      throw new LabelImageException(
          String.format(
              "%s: %d pixels (%.1f%%) have colours that are not in palette '%s', first at (%d, %d):"
                  + " #%06X",
              name,
              foreign,
              100.0 * foreign / rgb.length,
              palette.id(),
              firstBad % w,
              firstBad / w,
              rgb[firstBad] & 0xFFFFFF));
    }
    return new LabelMap(w, h, labels);
  }

  public static void writeIndex(LabelMap map, Path file) throws IOException {
    BufferedImage img = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(map.raw(), 0, data, 0, data.length);
    write(img, file);
  }

  /** The map in its palette's colours (an indexed PNG: every class keeps its exact colour). */
  public static void writeColor(LabelMap map, Palette palette, Path file) throws IOException {
    write(ImageViews.labels(map, palette, false), file);
  }

  public static void writeInstances(InstanceMap map, Path file) throws IOException {
    write(ImageViews.instances(map), file);
  }

  public static InstanceMap readInstances(Path file) {
    ImageHeader head = header(file);
    if (!head.isPng() || !head.colorType().equals("Grayscale") || head.bitDepth() < 8) {
      throw new LabelImageException(
          file.getFileName()
              + " is a "
              + head.kind()
              + "; instance maps are 16-bit (or 8-bit) grey PNGs whose value is the object id");
    }
    BufferedImage img = readImage(file, head);
    int w = img.getWidth();
    int h = img.getHeight();
    short[] ids = new short[w * h];
    Raster r = img.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        ids[y * w + x] = (short) r.getSample(x, y, 0);
      }
    }
    return new InstanceMap(w, h, ids);
  }

  /** Writes packed 0xFFRRGGBB pixels as an image; the format follows the file extension. */
  public static void writeRgb(int[] argb, int w, int h, Path file) throws IOException {
    write(ImageViews.rgb(argb, w, h), file);
  }

  private static void write(BufferedImage img, Path file) throws IOException {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "png" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String format = ext.equals("jpg") ? "jpeg" : ext.equals("tif") ? "tiff" : ext;
    if (!List.of("png", "jpeg", "bmp", "tiff").contains(format)) {
      throw new IOException("unsupported image type '." + ext + "'; use .png, .jpg, .tif or .bmp");
    }
    TempFiles.replace(
        file,
        tmp -> {
          if (!ImageIO.write(img, format, tmp.toFile())) {
            throw new IOException("no writer for " + format);
          }
        });
  }
}
