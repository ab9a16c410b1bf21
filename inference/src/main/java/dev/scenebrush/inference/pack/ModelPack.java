package dev.scenebrush.inference.pack;

import com.google.gson.JsonObject;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.palette.Palette;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A validated model pack: every path is absolute and lies inside {@link #folder()}. */
public record ModelPack(
    Path folder,
    String id,
    String name,
    Palette palette,
    int width,
    int height,
    int multipleOf,
    int zDim,
    Path generator,
    Optional<Path> encoder,
    List<ClassGenerator> classGenerators,
    Optional<Retrieval> retrieval,
    int receptiveField,
    Optional<Tiling> tiling,
    JsonObject training,
    Optional<License> license,
    List<Refiner> refiners,
    Optional<Materials> materials,
    List<Look> looks) {

  /**
   * Material pictures cut from the pack's training renders (docs/contracts.md, "materials"): one
   * {@code tile}-pixel square per class in {@code classes} order, row by row across the atlas; a
   * fully transparent tile means the class has no picture.
   */
  public record Materials(Path atlas, int tile, List<String> classes) {}

  /**
   * A style preset (docs/contracts.md, "looks"): real renders in one look (day, dusk, …); the app
   * encodes them with the pack's encoder and uses their mean style.
   */
  public record Look(String name, List<Path> images) {}

  /**
   * One rung of the resolution ladder (docs/contracts.md, "refiners"): a x2 refinement stage whose
   * output's long side is {@code scale} when the base renders at the pack's resolution. Inputs at
   * the stage's size: the picture below (bilinear), labels, instance edges, noise. Rungs above the
   * last one reuse the last stage.
   */
  public record Refiner(
      int scale, Path file, Optional<Path> reference, int labelChannels, int receptiveField) {}

  /** Whether the pack has a class generator (CollageGAN) for the class with this index. */
  public boolean hasClassGenerator(int classIndex) {
    return classGenerators.stream().anyMatch(g -> g.classIndex() == classIndex);
  }

  /**
   * The mode a new object of this class starts in: the class generator's {@code defaultMode}, base
   * for classes without one.
   */
  public RenderMode newObjectMode(int classIndex) {
    return classGenerators.stream()
        .filter(g -> g.classIndex() == classIndex)
        .map(ClassGenerator::defaultMode)
        .findFirst()
        .orElse(RenderMode.BASE);
  }

  /** Whether the pack refines its base picture up to the output size. */
  public boolean hasLadder() {
    return !refiners.isEmpty();
  }

  /**
   * The generator split in two for memory-bounded exports: the trunk (same inputs as the generator)
   * ends in features at 1/scale of the output size; the finishing part (features plus the inputs at
   * full size) renders the image and reaches only finishReach output pixels, so it can run in small
   * tiles.
   */
  public record Tiling(Path trunk, Path finish, int scale, int featureChannels, int finishReach) {}

  /**
   * Terms of the weights in a pack (converted public checkpoints carry their publisher's licence),
   * shown in the app's About box and by the packs command.
   */
  public record License(
      String name, String url, boolean commercialUse, String source, String note) {
    /** One line: the licence name and whether commercial use is allowed. */
    public String summary() {
      return name + (commercialUse ? "" : " (non-commercial use only)");
    }
  }

  /**
   * A class-specific generator (CollageGAN) for one thing class; {@code defaultMode} is the mode
   * new objects of the class start in (class where the pack measured its generator better than the
   * base's drawing).
   */
  public record ClassGenerator(
      String className,
      int classIndex,
      Path file,
      int width,
      int height,
      String context,
      RenderMode defaultMode) {
    public ClassGenerator {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException(
            "class generator '" + className + "': resolution must be positive");
      }
    }
  }

  /** Retrieval generator and its segment library (RESAIL). */
  public record Retrieval(Path generator, Path library) {}

  /** Channels of the one-hot label input: classes plus UNKNOWN. */
  public int labelChannels() {
    return palette.size() + 1;
  }

  /** The nearest working size to (w, h) that the generator accepts, at least one cell. */
  public int[] workingSize(int w, int h) {
    return new int[] {roundToMultiple(w), roundToMultiple(h)};
  }

  private int roundToMultiple(int v) {
    int m = multipleOf;
    return Math.max(m, Math.round(v / (float) m) * m);
  }
}
