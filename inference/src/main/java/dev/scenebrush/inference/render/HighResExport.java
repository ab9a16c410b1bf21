package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.io.LayeredPicture;
import dev.scenebrush.inference.io.LayeredPsd;
import dev.scenebrush.inference.io.OpenRaster;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.Resampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * A high-resolution export: the tiled render, then the picture and optionally the label map, the
 * instance map and a layered OpenRaster file at the same size. Shared by the CLI's export and the
 * app's export dialog. Every file is written atomically (temporary file, then a move), so a
 * cancelled or failed export leaves nothing half-written under a target name.
 */
public final class HighResExport {
  public static final int MIN_TILE = 64;

  private HighResExport() {}

  /** What to export and where; null paths are not written. */
  public record Request(
      LabelMap labels,
      InstanceMap instances,
      List<Instance> objects,
      StyleSpec style,
      int width,
      int height,
      int tile,
      Path image,
      Path labelsOut,
      Path instancesOut,
      Path layers) {

    /** Throws with the reason when the request cannot be carried out (before any rendering). */
    public void check() {
      LabelMap.checkSize(width, height);
      if (tile < MIN_TILE) {
        throw new IllegalArgumentException(
            "tile side must be at least " + MIN_TILE + ", got " + tile);
      }
      if (image == null) {
        throw new IllegalArgumentException("no output image given");
      }
      String ext = extension(image);
      if (!List.of("png", "jpg", "jpeg", "tif", "tiff").contains(ext)) {
        throw new IllegalArgumentException(
            "the image must be .png, .jpg or .tif; got '" + image.getFileName() + "'");
      }
      if (layers != null && !List.of("ora", "psd").contains(extension(layers))) {
        throw new IllegalArgumentException(
            "the layered file must end in .ora (OpenRaster) or .psd (Photoshop); got '"
                + layers.getFileName()
                + "'");
      }
      for (Path p : outputs()) {
        Path dir = p.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
          throw new IllegalArgumentException("cannot write " + p + ": folder missing or read-only");
        }
      }
    }

    public List<Path> outputs() {
      List<Path> out = new ArrayList<>();
      for (Path p : new Path[] {image, labelsOut, instancesOut, layers}) {
        if (p != null) {
          out.add(p);
        }
      }
      return out;
    }
  }

  static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Renders tile by tile (progress per tile, cancellable between tiles) and writes the files. */
  public static RenderedImage run(
      InferenceRuntime runtime,
      ModelPack pack,
      Request r,
      TiledRenderer.Progress progress,
      ModelSession.Cancel cancel)
      throws IOException {
    r.check();
    if (pack.hasLadder()) {
      return write(runtime, pack, r, climb(runtime, pack, r, progress, cancel), cancel);
    }
    RenderedImage img =
        new TiledRenderer(runtime, pack)
            .render(
                r.labels(),
                r.instances(),
                r.style(),
                r.width(),
                r.height(),
                r.tile(),
                progress,
                cancel);
    if (cancel.isCancelled()) {
      throw new CancellationException("export cancelled");
    }
    if (!pack.classGenerators().isEmpty()
        && r.objects().stream().anyMatch(o -> o.mode() == RenderMode.CLASS)) {
      // Mixed resolution: objects in class mode are re-generated from the export-size picture,
      // at up to EXPORT_SCALE times their generator's resolution, not upscaled from the preview.
      Resampler.Maps big = Resampler.maps(r.labels(), r.instances(), r.width(), r.height());
      ClassPass.Result cp =
          new ClassPass(runtime, pack, ClassPass.EXPORT_SCALE)
              .applyInPlace(img.argb(), big.labels(), big.instances(), r.objects(), cancel);
      img = new RenderedImage(img.width(), img.height(), cp.argb(), img.millis(), img.provider());
    }
    return write(runtime, pack, r, img, cancel);
  }

  /**
   * The ladder's export: the base picture (with class-mode objects) at the plan's base size, the
   * size the preview's base has, so the export refines the picture the preview shows; then every
   * rung, in tiles of the request's tile side.
   */
  private static RenderedImage climb(
      InferenceRuntime runtime,
      ModelPack pack,
      Request r,
      TiledRenderer.Progress progress,
      ModelSession.Cancel cancel) {
    Ladder.Plan plan = Ladder.plan(pack, r.width(), r.height());
    int[] work = pack.workingSize(plan.baseWidth(), plan.baseHeight());
    RenderedImage base =
        new BaseRenderer(runtime, pack)
            .render(r.labels(), r.instances(), r.style(), work[0], work[1], cancel);
    int[] argb = base.argb();
    if (!pack.classGenerators().isEmpty()
        && r.objects().stream().anyMatch(o -> o.mode() == RenderMode.CLASS)) {
      Resampler.Maps atWork = Resampler.maps(r.labels(), r.instances(), work[0], work[1]);
      argb =
          new ClassPass(runtime, pack)
              .apply(argb, atWork.labels(), atWork.instances(), r.objects(), cancel)
              .argb();
    }
    argb = ImageTensors.resize(argb, work[0], work[1], plan.baseWidth(), plan.baseHeight());
    RenderedImage start =
        new RenderedImage(
            plan.baseWidth(), plan.baseHeight(), argb, base.millis(), base.provider());
    return new Ladder(runtime, pack)
        .onTiles(progress)
        .climb(plan, start, r.labels(), r.instances(), Ladder.NOISE_SEED, r.tile(), null, cancel);
  }

  /** OpenRaster's and Photoshop's layered writers take the same picture, maps and objects. */
  @FunctionalInterface
  private interface LayeredWriter {
    List<?> write(Path file, LayeredPicture picture) throws IOException;
  }

  private static RenderedImage write(
      InferenceRuntime runtime,
      ModelPack pack,
      Request r,
      RenderedImage img,
      ModelSession.Cancel cancel)
      throws IOException {
    if (cancel.isCancelled()) {
      throw new CancellationException("export cancelled");
    }
    LabelMap bigLabels = null;
    InstanceMap bigInstances = null;
    if (r.instancesOut() != null || r.layers() != null) {
      Resampler.Maps big = Resampler.maps(r.labels(), r.instances(), r.width(), r.height());
      bigLabels = big.labels();
      bigInstances = big.instances();
    } else if (r.labelsOut() != null) {
      bigLabels = Resampler.labels(r.labels(), r.width(), r.height());
    }
    LabelImages.writeRgb(img.argb(), img.width(), img.height(), r.image());
    if (r.labelsOut() != null) {
      LabelImages.writeColor(bigLabels, pack.palette(), r.labelsOut());
    }
    if (r.instancesOut() != null) {
      LabelImages.writeInstances(bigInstances, r.instancesOut());
    }
    if (r.layers() != null) {
      LayeredWriter writer =
          extension(r.layers()).equals("psd") ? LayeredPsd::write : OpenRaster::write;
      writer.write(
          r.layers(),
          new LayeredPicture(
              img.argb(),
              img.width(),
              img.height(),
              bigLabels,
              bigInstances,
              r.objects(),
              pack.palette()));
    }
    return img;
  }
}
