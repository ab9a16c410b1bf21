package dev.scenebrush.app;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.gallery.LookPresets;
import dev.scenebrush.inference.gallery.MaterialTiles;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.pack.PackVerifier;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.inference.render.BaseRenderer;
import dev.scenebrush.inference.render.RenderService;
import dev.scenebrush.inference.render.RetrievalRenderer;
import dev.scenebrush.inference.style.StyleState;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
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
    this.renders = new RenderService(new BaseRenderer(runtime, pack), r);
  }

  private final RetrievalRenderer retrieval;
  private final String retrievalNote;
  private Map<String, BufferedImage> materials;
  private String materialsNote;
  private List<StyleState.NamedStyle> looks;

  /**
   * The pack's material pictures by class name, read once; empty when it ships none or its atlas
   * cannot be used ({@link #materialsNote()} says why; the palette then shows colours).
   */
  public synchronized Map<String, BufferedImage> materials() {
    if (materials == null) {
      materials = Map.of();
      if (pack.materials().isPresent()) {
        try {
          materials = Map.copyOf(MaterialTiles.read(pack.materials().get()));
        } catch (PackException e) {
          materialsNote = e.getMessage();
        }
      }
    }
    return materials;
  }

  /** Why the pack's materials could not be used (null when they could or there are none). */
  public synchronized String materialsNote() {
    materials();
    return materialsNote;
  }

  /**
   * The pack's looks as styles (day, dusk, …), encoded once on first use (call it off the FX
   * thread); empty without an encoder or looks, or when a look's picture cannot be read.
   */
  public synchronized List<StyleState.NamedStyle> lookPresets() {
    if (looks == null) {
      try {
        looks = LookPresets.encode(runtime, pack);
      } catch (PackException e) {
        looks = List.of();
      }
    }
    return looks;
  }

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
