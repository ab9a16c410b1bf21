package dev.scenebrush.app.export;

import dev.scenebrush.app.document.Document;
import java.nio.file.Path;

/** What the export dialog asks: output size, the image file and which extra files to write. */
public record ExportSettings(
    int width,
    int height,
    Path image,
    boolean labels,
    boolean instances,
    boolean layers,
    LayeredFormat layersFormat) {

  public ExportSettings {
    layersFormat = layersFormat == null ? LayeredFormat.ORA : layersFormat;
  }

  /** With the layered file, if any, as OpenRaster. */
  public ExportSettings(
      int width, int height, Path image, boolean labels, boolean instances, boolean layers) {
    this(width, height, image, labels, instances, layers, LayeredFormat.ORA);
  }

  /**
   * What the export dialog starts from: next to the saved painting (named after it), else in the
   * folder of the last export, else the home folder; the last export's extra files; its size when
   * the painting still has the proportions it had then, else the painting's own size.
   */
  public static ExportSettings suggest(Document doc, ExportSettings last) {
    Path file = doc.fileProperty().get();
    Path folder =
        file != null && file.toAbsolutePath().getParent() != null
            ? file.toAbsolutePath().getParent()
            : last != null && last.image().toAbsolutePath().getParent() != null
                ? last.image().toAbsolutePath().getParent()
                : Path.of(System.getProperty("user.home"));
    String name;
    if (file != null) {
      String stem = file.getFileName().toString();
      int dot = stem.lastIndexOf('.');
      name = (dot > 0 ? stem.substring(0, dot) : stem) + ".png";
    } else {
      name = last != null ? last.image().getFileName().toString() : "scene.png";
    }
    int w = doc.width();
    int h = doc.height();
    if (last != null && Math.abs(last.width() / (double) last.height() - w / (double) h) < 0.01) {
      w = last.width();
      h = last.height();
    }
    boolean labels = last != null && last.labels();
    boolean instances = last != null && last.instances();
    boolean layers = last != null && last.layers();
    LayeredFormat format = last != null ? last.layersFormat() : LayeredFormat.ORA;
    return new ExportSettings(w, h, folder.resolve(name), labels, instances, layers, format);
  }

  /** scene.png → scene-labels.png: the label map beside the image. */
  public Path labelsPath() {
    return labels ? sibling("-labels.png") : null;
  }

  public Path instancesPath() {
    return instances ? sibling("-instances.png") : null;
  }

  public Path layersPath() {
    return layers ? sibling(layersFormat.extension()) : null;
  }

  private Path sibling(String suffix) {
    String name = image.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    return image.resolveSibling(stem + suffix);
  }
}
