package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.tensor.ImageTensors;
import dev.scenebrush.inference.tensor.Resampler;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The base generator, with class-mode objects re-rendered by their class generators (CollageGAN)
 * and retrieval-mode objects by the retrieval generator (RESAIL, {@link RetrievalObjects}) over its
 * picture. The base picture is reused while labels, objects and style are unchanged, so a new look
 * for one class-mode object costs only its class generator. Requests whose objects are all in base
 * mode go straight to the base generator.
 */
final class ClassModeRenderer implements Renderer {
  private final BaseRenderer base;
  private ClassPass classPass;
  private final RetrievalObjects retrievalObjects;
  private int baseKey;
  private RenderedImage baseImage;
  private volatile List<String> lastNotices = List.of();

  /** {@code retrieval}: the pack's retrieval renderer, or null when it has none. */
  ClassModeRenderer(BaseRenderer base, RetrievalRenderer retrieval) {
    this.base = base;
    this.retrievalObjects = new RetrievalObjects(retrieval);
  }

  @Override
  public RenderedImage render(RenderRequest q, ModelSession.Cancel cancel, Ladder.Stages stages) {
    StyleSpec style = q.styleFor(base.pack().zDim());
    if (q.objects().stream().noneMatch(o -> o.mode() == RenderMode.CLASS)
        && !RetrievalObjects.wanted(q.objects())) {
      lastNotices = List.of();
      return base.render(q.labels(), q.instances(), style, q.width(), q.height(), cancel);
    }
    long t0 = System.nanoTime();
    ModelPack pack = base.pack();
    int[] size = pack.workingSize(q.width(), q.height());
    int key =
        Objects.hash(
            Arrays.hashCode(q.labels().raw()),
            Arrays.hashCode(q.instances().raw()),
            style.fingerprint(),
            size[0],
            size[1]);
    RenderedImage picture = baseImage;
    if (picture == null || key != baseKey) {
      picture = base.render(q.labels(), q.instances(), style, size[0], size[1], cancel);
      baseImage = picture;
      baseKey = key;
    }
    if (classPass == null) {
      classPass = new ClassPass(base.runtime(), pack);
    }
    var maps = Resampler.maps(q.labels(), q.instances(), size[0], size[1]);
    ClassPass.Result r =
        classPass.apply(picture.argb(), maps.labels(), maps.instances(), q.objects(), cancel);
    int[] argb = r.argb();
    List<String> notices = new java.util.ArrayList<>(r.notices());
    if (RetrievalObjects.wanted(q.objects())) {
      notices.addAll(
          retrievalObjects.apply(argb, maps.labels(), maps.instances(), q.objects(), cancel));
    }
    if (size[0] != q.width() || size[1] != q.height()) {
      argb = ImageTensors.resize(argb, size[0], size[1], q.width(), q.height());
    }
    lastNotices = List.copyOf(notices);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new RenderedImage(q.width(), q.height(), argb, ms, picture.provider());
  }

  /** Notices of the last class pass (objects without a class generator keep the base's look). */
  List<String> lastNotices() {
    return lastNotices;
  }
}
