package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import java.util.Arrays;

/**
 * An object's square crop, twice its size ({@link Compositing#cropBox}): where it lies, the
 * object's mask, the labels and the picture there.
 */
record Crop(int x, int y, int side, boolean[] mask, byte[] labels, int[] picture) {
  /** The crop around an object whose pixels span bounds {minX, minY, maxX, maxY}. */
  static Crop cut(int[] picture, LabelMap labels, InstanceMap ids, int id, int[] bounds) {
    int w = labels.width();
    int[] box = Compositing.cropBox(bounds[0], bounds[1], bounds[2], bounds[3], w, labels.height());
    int side = box[2];
    boolean[] mask = new boolean[side * side];
    byte[] lab = new byte[side * side];
    int[] ctx = new int[side * side];
    short[] raw = ids.raw();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int g = (box[1] + y) * w + box[0] + x;
        mask[y * side + x] = (raw[g] & 0xFFFF) == id;
        lab[y * side + x] = labels.raw()[g];
        ctx[y * side + x] = picture[g];
      }
    }
    return new Crop(box[0], box[1], side, mask, lab, ctx);
  }

  /** What a render of this crop depends on, for caches. */
  String key() {
    return x
        + ","
        + y
        + ","
        + side
        + ":"
        + Arrays.hashCode(mask)
        + ":"
        + Arrays.hashCode(labels)
        + ":"
        + Arrays.hashCode(picture);
  }
}
