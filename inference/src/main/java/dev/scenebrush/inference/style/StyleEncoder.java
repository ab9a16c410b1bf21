package dev.scenebrush.inference.style;

import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.tensor.ImageTensors;
import java.awt.image.BufferedImage;
import java.util.Map;

/** A style image → z with the pack's encoder (the mean; the VAE's sampling is not used). */
public final class StyleEncoder {
  private final InferenceRuntime runtime;
  private final ModelPack pack;

  public StyleEncoder(InferenceRuntime runtime, ModelPack pack) {
    this.runtime = runtime;
    this.pack = pack;
  }

  public boolean available() {
    return pack.encoder().isPresent();
  }

  public float[] encode(BufferedImage img) {
    if (pack.encoder().isEmpty()) {
      throw new IllegalStateException(
          "pack '" + pack.id() + "' has no style encoder; use seeds for its styles");
    }
    int w = pack.width();
    int h = pack.height();
    int[] src = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    int[] scaled = ImageTensors.resize(src, img.getWidth(), img.getHeight(), w, h);
    float[] x = ImageTensors.fromArgb(scaled, w, h);
    Map<String, Tensor> out =
        runtime
            .session(pack.encoder().get())
            .run(Map.of("image", new Tensor(x, new long[] {1, 3, h, w})));
    return out.get("mu").data();
  }
}
