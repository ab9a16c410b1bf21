package dev.scenebrush.app;

import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.testing.Fixtures;
import org.testfx.framework.junit5.Start;

/** The same live retrieval mode and local re-roll, with the trained default pack. */
class BundledRetrievalAppTest extends RetrievalAppTest {
  @Override
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @Override
  ModelPack pack() {
    return Fixtures.bundledPack("landscape");
  }
}
