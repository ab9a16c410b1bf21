package dev.scenebrush.app;

import java.nio.file.Path;

/** What the export dialog asks: output size, the image file and which extra files to write. */
public record ExportSettings(
    int width, int height, Path image, boolean labels, boolean instances, boolean layers) {

  /** scene.png → scene-labels.png: the label map beside the image. */
  public Path labelsPath() {
    return labels ? sibling("-labels.png") : null;
  }

  public Path instancesPath() {
    return instances ? sibling("-instances.png") : null;
  }

  public Path layersPath() {
    return layers ? sibling(".ora") : null;
  }

  private Path sibling(String suffix) {
    String name = image.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    return image.resolveSibling(stem + suffix);
  }
}
