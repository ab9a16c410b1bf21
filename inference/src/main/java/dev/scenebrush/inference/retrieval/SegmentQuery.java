package dev.scenebrush.inference.retrieval;

import java.util.function.IntPredicate;

/**
 * A segment of the painting to find real segments for: its class, its shape normalised to its box
 * (maskSize², 0 or 255, as in the library), its area as a share of the picture and the box's width
 * / height.
 */
public record SegmentQuery(int classIndex, byte[] mask, float relativeArea, float aspect) {

  /** The same shape with another area share (a segment measured against its whole picture). */
  public SegmentQuery withArea(float share) {
    return new SegmentQuery(classIndex, mask, share, aspect);
  }

  /**
   * The segment of the pixels {@code inside} accepts (indices into a width × height map). Each mask
   * cell is the share of its part of the box that is inside, thresholded at one half; cells smaller
   * than a pixel take the pixel under their centre.
   */
  public static SegmentQuery of(
      int classIndex, IntPredicate inside, int width, int height, int maskSize) {
    int x0 = width;
    int y0 = height;
    int x1 = -1;
    int y1 = -1;
    long area = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (inside.test(y * width + x)) {
          area++;
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (area == 0) {
      throw new IllegalArgumentException("the segment has no pixels");
    }
    return of(classIndex, inside, width, height, maskSize, x0, y0, x1 - x0 + 1, y1 - y0 + 1, area);
  }

  /** As above when the box and area are known (the caller scanned the map already). */
  public static SegmentQuery of(
      int classIndex,
      IntPredicate inside,
      int width,
      int height,
      int maskSize,
      int bx,
      int by,
      int bw,
      int bh,
      long area) {
    byte[] mask = new byte[maskSize * maskSize];
    for (int j = 0; j < maskSize; j++) {
      int sy0 = by + (int) Math.floor(j * (double) bh / maskSize);
      int sy1 = Math.max(sy0 + 1, by + (int) Math.floor((j + 1) * (double) bh / maskSize));
      for (int i = 0; i < maskSize; i++) {
        int sx0 = bx + (int) Math.floor(i * (double) bw / maskSize);
        int sx1 = Math.max(sx0 + 1, bx + (int) Math.floor((i + 1) * (double) bw / maskSize));
        int in = 0;
        int all = 0;
        for (int y = sy0; y < Math.min(sy1, by + bh); y++) {
          for (int x = sx0; x < Math.min(sx1, bx + bw); x++) {
            all++;
            if (inside.test(y * width + x)) {
              in++;
            }
          }
        }
        mask[j * maskSize + i] = (byte) (2 * in >= all && all > 0 ? 255 : 0);
      }
    }
    return new SegmentQuery(
        classIndex, mask, (float) (area / ((double) width * height)), (float) (bw / (double) bh));
  }
}
