package dev.scenebrush.inference.render;

import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.util.Arrays;
import java.util.Map;

/**
 * A class generator's inputs for one object's crop at one resolution: the picture so far (the
 * object masked or blurred, as the generator was trained), the labels and the object's mask.
 * Several looks of the object run as one batch.
 */
final class ObjectCrop {
  private final ModelPack.ClassGenerator generator;
  private final int classes;
  private final int side;
  private final float[] context;
  private final float[] onehot;
  private final float[] mask;

  private ObjectCrop(
      ModelPack.ClassGenerator generator,
      int classes,
      int side,
      float[] context,
      float[] onehot,
      float[] mask) {
    this.generator = generator;
    this.classes = classes;
    this.side = side;
    this.context = context;
    this.onehot = onehot;
    this.mask = mask;
  }

  /** The generator's inputs at r × r from a crop. */
  static ObjectCrop at(ModelPack.ClassGenerator g, int classes, int r, Crop crop) {
    int side = crop.side();
    int[] picture = crop.picture();
    byte[] labels = crop.labels();
    boolean[] object = crop.mask();
    int[] ctxR = ImageTensors.resize(picture, side, side, r, r);
    boolean[] maskR = new boolean[r * r];
    byte[] labR = new byte[r * r];
    for (int y = 0; y < r; y++) {
      int sy = Math.min(side - 1, (int) ((y + 0.5) * side / r));
      for (int x = 0; x < r; x++) {
        int sx = Math.min(side - 1, (int) ((x + 0.5) * side / r));
        maskR[y * r + x] = object[sy * side + sx];
        labR[y * r + x] = labels[sy * side + sx];
      }
    }
    boolean blur = "blur".equals(g.context());
    if (blur) {
      // Training blurs the crop with a Gaussian of sigma side/6; three box passes of radius k
      // give sigma sqrt(k(k+1)), so k = r/6 matches it (r/12 gave half the blur).
      int[] blurred = Compositing.blur(ctxR, r, Math.max(1, r / 6));
      for (int i = 0; i < r * r; i++) {
        if (maskR[i]) {
          ctxR[i] = blurred[i];
        }
      }
    }
    float[] context = ImageTensors.fromArgb(ctxR, r, r);
    float[] m = new float[r * r];
    float[] onehot = new float[(classes + 1) * r * r];
    for (int i = 0; i < r * r; i++) {
      m[i] = maskR[i] ? 1f : 0f;
      if (maskR[i] && !blur) {
        context[i] = 0f;
        context[r * r + i] = 0f;
        context[2 * r * r + i] = 0f;
      }
      int c = labR[i] & 0xFF;
      onehot[(c == Palette.UNKNOWN || c >= classes ? classes : c) * r * r + i] = 1f;
    }
    return new ObjectCrop(g, classes, r, context, onehot, m);
  }

  int side() {
    return side;
  }

  /** 1 where the object is, at this crop's resolution. */
  float[] mask() {
    return mask;
  }

  /** The object drawn under each look seed (CHW in [-1, 1], side × side), in one run. */
  float[][] run(InferenceRuntime runtime, long[] seeds, ModelSession.Cancel cancel) {
    ModelSession session = runtime.session(generator.file());
    int zDim = (int) session.inputShapes().get("z")[1];
    int n = seeds.length;
    float[] z = new float[n * zDim];
    for (int k = 0; k < n; k++) {
      System.arraycopy(StyleSeed.gaussian(seeds[k], zDim), 0, z, k * zDim, zDim);
    }
    float[] img =
        session
            .run(
                Map.of(
                    "context", new Tensor(repeat(context, n), new long[] {n, 3, side, side}),
                    "label", new Tensor(repeat(onehot, n), new long[] {n, classes + 1, side, side}),
                    "mask", new Tensor(repeat(mask, n), new long[] {n, 1, side, side}),
                    "z", new Tensor(z, new long[] {n, zDim})),
                cancel)
            .get("image")
            .data();
    int one = 3 * side * side;
    float[][] looks = new float[n][];
    for (int k = 0; k < n; k++) {
      looks[k] = Arrays.copyOfRange(img, k * one, (k + 1) * one);
    }
    return looks;
  }

  private static float[] repeat(float[] a, int n) {
    if (n == 1) {
      return a;
    }
    float[] out = new float[a.length * n];
    for (int k = 0; k < n; k++) {
      System.arraycopy(a, 0, out, k * a.length, a.length);
    }
    return out;
  }
}
