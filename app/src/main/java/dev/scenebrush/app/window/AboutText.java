package dev.scenebrush.app.window;

import dev.scenebrush.app.AppContext;
import dev.scenebrush.inference.pack.ModelPack;

/** Help → About: the pack with its licence and the inference provider. */
final class AboutText {
  private AboutText() {}

  static String of(AppContext context) {
    ModelPack pack = context.pack();
    String licence =
        pack.license()
            .map(
                l ->
                    "Licence of its weights: %s\n%s\nSource: %s\n%s"
                        .formatted(l.summary(), l.note(), l.source(), l.url()))
            .orElse("Trained for SceneBrush (no separate licence).");
    return "Model pack: %s (%s, palette '%s')\n%s\n\nInference: %s"
        .formatted(
            pack.name(), pack.id(), pack.palette().id(), licence, context.runtime().providerNote());
  }
}
