package dev.scenebrush.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG files whose header says anything: a few hundred bytes that declare a huge picture (what a
 * memory bomb looks like before decoding), or a real small image of an unusual kind.
 */
public final class ForgedPng {
  private ForgedPng() {}

  /** Grey = 0, RGB = 2, grey+alpha = 4, RGBA = 6. */
  public static byte[] declaring(int width, int height, int bitDepth, int colourType) {
    return png(width, height, bitDepth, colourType, new byte[64]);
  }

  /**
   * A small valid image of the given kind, every sample = value (one byte per sample at 8 bits).
   */
  public static byte[] filled(int width, int height, int bitDepth, int colourType, int value) {
    int samples = colourType == 0 ? 1 : colourType == 4 ? 2 : colourType == 2 ? 3 : 4;
    int bytesPerRow = 1 + width * samples * (bitDepth / 8);
    byte[] raw = new byte[bytesPerRow * height];
    for (int y = 0; y < height; y++) {
      for (int i = 1; i < bytesPerRow; i++) {
        raw[y * bytesPerRow + i] = (byte) value;
      }
    }
    return png(width, height, bitDepth, colourType, raw);
  }

  private static byte[] png(int w, int h, int depth, int colourType, byte[] raw) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(ihdr);
      d.writeInt(w);
      d.writeInt(h);
      d.writeByte(depth);
      d.writeByte(colourType);
      d.writeByte(0);
      d.writeByte(0);
      d.writeByte(0);
      chunk(out, "IHDR", ihdr.toByteArray());
      Deflater z = new Deflater();
      z.setInput(raw);
      z.finish();
      byte[] buf = new byte[raw.length + 1024];
      int n = z.deflate(buf);
      z.end();
      chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
      chunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.writeInt(data.length);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }
}
