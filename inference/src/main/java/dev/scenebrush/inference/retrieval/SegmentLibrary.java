package dev.scenebrush.inference.retrieval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A memory-mapped segment library (docs/segments.md, written by models/training `segment-library`):
 * real segments with class, box, a normalised shape mask and an RGB patch, grouped by class. The
 * masks are copied to the heap once for fast scoring; patches stay mapped.
 */
public final class SegmentLibrary {
  static final byte[] MAGIC = "SBSEGLIB".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER = 8 + 4 + 2 + 2 + 2 + 2 + 4 + 32;
  static final int CLASS_ENTRY = 8;
  static final int RECORD_HEAD = 2 * 8 + 4 + 4;
  static final int FLAG_THING = 1;

  private final Path file;
  private final MappedByteBuffer data;
  private final String paletteId;
  private final int maskSize;
  private final int patchSize;
  private final int count;
  private final int[] classFirst;
  private final int[] classCount;
  private final int recordSize;
  private final long recordsAt;
  private final byte[] masks;
  private final float[] relArea;
  private final float[] aspect;
  private final short[] cls;

  private SegmentLibrary(Path file, MappedByteBuffer data) {
    this.file = file;
    this.data = data;
    String where = "segment library " + file.getFileName();
    long length = data.capacity();
    if (length < HEADER) {
      throw new SegmentLibraryException(where + ": " + length + " bytes, shorter than its header");
    }
    byte[] magic = new byte[8];
    data.get(0, magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new SegmentLibraryException(where + ": not a segment library (wrong magic bytes)");
    }
    int version = data.getInt(8);
    if (version != VERSION) {
      throw new SegmentLibraryException(
          where + ": format version " + version + "; this SceneBrush reads version " + VERSION);
    }
    maskSize = Short.toUnsignedInt(data.getShort(12));
    patchSize = Short.toUnsignedInt(data.getShort(14));
    int classes = Short.toUnsignedInt(data.getShort(16));
    count = data.getInt(20);
    byte[] pal = new byte[32];
    data.get(24, pal);
    int end = 0;
    while (end < 32 && pal[end] != 0) {
      end++;
    }
    paletteId = new String(pal, 0, end, StandardCharsets.UTF_8);
    if (maskSize < 4 || maskSize > 256 || patchSize < 1 || patchSize > 256) {
      throw new SegmentLibraryException(
          where + ": mask " + maskSize + " / patch " + patchSize + " px is out of range");
    }
    if (classes < 1 || classes > 254 || count < 0) {
      throw new SegmentLibraryException(
          where + ": " + classes + " classes, " + count + " segments is not valid");
    }
    recordSize = RECORD_HEAD + maskSize * maskSize + patchSize * patchSize * 3;
    recordsAt = HEADER + (long) classes * CLASS_ENTRY;
    long expected = recordsAt + (long) count * recordSize;
    if (length != expected) {
      throw new SegmentLibraryException(
          where
              + ": "
              + length
              + " bytes, but "
              + count
              + " segments need "
              + expected
              + " (truncated or damaged)");
    }
    classFirst = new int[classes];
    classCount = new int[classes];
    int next = 0;
    for (int c = 0; c < classes; c++) {
      int first = data.getInt(HEADER + c * CLASS_ENTRY);
      int n = data.getInt(HEADER + c * CLASS_ENTRY + 4);
      if (n < 0 || (n > 0 && first != next) || (long) next + n > count) {
        throw new SegmentLibraryException(
            where + ": class table entry " + c + " (" + first + ", " + n + ") is inconsistent");
      }
      classFirst[c] = first;
      classCount[c] = n;
      next += n;
    }
    if (next != count) {
      throw new SegmentLibraryException(
          where + ": the class table covers " + next + " of " + count + " segments");
    }
    int m2 = maskSize * maskSize;
    masks = new byte[count * m2];
    relArea = new float[count];
    aspect = new float[count];
    cls = new short[count];
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int c = 0; c < classes; c++) {
      for (int i = classFirst[c]; i < classFirst[c] + classCount[c]; i++) {
        int at = Math.toIntExact(recordsAt + (long) i * recordSize);
        int recClass = Short.toUnsignedInt(b.getShort(at));
        int srcW = Short.toUnsignedInt(b.getShort(at + 4));
        int srcH = Short.toUnsignedInt(b.getShort(at + 6));
        int w = Short.toUnsignedInt(b.getShort(at + 12));
        int h = Short.toUnsignedInt(b.getShort(at + 14));
        long area = Integer.toUnsignedLong(b.getInt(at + 16));
        if (recClass != c || srcW == 0 || srcH == 0 || w == 0 || h == 0 || area == 0) {
          throw new SegmentLibraryException(where + ": segment " + i + " is damaged");
        }
        cls[i] = (short) recClass;
        relArea[i] = (float) (area / ((double) srcW * srcH));
        aspect[i] = (float) (w / (double) h);
        b.get(at + RECORD_HEAD, masks, i * m2, m2);
      }
    }
  }

  /** Maps and checks the file; a damaged or foreign file is a {@link SegmentLibraryException}. */
  public static SegmentLibrary open(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new SegmentLibraryException(
            "segment library " + file.getFileName() + " is larger than 2 GB");
      }
      MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      m.order(ByteOrder.LITTLE_ENDIAN);
      return new SegmentLibrary(file, m);
    } catch (IOException e) {
      throw new SegmentLibraryException(
          "cannot read segment library " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  public String paletteId() {
    return paletteId;
  }

  public int maskSize() {
    return maskSize;
  }

  public int patchSize() {
    return patchSize;
  }

  public int size() {
    return count;
  }

  public int classes() {
    return classFirst.length;
  }

  /** Segments of a class are the indices [first, first + count). */
  public int classFirst(int c) {
    return c < 0 || c >= classFirst.length ? 0 : classFirst[c];
  }

  public int classCount(int c) {
    return c < 0 || c >= classCount.length ? 0 : classCount[c];
  }

  public int classOf(int i) {
    return cls[i];
  }

  /** Segment area as a share of its source image. */
  public float relativeArea(int i) {
    return relArea[i];
  }

  /** Box width / height. */
  public float aspect(int i) {
    return aspect[i];
  }

  byte[] masks() {
    return masks;
  }

  public boolean isThing(int i) {
    return (Short.toUnsignedInt(data.getShort(recordAt(i) + 2)) & FLAG_THING) != 0;
  }

  /** The normalised shape mask, maskSize² values, 0 or 255 (row-major). */
  public byte[] mask(int i) {
    int m2 = maskSize * maskSize;
    return Arrays.copyOfRange(masks, i * m2, (i + 1) * m2);
  }

  /** The RGB patch of the segment's box, patchSize² pixels as 0xAARRGGBB (opaque). */
  public int[] patch(int i) {
    int at = recordAt(i) + RECORD_HEAD + maskSize * maskSize;
    int n = patchSize * patchSize;
    int[] argb = new int[n];
    for (int p = 0; p < n; p++) {
      int r = data.get(at + 3 * p) & 0xFF;
      int g = data.get(at + 3 * p + 1) & 0xFF;
      int b = data.get(at + 3 * p + 2) & 0xFF;
      argb[p] = 0xFF000000 | r << 16 | g << 8 | b;
    }
    return argb;
  }

  private int recordAt(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("segment " + i + " of " + count);
    }
    return Math.toIntExact(recordsAt + (long) i * recordSize);
  }
}
