package dev.scenebrush.inference.render;

import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.onnx.ModelSession;
import dev.scenebrush.inference.pack.ModelPack;

/**
 * The resolution ladder over another renderer: that renderer draws the picture at the plan's base
 * size, then every rung refines it up to the size asked, only where the inputs changed since the
 * last climb ({@link PreviewClimb}).
 */
final class LadderRenderer implements Renderer {
  private final Renderer below;
  private final ModelPack pack;
  private final PreviewClimb climb;

  LadderRenderer(Renderer below, InferenceRuntime runtime, ModelPack pack) {
    this.below = below;
    this.pack = pack;
    this.climb = new PreviewClimb(new Ladder(runtime, pack));
  }

  @Override
  public RenderedImage render(RenderRequest q, ModelSession.Cancel cancel, Ladder.Stages stages) {
    Ladder.Plan plan = Ladder.plan(pack, q.width(), q.height());
    RenderedImage base = below.render(q.atSize(plan.baseWidth(), plan.baseHeight()), cancel);
    return climb.climb(
        plan,
        base,
        q.labels(),
        q.instances(),
        Ladder.NOISE_SEED,
        Ladder.DEFAULT_TILE,
        stages,
        cancel);
  }

  /** Rung pixels refined by the last climb, and all rung pixels. */
  PreviewClimb.Reuse lastReuse() {
    return climb.lastReuse();
  }
}
