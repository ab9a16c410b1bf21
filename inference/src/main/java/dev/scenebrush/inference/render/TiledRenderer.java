package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.onnx.ModelSession.Tensor;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.Resampler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Large renders tile by tile with memory bounded by the tile size. Each tile's input window reaches
 * {@link #halo()} pixels beyond the tile on every side (more than the generator's receptive field)
 * and starts on the generator's multipleOf grid, so its pooling and sampling grids are those of a
 * one-shot render: inside the tile the result equals the one-shot render.
 */
public final class TiledRenderer {
  /** Progress in tiles done of tiles total. */
  public interface Progress {
    void tiles(int done, int total);
  }

  private final InferenceRuntime runtime;
  private final ModelPack pack;

  /** Core side of the finishing part's tiles (see {@link ModelPack.Tiling}). */
  static final int FINISH_TILE = 512;

  private final int haloCells;
  private final boolean split;

  public TiledRenderer(InferenceRuntime runtime, ModelPack pack) {
    this(runtime, pack, 0, true);
  }

  /** With a halo of the given number of coarse cells (tests show what too few do). */
  public TiledRenderer(InferenceRuntime runtime, ModelPack pack, int haloCells) {
    this(runtime, pack, haloCells, true);
  }

  /**
   * @param split use the pack's split generator when it has one: the trunk runs once per tile
   *     window and the memory-heavy finishing part in small tiles inside it (same result, a
   *     fraction of the peak memory); false runs the whole generator per window
   */
  public TiledRenderer(InferenceRuntime runtime, ModelPack pack, int haloCells, boolean split) {
    this.runtime = runtime;
    this.pack = pack;
    this.haloCells = haloCells;
    this.split = split && pack.tiling().isPresent();
  }

  /** Whether renders use the pack's split generator. */
  public boolean split() {
    return split;
  }

  /**
   * Receptive-field bound: every SPADE block reaches at most four cells of its scale, and the
   * coarsest scale is multipleOf, so twelve coarse cells cover the whole stack with room.
   */
  public int halo() {
    int m = pack.multipleOf();
    if (haloCells > 0) {
      return haloCells * m;
    }
    // Measured reach plus one coarse cell for the grid phase, rounded up to the grid.
    return pack.receptiveField() > 0 ? (pack.receptiveField() + 2 * m - 1) / m * m : 12 * m;
  }

  /** Renders at (width, height) exactly; tile is the core tile side (rounded to multipleOf). */
  public RenderedImage render(
      LabelMap labels,
      InstanceMap instances,
      StyleSpec style,
      int width,
      int height,
      int tile,
      Progress progress,
      ModelSession.Cancel cancel) {
    LabelMap.checkSize(width, height);
    style.check(pack.zDim());
    long t0 = System.nanoTime();
    int m = pack.multipleOf();
    int w = ceil(width, m);
    int h = ceil(height, m);
    int t = Math.max(m, ceil(tile, m));
    labels.validate(pack.palette());
    Resampler.Maps maps = Resampler.maps(labels, instances, w, h);
    LabelMap l = maps.labels();
    InstanceMap inst = maps.instances();
    byte[] regions = style.regionsAt(labels.width(), labels.height(), w, h);
    int[] out = new int[w * h];
    int tilesX = (w + t - 1) / t;
    int tilesY = (h + t - 1) / t;
    int total = tilesX * tilesY;
    int done = 0;
    int halo = halo();
    int need = Math.min(w, t + 2 * halo) * Math.min(h, t + 2 * halo);
    // The z map is the largest input; split, it is only ever needed pooled for the trunk's
    // window or at full size for a finishing tile.
    int zNeed = need;
    if (split) {
      int s = pack.tiling().orElseThrow().scale();
      int side = Math.min(t, FINISH_TILE) + 2 * finishMargin();
      zNeed = Math.max(need / (s * s), side * side);
    }
    if (buffers == null
        || buffers.edges().capacity() < need
        || buffers.z().capacity() < zNeed * style.zDim()) {
      buffers = null; // let the old buffers go before allocating bigger ones
      buffers = new Buffers(need, zNeed, pack.palette().size() + 1, style.zDim());
    }
    if (split) {
      ModelPack.Tiling tiling = pack.tiling().orElseThrow();
      int margin = finishMargin();
      int side = Math.min(t, FINISH_TILE) + 2 * margin;
      int cells = side / tiling.scale() * (side / tiling.scale()) * tiling.featureChannels();
      if (features == null || features.capacity() < cells) {
        features = null;
        features = Buffers.direct(cells);
      }
    }
    for (int ty = 0; ty < tilesY; ty++) {
      for (int tx = 0; tx < tilesX; tx++) {
        if (cancel.isCancelled()) {
          throw new CancellationException("export cancelled");
        }
        int cx0 = tx * t;
        int cy0 = ty * t;
        int cx1 = Math.min(w, cx0 + t);
        int cy1 = Math.min(h, cy0 + t);
        int wx0 = Math.max(0, cx0 - halo);
        int wy0 = Math.max(0, cy0 - halo);
        int wx1 = Math.min(w, cx1 + halo);
        int wy1 = Math.min(h, cy1 + halo);
        int[] window = {wx0, wy0, wx1 - wx0, wy1 - wy0};
        int[] core = {cx0, cy0, cx1 - cx0, cy1 - cy0};
        if (split) {
          renderSplit(l, inst, regions, style, window, core, out, w, cancel);
        } else {
          Map<String, Tensor> in = inputs(l, inst, regions, style, window, 1);
          float[] rgb = runtime.session(pack.generator()).run(in, cancel).get("image").data();
          copyCore(rgb, window, core, out, w);
        }
        done++;
        if (progress != null) {
          progress.tiles(done, total);
        }
      }
    }
    if (w != width || h != height) {
      out = ImageTensors.resize(out, w, h, width, height);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new RenderedImage(width, height, out, ms, runtime.provider().label());
  }

  /**
   * Margin of the finishing part's tiles: its reach rounded up to its feature grid, so every tile
   * starts on that grid (its upsampling then matches the one-shot render).
   */
  int finishMargin() {
    ModelPack.Tiling tiling = pack.tiling().orElseThrow();
    int s = tiling.scale();
    return (tiling.finishReach() + s) / s * s;
  }

  /**
   * The trunk on the whole window, then the finishing part tile by tile over the core: each of its
   * tiles takes the window's features and the full-size inputs around it, with finishMargin()
   * pixels of margin (clamped to the window, whose own margin covers the whole generator's reach).
   */
  private void renderSplit(
      LabelMap l,
      InstanceMap inst,
      byte[] regions,
      StyleSpec style,
      int[] window,
      int[] core,
      int[] out,
      int fullWidth,
      ModelSession.Cancel cancel) {
    ModelPack.Tiling tiling = pack.tiling().orElseThrow();
    int s = tiling.scale();
    int c = tiling.featureChannels();
    Map<String, Tensor> in = inputs(l, inst, regions, style, window, s);
    int fw = window[2] / s;
    int fh = window[3] / s;
    if (windowFeatures == null || windowFeatures.capacity() < c * fw * fh) {
      windowFeatures = null;
      windowFeatures = Buffers.direct(c * fw * fh);
    }
    FloatBuffer feats = Buffers.view(windowFeatures, c * fw * fh);
    runtime
        .session(tiling.trunk())
        .runInto(in, "features", new Tensor(feats, new long[] {1, c, fh, fw}), cancel);
    int margin = finishMargin();
    int sub = Math.min(Math.max(core[2], core[3]), FINISH_TILE);
    for (int sy = core[1]; sy < core[1] + core[3]; sy += sub) {
      for (int sx = core[0]; sx < core[0] + core[2]; sx += sub) {
        if (cancel.isCancelled()) {
          throw new CancellationException("export cancelled");
        }
        int ex = Math.min(core[0] + core[2], sx + sub);
        int ey = Math.min(core[1] + core[3], sy + sub);
        int ax0 = Math.max(window[0], sx - margin);
        int ay0 = Math.max(window[1], sy - margin);
        int ax1 = Math.min(window[0] + window[2], ex + margin);
        int ay1 = Math.min(window[1] + window[3], ey + margin);
        int[] area = {ax0, ay0, ax1 - ax0, ay1 - ay0};
        Map<String, Tensor> fin = new HashMap<>(inputs(l, inst, regions, style, area, 1));
        int gw = area[2] / s;
        int gh = area[3] / s;
        int gx0 = (ax0 - window[0]) / s;
        int gy0 = (ay0 - window[1]) / s;
        for (int ch = 0; ch < c; ch++) {
          for (int y = 0; y < gh; y++) {
            features.put(ch * gw * gh + y * gw, feats, ch * fw * fh + (gy0 + y) * fw + gx0, gw);
          }
        }
        fin.put(
            "features", new Tensor(Buffers.view(features, c * gw * gh), new long[] {1, c, gh, gw}));
        int n = area[2] * area[3];
        if (finishImage == null || finishImage.capacity() < 3 * n) {
          finishImage = null;
          finishImage = Buffers.direct(3 * n);
        }
        FloatBuffer rgb = Buffers.view(finishImage, 3 * n);
        runtime
            .session(tiling.finish())
            .runInto(fin, "image", new Tensor(rgb, new long[] {1, 3, area[3], area[2]}), cancel);
        copyCore(rgb, area, new int[] {sx, sy, ex - sx, ey - sy}, out, fullWidth);
      }
    }
  }

  /** Copies the core rectangle of a window's RGB render into the picture. */
  private static void copyCore(float[] rgb, int[] window, int[] core, int[] out, int fullWidth) {
    copyCore(FloatBuffer.wrap(rgb), window, core, out, fullWidth);
  }

  private static void copyCore(
      FloatBuffer rgb, int[] window, int[] core, int[] out, int fullWidth) {
    int ww = window[2];
    int n = ww * window[3];
    for (int y = core[1]; y < core[1] + core[3]; y++) {
      for (int x = core[0]; x < core[0] + core[2]; x++) {
        int i = (y - window[1]) * ww + (x - window[0]);
        out[y * fullWidth + x] =
            0xFF000000
                | (channel(rgb.get(i)) << 16)
                | (channel(rgb.get(n + i)) << 8)
                | channel(rgb.get(2 * n + i));
      }
    }
  }

  /** Reused direct buffers of the split path: window features, a finishing tile's image. */
  private FloatBuffer windowFeatures;

  private FloatBuffer finishImage;

  private FloatBuffer features;

  /** Input buffers sized for the largest window, reused by every tile (direct: no copies). */
  private record Buffers(
      FloatBuffer onehot, FloatBuffer edges, FloatBuffer z, short[] ids, byte[] regions) {
    Buffers(int n, int zPixels, int channels, int zDim) {
      this(direct(channels * n), direct(n), direct(zDim * zPixels), new short[n], new byte[n]);
    }

    static FloatBuffer direct(int floats) {
      return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    static FloatBuffer view(FloatBuffer b, int length) {
      FloatBuffer d = b.duplicate();
      d.position(0).limit(length);
      return d.slice();
    }
  }

  private Buffers buffers;

  /**
   * The generator's inputs for one window {x0, y0, w, h}, in the shared direct buffers; z averaged
   * over zPool×zPool blocks when zPool is above 1 (a split generator's trunk).
   */
  private Map<String, Tensor> inputs(
      LabelMap labels, InstanceMap inst, byte[] regions, StyleSpec style, int[] window, int zPool) {
    int x0 = window[0];
    int y0 = window[1];
    int w = window[2];
    int h = window[3];
    int fw = labels.width();
    int fh = labels.height();
    int n = w * h;
    int classes = pack.palette().size();
    Buffers b = buffers;
    FloatBuffer onehot = b.onehot();
    FloatBuffer edges = b.edges();
    short[] ids = b.ids();
    byte[] reg = regions == null ? null : b.regions();
    byte[] lab = labels.raw();
    short[] full = inst.raw();
    for (int i = 0; i < (classes + 1) * n; i++) {
      onehot.put(i, 0f);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int gx = x0 + x;
        int gy = y0 + y;
        int g = gy * fw + gx;
        int p = y * w + x;
        int v = lab[g] & 0xFF;
        onehot.put((v == Palette.UNKNOWN ? classes : v) * n + p, 1f);
        short id = full[g];
        ids[p] = id;
        // Edges from the full map, so a window border is not mistaken for an object edge.
        boolean edge =
            (gx > 0 && full[g - 1] != id)
                || (gx < fw - 1 && full[g + 1] != id)
                || (gy > 0 && full[g - fw] != id)
                || (gy < fh - 1 && full[g + fw] != id);
        edges.put(p, edge ? 1f : 0f);
        if (reg != null) {
          reg[p] = regions[g];
        }
      }
    }
    int zn = n / (zPool * zPool);
    if (zPool > 1) {
      style.zMapPooledInto(ids, reg, w, h, zPool, b.z());
    } else {
      style.zMapInto(ids, reg, w, h, b.z());
    }
    return Map.of(
        "label",
        new Tensor(Buffers.view(onehot, (classes + 1) * n), new long[] {1, classes + 1, h, w}),
        "instance_edge",
        new Tensor(Buffers.view(edges, n), new long[] {1, 1, h, w}),
        "z",
        new Tensor(
            Buffers.view(b.z(), style.zDim() * zn),
            new long[] {1, style.zDim(), h / zPool, w / zPool}));
  }

  private static int ceil(int v, int m) {
    return (v + m - 1) / m * m;
  }

  private static int channel(float v) {
    int c = Math.round((v + 1f) * 127.5f);
    return c < 0 ? 0 : Math.min(255, c);
  }
}
