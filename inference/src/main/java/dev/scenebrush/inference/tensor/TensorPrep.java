package dev.scenebrush.inference.tensor;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import java.util.Arrays;

/** Builds the generator's input tensors (docs/design.md §5), NCHW with N = 1. */
public final class TensorPrep {
  private TensorPrep() {}

  /**
   * One-hot label tensor with numClasses + 1 channels; UNKNOWN pixels set the last channel.
   *
   * @throws IllegalArgumentException for a value that is neither a class nor UNKNOWN
   */
  public static float[] oneHot(LabelMap labels, int numClasses) {
    int n = labels.width() * labels.height();
    float[] out = new float[(numClasses + 1) * n];
    byte[] raw = labels.raw();
    for (int i = 0; i < n; i++) {
      int v = raw[i] & 0xFF;
      int channel;
      if (v < numClasses) {
        channel = v;
      } else if (v == Palette.UNKNOWN) {
        channel = numClasses;
      } else {
        throw new IllegalArgumentException(
            "label value " + v + " is outside the palette's " + numClasses + " classes");
      }
      out[channel * n + i] = 1f;
    }
    return out;
  }

  /** 1 where a pixel's 4-neighbour belongs to another instance (id 0 counts as "none"). */
  public static float[] instanceEdges(InstanceMap instances) {
    int w = instances.width();
    int h = instances.height();
    short[] id = instances.raw();
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        short v = id[i];
        if ((x > 0 && id[i - 1] != v)
            || (x < w - 1 && id[i + 1] != v)
            || (y > 0 && id[i - w] != v)
            || (y < h - 1 && id[i + w] != v)) {
          out[i] = 1f;
        }
      }
    }
    return out;
  }

  /** A global z broadcast over every pixel: [Z, H, W]. */
  public static float[] zMap(float[] z, int w, int h) {
    int n = w * h;
    float[] out = new float[z.length * n];
    for (int c = 0; c < z.length; c++) {
      Arrays.fill(out, c * n, (c + 1) * n, z[c]);
    }
    return out;
  }
}
