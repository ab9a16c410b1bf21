package dev.scenebrush.app;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RetrievalRenderer;
import java.util.Optional;

/** What the window works with: the pack, the inference runtime and the render service. */
public final class AppContext implements AutoCloseable {
  private final ModelPack pack;
  private final InferenceRuntime runtime;
  private final RenderService renders;
  private final PaletteLoader palettes;

  public AppContext(ModelPack pack, boolean forceCpu) {
    this(pack, forceCpu, new PaletteLoader(SceneBrushHome.palettes()));
  }

  public AppContext(ModelPack pack, boolean forceCpu, PaletteLoader palettes) {
    this.pack = pack;
    this.palettes = palettes;
    this.runtime = new InferenceRuntime(forceCpu, 0);
    try {
      PackVerifier.verify(pack, runtime);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    this.renders = new RenderService(new BaseRenderer(runtime, pack));
    RetrievalRenderer r = null;
    String note = "this pack has no retrieval generator";
    if (pack.retrieval().isPresent()) {
      try {
        r = new RetrievalRenderer(runtime, pack);
        note = null;
      } catch (RuntimeException e) {
        note = e.getMessage(); // a damaged library: the pack still paints with its base generator
      }
    }
    this.retrieval = r;
    this.retrievalNote = note;
    renders.setRetrieval(r);
  }

  private final RetrievalRenderer retrieval;
  private final String retrievalNote;

  /** The retrieval renderer, when the pack has a usable retrieval generator and library. */
  public Optional<RetrievalRenderer> retrieval() {
    return Optional.ofNullable(retrieval);
  }

  /** Why retrieval is unavailable (null when it is available). */
  public String retrievalNote() {
    return retrievalNote;
  }

  public ModelPack pack() {
    return pack;
  }

  public PaletteLoader palettes() {
    return palettes;
  }

  public InferenceRuntime runtime() {
    return runtime;
  }

  public RenderService renders() {
    return renders;
  }

  @Override
  public void close() {
    renders.close();
    runtime.close();
  }
}
