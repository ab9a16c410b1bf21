package dev.scenebrush.inference.io;

import dev.scenebrush.inference.ReadErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * What an image file declares before any pixel is decoded: format, size and, for PNG, bit depth and
 * colour type. Every reader checks these first, so a small file that declares a huge picture is
 * refused in milliseconds instead of after gigabytes of decoding.
 *
 * @param format the reader's format name ("png", "jpeg", ...)
 * @param bitDepth bits per sample (PNG only; 8 otherwise)
 * @param colorType PNG colour type as ImageIO names it ("Grayscale", "GrayAlpha", "RGB",
 *     "RGBAlpha", "Palette"), or "" for other formats
 */
public record ImageHeader(String format, int width, int height, int bitDepth, String colorType) {

  public static ImageHeader of(Path file) {
    try {
      if (Files.size(file) == 0) {
        throw new LabelImageException(file.getFileName() + " is empty (0 bytes)");
      }
    } catch (IOException e) {
      throw new LabelImageException(
          "cannot read image " + file.getFileName() + ": " + ReadErrors.describe(e));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new LabelImageException(
          "cannot read image " + file.getFileName() + ": " + ReadErrors.describe(e));
    }
  }

  public static ImageHeader of(byte[] bytes, String name) {
    if (bytes.length == 0) {
      throw new LabelImageException(name + " is empty (0 bytes)");
    }
    try {
      return read(new ByteArrayInputStream(bytes), name);
    } catch (IOException e) {
      throw new LabelImageException("cannot read image " + name + ": " + ReadErrors.describe(e));
    }
  }

  private static ImageHeader read(InputStream raw, String name) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(raw)) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new LabelImageException(
            "cannot read image " + name + ": not a PNG, JPEG, BMP or GIF file");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, false);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        int depth = 8;
        String colour = "";
        if (format.equals("png")) {
          IIOMetadata meta = reader.getImageMetadata(0);
          Node ihdr = child(meta.getAsTree("javax_imageio_png_1.0"), "IHDR");
          if (ihdr != null) {
            depth = Integer.parseInt(attribute(ihdr, "bitDepth", "8"));
            colour = attribute(ihdr, "colorType", "");
          }
        }
        return new ImageHeader(format, w, h, depth, colour);
      } catch (RuntimeException e) {
        // Image readers throw unchecked exceptions on some damaged headers.
        throw new LabelImageException("cannot read image " + name + ": damaged (" + e + ")");
      } finally {
        reader.dispose();
      }
    }
  }

  private static Node child(Node parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals(name)) {
        return n;
      }
    }
    return null;
  }

  private static String attribute(Node node, String name, String fallback) {
    Node a = node.getAttributes().getNamedItem(name);
    return a == null ? fallback : a.getNodeValue();
  }

  public boolean isPng() {
    return format.equals("png");
  }

  /** Pixels the decoded image will hold. */
  public long pixels() {
    return (long) width * height;
  }

  /** Words for the kind of image, for messages: "16-bit grey PNG", "RGB JPEG". */
  public String kind() {
    if (!isPng()) {
      return format.toUpperCase(Locale.ROOT) + " image";
    }
    String c =
        switch (colorType) {
          case "Grayscale" -> "grey";
          case "GrayAlpha" -> "grey+alpha";
          case "RGB" -> "RGB";
          case "RGBAlpha" -> "RGBA";
          case "Palette" -> "indexed-colour";
          default -> colorType;
        };
    return bitDepth + "-bit " + c + " PNG";
  }

  /** Refuses an image larger than maxSide on either side, naming the file. */
  public ImageHeader requireAtMost(int maxSide, String name, String what) {
    if (width < 1 || height < 1 || width > maxSide || height > maxSide) {
      throw new LabelImageException(
          name
              + " is "
              + width
              + "x"
              + height
              + "; "
              + what
              + " can be at most "
              + maxSide
              + " on a side");
    }
    return this;
  }
}
