package dev.scenebrush.inference.io;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Layered export as OpenRaster (.ora), which GIMP and Krita open: the rendered image, one cut-out
 * layer per object (its pixels of the render, transparent elsewhere), and the label and instance
 * maps as hidden layers. Written to a temporary file and moved into place.
 */
public final class OpenRaster {
  private OpenRaster() {}

  /**
   * The hidden instance layer of a layered file (OpenRaster and PSD alike): each pixel's 16-bit
   * object id as red (high byte) and green (low byte), in 8-bit RGB every editor opens without
   * asking for a colour profile (Krita asks one for a 16-bit grey layer on every open).
   */
  public static final String INSTANCES_LAYER = "Instances (id: red high, green low)";

  /** A layer as listed in stack.xml, top first. */
  public record Layer(String name, String src, int x, int y, boolean visible) {}

  public static List<Layer> write(Path file, LayeredPicture picture) throws IOException {
    int[] argb = picture.argb();
    int width = picture.width();
    int height = picture.height();
    InstanceMap instances = picture.instances();
    List<Layer> stack = new ArrayList<>();
    stack.add(new Layer("Labels", "data/labels.png", 0, 0, false));
    stack.add(new Layer(INSTANCES_LAYER, "data/instances.png", 0, 0, false));
    List<byte[]> objectPngs = new ArrayList<>();
    for (Instance o : picture.objects()) {
      int[] box = bounds(instances, o.id());
      if (box == null) {
        continue;
      }
      int bw = box[2] - box[0] + 1;
      int bh = box[3] - box[1] + 1;
      BufferedImage cut = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_ARGB);
      for (int y = 0; y < bh; y++) {
        for (int x = 0; x < bw; x++) {
          int gx = box[0] + x;
          int gy = box[1] + y;
          if (instances.get(gx, gy) == o.id()) {
            cut.setRGB(x, y, argb[gy * width + gx] | 0xFF000000);
          }
        }
      }
      String name = picture.palette().get(o.classIndex()).name() + " #" + o.id();
      stack.add(new Layer(name, "data/object-" + o.id() + ".png", box[0], box[1], true));
      objectPngs.add(png(cut));
    }
    stack.add(new Layer("Image", "data/image.png", 0, 0, true));

    BufferedImage image = ImageViews.rgb(argb, width, height);
    TempFiles.replace(
        file,
        tmp -> {
          try (OutputStream os = Files.newOutputStream(tmp);
              ZipOutputStream zip = new ZipOutputStream(os)) {
            // The mimetype comes first and uncompressed, as the format requires.
            byte[] mime = "image/openraster".getBytes(StandardCharsets.US_ASCII);
            ZipEntry me = new ZipEntry("mimetype");
            me.setMethod(ZipEntry.STORED);
            me.setSize(mime.length);
            CRC32 crc = new CRC32();
            crc.update(mime);
            me.setCrc(crc.getValue());
            zip.putNextEntry(me);
            zip.write(mime);
            zip.closeEntry();
            put(zip, "stack.xml", stackXml(stack, width, height).getBytes(StandardCharsets.UTF_8));
            // Large layers go straight into the zip rather than through byte arrays.
            putPng(zip, "data/image.png", image);
            putPng(zip, "mergedimage.png", image);
            putPng(
                zip,
                "data/labels.png",
                ImageViews.labels(picture.labels(), picture.palette(), true));
            putPng(zip, "data/instances.png", ImageViews.instanceIdsAsRgb(instances));
            int k = 0;
            for (Layer l : stack) {
              if (l.src().startsWith("data/object-")) {
                put(zip, l.src(), objectPngs.get(k++));
              }
            }
            putPng(zip, "Thumbnails/thumbnail.png", ImageViews.thumbnail(argb, width, height, 256));
          }
        });
    return stack;
  }

  static String stackXml(List<Layer> stack, int w, int h) {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<image version=\"0.0.5\" w=\"")
        .append(w)
        .append("\" h=\"")
        .append(h)
        .append("\">\n");
    sb.append(" <stack>\n");
    for (Layer l : stack) {
      sb.append("  <layer name=\"")
          .append(escape(l.name()))
          .append("\" src=\"")
          .append(l.src())
          .append("\" x=\"")
          .append(l.x())
          .append("\" y=\"")
          .append(l.y())
          .append("\" opacity=\"1.0\" visibility=\"")
          .append(l.visible() ? "visible" : "hidden")
          .append("\"/>\n");
    }
    sb.append(" </stack>\n</image>\n");
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  static int[] bounds(InstanceMap m, int id) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    short[] raw = m.raw();
    for (int p = 0; p < raw.length; p++) {
      if ((raw[p] & 0xFFFF) == id) {
        int x = p % m.width();
        int y = p / m.width();
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
  }

  private static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeSrgbPng(img, out, "a layer");
    return out.toByteArray();
  }

  /** A PNG that says its colour space (an sRGB chunk), so editors need not ask for one. */
  private static void writeSrgbPng(BufferedImage img, OutputStream out, String name)
      throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("no PNG writer for " + name);
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      IIOMetadata meta =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
      IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
      IIOMetadataNode srgb = new IIOMetadataNode("sRGB");
      srgb.setAttribute("renderingIntent", "Perceptual");
      root.appendChild(srgb);
      meta.mergeTree(PNG_METADATA, root);
      writer.setOutput(ios);
      writer.write(null, new IIOImage(img, null, meta), null);
    } finally {
      writer.dispose();
    }
  }

  private static final String PNG_METADATA = "javax_imageio_png_1.0";

  private static void putPng(ZipOutputStream zip, String name, BufferedImage img)
      throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    // ImageIO closes the stream it is given; the zip must stay open for the next entry.
    OutputStream entry =
        new FilterOutputStream(zip) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
    writeSrgbPng(img, entry, name);
    zip.closeEntry();
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }
}
