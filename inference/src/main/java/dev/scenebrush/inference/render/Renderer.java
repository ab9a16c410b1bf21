package dev.scenebrush.inference.render;

import dev.scenebrush.inference.onnx.ModelSession;

/**
 * One stage of the render pipeline (docs/design.md §6): a request in, a picture at the request's
 * size out. The base generator, the retrieval generator, the class pass over the base and the
 * resolution ladder over any of them all render through this one call, so the {@link RenderService}
 * composes them instead of knowing each.
 */
public interface Renderer {
  /** Stages that take no notice of rungs (everything but the ladder). */
  Ladder.Stages NO_STAGES = (rung, rungs, picture) -> true;

  /**
   * Renders the request. {@code stages} sees every rung a ladder finishes and may stop the climb;
   * {@code cancel} stops a model run in flight.
   */
  RenderedImage render(RenderRequest request, ModelSession.Cancel cancel, Ladder.Stages stages);

  /** Renders the request with nothing watching its stages. */
  default RenderedImage render(RenderRequest request, ModelSession.Cancel cancel) {
    return render(request, cancel, NO_STAGES);
  }
}
