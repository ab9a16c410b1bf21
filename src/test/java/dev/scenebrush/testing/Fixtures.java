package dev.scenebrush.testing;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.pack.PackLoader;
import dev.scenebrush.inference.palette.PaletteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Real files the tests use: the repository's palettes and the small exported test pack. */
public final class Fixtures {
  private Fixtures() {}

  public static Path home() {
    return SceneBrushHome.find();
  }

  public static PaletteLoader palettes() {
    return new PaletteLoader(home().resolve("palettes"));
  }

  /** A pack exported by models/training (export-untrained): real ONNX, 18 classes, z = 8. */
  public static Path tinyPackFolder() {
    return home().resolve("src/test/resources/packs/tiny");
  }

  public static ModelPack tinyPack() {
    return new PackLoader(palettes()).load(tinyPackFolder());
  }

  /** The tiny SC-GAN pack with two untrained ladder stages (attach-refiners --untrained). */
  public static Path ladderPackFolder() {
    return home().resolve("src/test/resources/packs/ladder-tiny");
  }

  public static ModelPack ladderPack() {
    return new PackLoader(palettes()).load(ladderPackFolder());
  }

  /** A pack shipped in the models folder (landscape, landscape-spade): trained weights. */
  public static ModelPack bundledPack(String id) {
    return new PackCatalog(home().resolve("models"), palettes()).resolve(id);
  }

  /**
   * Packs converted from random-weight checkpoints laid out like the released SPADE and OASIS
   * generators (models/training: convert-fixtures): spade-coco-stuff, spade-ade20k,
   * spade-cityscapes, oasis-ade20k, oasis-cityscapes.
   */
  public static ModelPack releasedPack(String id) {
    return new PackLoader(palettes())
        .load(home().resolve("src/test/resources/packs/released/" + id));
  }

  public static final java.util.List<String> RELEASED_PACKS =
      java.util.List.of(
          "spade-coco-stuff",
          "spade-ade20k",
          "spade-cityscapes",
          "oasis-ade20k",
          "oasis-cityscapes");

  /** A writable copy of the tiny pack, for tests that break its manifest. */
  public static Path copyTinyPack(Path dir) throws IOException {
    Path dest = Files.createTempDirectory(dir, "tiny-");
    try (Stream<Path> files = Files.list(tinyPackFolder())) {
      for (Path f : files.toList()) {
        Files.copy(f, dest.resolve(f.getFileName()));
      }
    }
    return dest;
  }
}
