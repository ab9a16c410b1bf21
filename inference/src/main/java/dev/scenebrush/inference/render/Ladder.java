package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.Resampler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The resolution ladder (docs/contracts.md, "refiners"): the base generator renders near the scale
 * it was trained at; each rung doubles the picture, refined from the document's labels and instance
 * edges at the rung's own size, so edges follow what was painted exactly. A rung runs in one go or
 * in tiles with a halo of its receptive field; noise is a function of the pixel's place, so tiles
 * equal the one-shot picture.
 */
public final class Ladder {
  /** Tile side used when a rung is larger than this on a side. */
  public static final int DEFAULT_TILE = 1024;

  /**
   * Noise depends on the pixel's place only (not on the look), so the preview and every export of a
   * scene refine with the same texture.
   */
  public static final long NOISE_SEED = 0x5CE4EB;

  private final InferenceRuntime runtime;
  private final ModelPack pack;

  /** One rung: its output size and the stage that makes it. */
  public record Rung(int width, int height, ModelPack.Refiner stage) {}

  /** The base size and the rungs from there to the output size. */
  public record Plan(int baseWidth, int baseHeight, List<Rung> rungs) {
    public int width() {
      return rungs.isEmpty() ? baseWidth : rungs.get(rungs.size() - 1).width();
    }

    public int height() {
      return rungs.isEmpty() ? baseHeight : rungs.get(rungs.size() - 1).height();
    }
  }

  /** Receives each picture as it is finished: the base (rung 0), then every refined rung. */
  public interface Stages {
    /** Return false to stop climbing (a newer request wants the worker). */
    boolean finished(int rung, int rungs, RenderedImage picture);
  }

  private TiledRenderer.Progress progress = (done, total) -> {};
  private int tilesDone;
  private int tilesTotal;

  /** Reports tiles done of all rungs' tiles (exports show it). */
  public Ladder onTiles(TiledRenderer.Progress p) {
    this.progress = p;
    return this;
  }

  public Ladder(InferenceRuntime runtime, ModelPack pack) {
    if (!pack.hasLadder()) {
      throw new IllegalArgumentException("pack '" + pack.id() + "' has no refiners");
    }
    this.runtime = runtime;
    this.pack = pack;
  }

  /**
   * The rungs for an output of (width, height): as many doublings as bring the long side nearest
   * the pack's resolution (never below one doubling's worth of detail lost to stretching); rung
   * sizes halve exactly from the output, rounded.
   */
  public static Plan plan(ModelPack pack, int width, int height) {
    int base = Math.max(pack.width(), pack.height());
    int side = Math.max(width, height);
    int k = (int) Math.max(0, Math.round(Math.log(side / (double) base) / Math.log(2)));
    List<Rung> rungs = new ArrayList<>();
    for (int j = 1; j <= k; j++) {
      int w = Math.max(1, (int) Math.round(width / Math.pow(2, k - j)));
      int h = Math.max(1, (int) Math.round(height / Math.pow(2, k - j)));
      List<ModelPack.Refiner> stages = pack.refiners();
      rungs.add(new Rung(w, h, stages.get(Math.min(j, stages.size()) - 1)));
    }
    int bw = Math.max(1, (int) Math.round(width / Math.pow(2, k)));
    int bh = Math.max(1, (int) Math.round(height / Math.pow(2, k)));
    return new Plan(bw, bh, List.copyOf(rungs));
  }

  /**
   * Climbs from the base picture (at the plan's base size) to the output size. Rungs larger than
   * {@code tile} on a side run in tiles.
   */
  public RenderedImage climb(
      Plan plan,
      RenderedImage basePicture,
      LabelMap labels,
      InstanceMap instances,
      long noiseSeed,
      int tile,
      Stages stages,
      ModelSession.Cancel cancel) {
    long t0 = System.nanoTime();
    int[] pic = basePicture.argb();
    int pw = basePicture.width();
    int ph = basePicture.height();
    int n = plan.rungs().size();
    if (stages != null && !stages.finished(0, n, basePicture)) {
      throw new CancellationException("superseded");
    }
    RenderedImage out = basePicture;
    int step = Math.max(64, tile);
    tilesDone = 0;
    tilesTotal = 0;
    for (Rung r : plan.rungs()) {
      tilesTotal += ((r.width() + step - 1) / step) * ((r.height() + step - 1) / step);
    }
    for (int j = 0; j < n; j++) {
      Rung r = plan.rungs().get(j);
      Resampler.Maps maps = Resampler.maps(labels, instances, r.width(), r.height());
      pic =
          refine(
              r,
              pic,
              pw,
              ph,
              maps.labels(),
              maps.instances(),
              rungSeed(noiseSeed, j),
              tile,
              cancel);
      pw = r.width();
      ph = r.height();
      long ms = basePicture.millis() + (System.nanoTime() - t0) / 1_000_000;
      out = new RenderedImage(pw, ph, pic, ms, basePicture.provider());
      if (stages != null && j < n - 1 && !stages.finished(j + 1, n, out)) {
        throw new CancellationException("superseded");
      }
    }
    return out;
  }

  /** One rung over the whole picture, tile by tile. */
  int[] refine(
      Rung r,
      int[] below,
      int bw,
      int bh,
      LabelMap labels,
      InstanceMap instances,
      long noiseSeed,
      int tile,
      ModelSession.Cancel cancel) {
    int[] out = new int[r.width() * r.height()];
    int[] all = {0, 0, r.width(), r.height()};
    refineRegion(r, below, bw, bh, labels, instances, noiseSeed, tile, all, out, cancel);
    return out;
  }

  /** Pixels a rung's output depends on around each of its pixels (instance edges: one more). */
  static int halo(Rung r) {
    return r.stage().receptiveField() + 2;
  }

  /**
   * One rung over {@code region} {x0, y0, x1, y1} of its output only, tile by tile, written into
   * {@code out} (the rest of {@code out} is left as it is). Each tile's window reaches {@link
   * #halo} beyond it, so the region equals the same region of a whole-picture refine.
   */
  void refineRegion(
      Rung r,
      int[] below,
      int bw,
      int bh,
      LabelMap labels,
      InstanceMap instances,
      long noiseSeed,
      int tile,
      int[] region,
      int[] out,
      ModelSession.Cancel cancel) {
    int w = r.width();
    int h = r.height();
    int halo = halo(r);
    int step = Math.max(64, tile);
    ModelSession session = runtime.session(r.stage().file());
    for (int y0 = region[1]; y0 < region[3]; y0 += step) {
      for (int x0 = region[0]; x0 < region[2]; x0 += step) {
        if (cancel.isCancelled()) {
          throw new CancellationException("cancelled");
        }
        int[] core = {x0, y0, Math.min(region[2], x0 + step), Math.min(region[3], y0 + step)};
        int[] win = {
          Math.max(0, core[0] - halo),
          Math.max(0, core[1] - halo),
          Math.min(w, core[2] + halo),
          Math.min(h, core[3] + halo)
        };
        float[] rgb =
            runWindow(session, below, bw, bh, w, h, labels, instances, win, noiseSeed, cancel);
        int ww = win[2] - win[0];
        int wh = win[3] - win[1];
        int[] argb = ImageTensors.toArgb(rgb, ww, wh);
        for (int y = core[1]; y < core[3]; y++) {
          System.arraycopy(
              argb,
              (y - win[1]) * ww + (core[0] - win[0]),
              out,
              y * w + core[0],
              core[2] - core[0]);
        }
        progress.tiles(++tilesDone, tilesTotal);
      }
    }
  }

  /** Noise seed of rung j (0-based) of a climb with {@code noiseSeed}. */
  static long rungSeed(long noiseSeed, int j) {
    return noiseSeed + 7919L * (j + 1);
  }

  private float[] runWindow(
      ModelSession session,
      int[] below,
      int bw,
      int bh,
      int w,
      int h,
      LabelMap labels,
      InstanceMap instances,
      int[] win,
      long noiseSeed,
      ModelSession.Cancel cancel) {
    int ww = win[2] - win[0];
    int wh = win[3] - win[1];
    LabelMap l = new LabelMap(ww, wh);
    InstanceMap inst = new InstanceMap(ww, wh);
    for (int y = 0; y < wh; y++) {
      System.arraycopy(labels.raw(), (win[1] + y) * w + win[0], l.raw(), y * ww, ww);
      System.arraycopy(instances.raw(), (win[1] + y) * w + win[0], inst.raw(), y * ww, ww);
    }
    Map<String, Tensor> in = new HashMap<>(BaseRenderer.labelInputs(pack, l, inst));
    in.put("picture", new Tensor(upsampled(below, bw, bh, w, h, win), shape(3, wh, ww)));
    in.put("noise", new Tensor(noise(noiseSeed, win, w), shape(1, wh, ww)));
    return session.run(in, cancel).get("image").data();
  }

  /**
   * The window {@code win} of the picture below resized bilinearly to (w, h), as [-1, 1] CHW:
   * sample positions are computed for the whole picture, so windows agree where they overlap.
   */
  static float[] upsampled(int[] src, int sw, int sh, int w, int h, int[] win) {
    int ww = win[2] - win[0];
    int wh = win[3] - win[1];
    int n = ww * wh;
    float[] out = new float[3 * n];
    for (int y = 0; y < wh; y++) {
      float fy = ImageTensors.source(win[1] + y, sh, h);
      int y0 = Math.min((int) fy, sh - 1);
      int y1 = Math.min(y0 + 1, sh - 1);
      float ty = fy - y0;
      for (int x = 0; x < ww; x++) {
        float fx = ImageTensors.source(win[0] + x, sw, w);
        int x0 = Math.min((int) fx, sw - 1);
        int x1 = Math.min(x0 + 1, sw - 1);
        float tx = fx - x0;
        int a = src[y0 * sw + x0];
        int b = src[y0 * sw + x1];
        int c = src[y1 * sw + x0];
        int d = src[y1 * sw + x1];
        int i = y * ww + x;
        for (int ch = 0; ch < 3; ch++) {
          int shift = 16 - 8 * ch;
          float top = ((a >> shift) & 0xFF) * (1 - tx) + ((b >> shift) & 0xFF) * tx;
          float bot = ((c >> shift) & 0xFF) * (1 - tx) + ((d >> shift) & 0xFF) * tx;
          out[ch * n + i] = (top * (1 - ty) + bot * ty) / 127.5f - 1f;
        }
      }
    }
    return out;
  }

  /** Standard-normal noise that depends only on the seed and the pixel's place in the rung. */
  static float[] noise(long seed, int[] win, int fullWidth) {
    int ww = win[2] - win[0];
    int wh = win[3] - win[1];
    float[] out = new float[ww * wh];
    for (int y = 0; y < wh; y++) {
      for (int x = 0; x < ww; x++) {
        long place = (long) (win[1] + y) * fullWidth + (win[0] + x);
        long bits = mix(seed * 0x9E3779B97F4A7C15L + place);
        double u1 = ((bits >>> 40) + 1) / (double) (1L << 24);
        double u2 = ((bits >>> 16) & 0xFFFFFF) / (double) (1L << 24);
        out[y * ww + x] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
      }
    }
    return out;
  }

  private static long mix(long z) { // SplitMix64's finaliser
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long[] shape(int c, int h, int w) {
    return new long[] {1, c, h, w};
  }
}
