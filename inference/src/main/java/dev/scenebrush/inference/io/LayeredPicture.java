package dev.scenebrush.inference.io;

import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.palette.Palette;
import java.util.List;

/**
 * What a layered file holds: the rendered picture (ARGB), the label and instance maps at its size,
 * the objects (first listed on top) and the palette that names and colours their classes.
 */
public record LayeredPicture(
    int[] argb,
    int width,
    int height,
    LabelMap labels,
    InstanceMap instances,
    List<Instance> objects,
    Palette palette) {
  public LayeredPicture {
    if (argb.length != width * height) {
      throw new IllegalArgumentException(
          "picture of " + argb.length + " pixels, expected " + width + "x" + height);
    }
    if (labels.width() != width
        || labels.height() != height
        || instances.width() != width
        || instances.height() != height) {
      throw new IllegalArgumentException("maps must be at the image size " + width + "x" + height);
    }
    objects = List.copyOf(objects);
  }
}
