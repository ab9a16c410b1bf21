package dev.scenebrush.inference.project;

import dev.scenebrush.inference.ReadErrors;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.io.ImageHeader;
import dev.scenebrush.inference.io.LabelImageException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;

/**
 * Reading a project's zip entries within bounds: only known entries, each at most once, capped in
 * size one by one and together, and every image's header checked before it is decoded.
 */
final class ProjectEntries {
  /** Refuse entries that would unpack beyond this (a zip bomb, or not our file). */
  static final long MAX_ENTRY_BYTES = 512L << 20;

  /**
   * Refuse a project whose known entries together unpack beyond this: at the largest canvas (8192²)
   * the maps and a render take well under half of it, even stored uncompressed.
   */
  static final long MAX_TOTAL_BYTES = 768L << 20;

  /** The entries a project holds; any other entry is skipped without being read. */
  static final Set<String> ENTRIES =
      Set.of("project.json", "labels.png", "instances.png", "regions.png", "render.png");

  private ProjectEntries() {}

  /**
   * The entries this format knows, each read once; unknown entries are skipped unread, a repeated
   * known entry is refused (which copy is the painting?), and all together are capped.
   */
  static Map<String, byte[]> read(Path file, String name) throws ProjectException {
    Map<String, byte[]> entries = new HashMap<>();
    long total = 0;
    try (InputStream in = Files.newInputStream(file);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String entry = e.getName();
        if (!ENTRIES.contains(entry)) {
          continue;
        }
        if (entries.containsKey(entry)) {
          throw new ProjectException(
              name
                  + " is damaged: it holds "
                  + entry
                  + " twice; SceneBrush cannot tell which"
                  + " is the painting");
        }
        byte[] data = readLimited(zip, name, entry, MAX_TOTAL_BYTES - total);
        total += data.length;
        entries.put(entry, data);
      }
    } catch (NoSuchFileException e) {
      throw new ProjectException(name + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      // ZipInputStream reports malformed entry names as IllegalArgumentException.
      throw new ProjectException(
          name + " is not a SceneBrush project (unreadable zip: " + ReadErrors.describe(e) + ")",
          e);
    }
    return entries;
  }

  static byte[] readLimited(InputStream in, String file, String entry, long left)
      throws IOException {
    long limit = Math.min(MAX_ENTRY_BYTES, left);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > limit) {
        throw new IOException(
            limit < MAX_ENTRY_BYTES
                ? file + " unpacks to more than " + (MAX_TOTAL_BYTES >> 20) + " MB"
                : entry + " in " + file + " is larger than " + (MAX_ENTRY_BYTES >> 20) + " MB");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  static void checkZ(float[] z, String file, String what) throws ProjectException {
    for (float v : z) {
      if (!Float.isFinite(v)) {
        throw new ProjectException(
            file + ": " + what + " in project.json holds " + v + "; a style is finite numbers");
      }
    }
  }

  /** The header of an image entry, read before decoding it. */
  static ImageHeader header(byte[] bytes, String file, String entry) throws ProjectException {
    if (bytes == null) {
      throw new ProjectException(file + " is incomplete: " + entry + " is missing");
    }
    try {
      ImageHeader h = ImageHeader.of(bytes, entry);
      if (!h.isPng()) {
        throw new ProjectException(file + ": " + entry + " is not a PNG image");
      }
      return h;
    } catch (LabelImageException e) {
      throw new ProjectException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether a stored render can be this painting's preview: within the side limit and of the
   * painting's orientation and rough shape (previews are rounded to the generator's grid, so the
   * ratio may differ somewhat). The render is a cache: one that is not is dropped, and the painting
   * opens and renders afresh.
   */
  static boolean isPreviewOf(ImageHeader h, int width, int height) {
    if (h.width() > LabelMap.MAX_SIDE || h.height() > LabelMap.MAX_SIDE) {
      return false;
    }
    double stored = h.width() / (double) h.height();
    double painting = width / (double) height;
    return Math.abs(Math.log(stored / painting)) <= Math.log(2);
  }

  static BufferedImage image(byte[] bytes, String file, String entry) throws ProjectException {
    header(bytes, file, entry);
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      if (img == null) {
        throw new ProjectException(file + ": " + entry + " is not a PNG image");
      }
      return img;
    } catch (IOException e) {
      throw new ProjectException(file + ": " + entry + " is damaged: " + ReadErrors.describe(e), e);
    }
  }

  static LabelMap labels(byte[] bytes, String file, int width, int height, String entry)
      throws ProjectException {
    ImageHeader h = header(bytes, file, entry);
    checkSize(h, file, entry, width, height);
    if (!h.colorType().equals("Grayscale") || h.bitDepth() != 8) {
      throw new ProjectException(
          file + ": " + entry + " is a " + h.kind() + "; it must be an 8-bit index PNG");
    }
    BufferedImage img = image(bytes, file, entry);
    checkSize(img, file, entry, width, height);
    if (img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      throw new ProjectException(file + ": " + entry + " must be an 8-bit index PNG");
    }
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    return new LabelMap(width, height, data.clone());
  }

  static InstanceMap instances(byte[] bytes, String file, int width, int height)
      throws ProjectException {
    ImageHeader h = header(bytes, file, "instances.png");
    checkSize(h, file, "instances.png", width, height);
    if (!h.colorType().equals("Grayscale") || h.bitDepth() != 16) {
      throw new ProjectException(
          file + ": instances.png is a " + h.kind() + "; it must be a 16-bit grey PNG");
    }
    BufferedImage img = image(bytes, file, "instances.png");
    checkSize(img, file, "instances.png", width, height);
    if (img.getType() != BufferedImage.TYPE_USHORT_GRAY) {
      throw new ProjectException(file + ": instances.png must be a 16-bit grey PNG");
    }
    short[] data = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
    return new InstanceMap(width, height, data.clone());
  }

  static void checkSize(BufferedImage img, String file, String entry, int width, int height)
      throws ProjectException {
    checkSize(
        new ImageHeader("png", img.getWidth(), img.getHeight(), 8, ""), file, entry, width, height);
  }

  static void checkSize(ImageHeader img, String file, String entry, int width, int height)
      throws ProjectException {
    if (img.width() != width || img.height() != height) {
      throw new ProjectException(
          file
              + ": "
              + entry
              + " is "
              + img.width()
              + "x"
              + img.height()
              + " but the project says "
              + width
              + "x"
              + height);
    }
  }
}
