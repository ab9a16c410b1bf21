package dev.scenebrush.inference.io;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.palette.Palette;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Layered export as a Photoshop document (.psd), which Photoshop, GIMP, Krita and Affinity open:
 * the rendered image as the bottom layer, one cut-out layer per object above it (its pixels of the
 * render at its offset, transparent elsewhere), and the label and instance maps as hidden layers on
 * top; the flattened picture as the file's composite. 8-bit RGB with alpha per layer, every channel
 * RLE (PackBits) compressed, following Adobe's Photoshop File Format Specification. The compressed
 * sizes are counted in a first pass and the rows compressed again while writing, so memory stays at
 * the picture plus one row, whatever the size.
 *
 * <p>Maps are at most 8192 on a side, well inside the 30000 a PSD may have. The instance map layer
 * holds each pixel's 16-bit object id as red (high byte) and green (low byte); docs/contracts.md.
 */
public final class LayeredPsd {
  private LayeredPsd() {}

  /** One layer as written, bottom first, with its rectangle in the picture. */
  public record Layer(String name, int left, int top, int width, int height, boolean visible) {}

  /** A layer's pixels, as ARGB at picture coordinates inside its rectangle. */
  private interface Source {
    int argb(int x, int y);
  }

  private record Planned(Layer layer, Source source, short[][] rowBytes) {}

  public static List<Layer> write(Path file, LayeredPicture picture) throws IOException {
    int[] argb = picture.argb();
    int width = picture.width();
    int height = picture.height();
    InstanceMap instances = picture.instances();
    List<Planned> layers = new ArrayList<>();
    layers.add(plan(new Layer("Image", 0, 0, width, height, true), (x, y) -> argb[y * width + x]));
    // Objects listed first are on top, as in the OpenRaster stack: written bottom first.
    for (int k = picture.objects().size() - 1; k >= 0; k--) {
      Instance o = picture.objects().get(k);
      int[] box = OpenRaster.bounds(instances, o.id());
      if (box == null) {
        continue;
      }
      String name = picture.palette().get(o.classIndex()).name() + " #" + o.id();
      Layer l = new Layer(name, box[0], box[1], box[2] - box[0] + 1, box[3] - box[1] + 1, true);
      int id = o.id();
      layers.add(
          plan(l, (x, y) -> instances.get(x, y) == id ? argb[y * width + x] | 0xFF000000 : 0));
    }
    int[] colours = new int[256];
    for (int i = 0; i < 256; i++) {
      colours[i] = i == Palette.UNKNOWN ? 0 : 0xFF000000 | picture.palette().colorOf(i);
    }
    layers.add(
        plan(
            new Layer(OpenRaster.INSTANCES_LAYER, 0, 0, width, height, false),
            (x, y) -> 0xFF000000 | (instances.get(x, y) << 8)));
    layers.add(
        plan(
            new Layer("Labels", 0, 0, width, height, false),
            (x, y) -> colours[picture.labels().get(x, y)]));

    TempFiles.replace(
        file,
        tmp -> {
          try (DataOutputStream out =
              new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            header(out, width, height);
            layerSection(out, layers);
            composite(out, argb, width, height);
          }
        });
    return layers.stream().map(Planned::layer).toList();
  }

  /** Channel ids in the order written: transparency, red, green, blue. */
  private static final int[] CHANNELS = {-1, 0, 1, 2};

  /** First pass: the compressed size of every row of every channel. */
  private static Planned plan(Layer l, Source s) {
    short[][] sizes = new short[CHANNELS.length][l.height()];
    byte[] row = new byte[l.width()];
    byte[] packed = new byte[PackBits.maxPacked(l.width())];
    for (int c = 0; c < CHANNELS.length; c++) {
      for (int y = 0; y < l.height(); y++) {
        channelRow(l, s, CHANNELS[c], y, row);
        sizes[c][y] = (short) PackBits.pack(row, l.width(), packed);
      }
    }
    return new Planned(l, s, sizes);
  }

  private static void channelRow(Layer l, Source s, int channel, int y, byte[] row) {
    int shift = channel == -1 ? 24 : 16 - 8 * channel;
    for (int x = 0; x < l.width(); x++) {
      row[x] = (byte) (s.argb(l.left() + x, l.top() + y) >>> shift);
    }
  }

  private static void header(DataOutputStream out, int width, int height) throws IOException {
    out.writeBytes("8BPS");
    out.writeShort(1); // version
    out.write(new byte[6]); // reserved
    out.writeShort(3); // channels of the composite: RGB
    out.writeInt(height);
    out.writeInt(width);
    out.writeShort(8); // bits per channel
    out.writeShort(3); // colour mode: RGB
    out.writeInt(0); // colour mode data
    out.writeInt(0); // image resources
  }

  private static long channelBytes(Planned p, int c) {
    long n = 2 + 2L * p.layer().height();
    for (short s : p.rowBytes()[c]) {
      n += s & 0xFFFF;
    }
    return n;
  }

  private static byte[] pascalName(String name) {
    byte[] text = name.getBytes(StandardCharsets.ISO_8859_1);
    int n = Math.min(255, text.length);
    int padded = (n + 1 + 3) / 4 * 4; // length byte + text, to a multiple of 4
    byte[] out = new byte[padded];
    out[0] = (byte) n;
    System.arraycopy(text, 0, out, 1, n);
    return out;
  }

  private static void layerSection(DataOutputStream out, List<Planned> layers) throws IOException {
    long records = 2;
    long data = 0;
    for (Planned p : layers) {
      records += 16 + 2 + 6L * CHANNELS.length + 12 + 4 + 8 + pascalName(p.layer().name()).length;
      for (int c = 0; c < CHANNELS.length; c++) {
        data += channelBytes(p, c);
      }
    }
    long info = records + data;
    long infoPadded = (info + 1) / 2 * 2;
    out.writeInt(Math.toIntExact(4 + infoPadded + 4)); // layer and mask information
    out.writeInt(Math.toIntExact(infoPadded)); // layer info
    out.writeShort(layers.size());
    for (Planned p : layers) {
      Layer l = p.layer();
      out.writeInt(l.top());
      out.writeInt(l.left());
      out.writeInt(l.top() + l.height());
      out.writeInt(l.left() + l.width());
      out.writeShort(CHANNELS.length);
      for (int c = 0; c < CHANNELS.length; c++) {
        out.writeShort(CHANNELS[c]);
        out.writeInt(Math.toIntExact(channelBytes(p, c)));
      }
      out.writeBytes("8BIM");
      out.writeBytes("norm");
      out.write(255); // opacity
      out.write(0); // clipping: base
      out.write(8 | (l.visible() ? 0 : 2)); // bit 1: hidden; bit 3: bit 4 is meaningful
      out.write(0); // filler
      byte[] name = pascalName(l.name());
      out.writeInt(4 + 4 + name.length);
      out.writeInt(0); // no layer mask
      out.writeInt(0); // no blending ranges
      out.write(name);
    }
    for (Planned p : layers) {
      Layer l = p.layer();
      byte[] row = new byte[l.width()];
      byte[] packed = new byte[PackBits.maxPacked(l.width())];
      for (int c = 0; c < CHANNELS.length; c++) {
        out.writeShort(1); // RLE
        for (short s : p.rowBytes()[c]) {
          out.writeShort(s);
        }
        for (int y = 0; y < l.height(); y++) {
          channelRow(l, p.source(), CHANNELS[c], y, row);
          out.write(packed, 0, PackBits.pack(row, l.width(), packed));
        }
      }
    }
    if (infoPadded != info) {
      out.write(0);
    }
    out.writeInt(0); // no global layer mask
  }

  /** The flattened picture, RLE: every row's size for all channels first, then the rows. */
  private static void composite(DataOutputStream out, int[] argb, int width, int height)
      throws IOException {
    Layer whole = new Layer("composite", 0, 0, width, height, true);
    Source s = (x, y) -> argb[y * width + x];
    byte[] row = new byte[width];
    byte[] packed = new byte[PackBits.maxPacked(width)];
    out.writeShort(1);
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < height; y++) {
        channelRow(whole, s, c, y, row);
        out.writeShort(PackBits.pack(row, width, packed));
      }
    }
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < height; y++) {
        channelRow(whole, s, c, y, row);
        out.write(packed, 0, PackBits.pack(row, width, packed));
      }
    }
  }
}
