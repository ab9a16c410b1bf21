package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.RenderedImage;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The palette's material pictures and the style gallery, with the bundled pack's renders. */
@ExtendWith(ApplicationExtension.class)
class GalleryAppTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage);
  }

  @Override
  ModelPack pack() {
    return Fixtures.bundledPack("landscape");
  }

  @Test
  void everyClassShowsItsMaterialAndATileClickPaintsIt(FxRobot robot) {
    assertEquals(doc().palette().size(), view().palette().classesWithPictures().size());
    robot.interact(() -> view().palette().setSearch("lak"));
    robot.clickOn("#class-lake");
    assertEquals(cls("lake"), view().palette().selectedProperty().get());
    robot.clickOn("#class-lake");
    assertEquals(cls("lake"), view().palette().selectedProperty().get(), "a second click keeps it");
    robot.interact(() -> view().palette().setSearch("wat"));
    assertEquals(List.of("sea", "river", "lake"), view().palette().listedClasses());
  }

  @Test
  void aPresetClickUsesItsLookAndDraggingOneOntoAnotherMixesThem(FxRobot robot) throws Exception {
    List<StyleState.NamedStyle> presets = context.lookPresets();
    robot.interact(() -> view().showTab("Style"));
    assertEquals(List.of("Day", "Golden hour", "Overcast", "Dusk"), view().style().galleryStyles());
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view().style().galleryThumbnailsShown());
    RenderedImage before = awaitRender(null);
    robot.clickOn("#preset-3");
    RenderedImage dusk = awaitRender(before);
    assertArrayEquals(presets.get(3).z(), doc().globalStyle(context.pack().zDim()));
    assertFalse(Arrays.equals(before.argb(), dusk.argb()));

    robot.drag("#preset-0").dropTo("#preset-3");
    WaitForAsyncUtils.waitForFxEvents();
    float[] mixed = StyleSpec.mix(presets.get(0).z(), presets.get(3).z(), 0.5);
    assertEquals("Day + Dusk", doc().gallery().get(doc().gallery().size() - 1).name());
    assertArrayEquals(mixed, doc().globalStyle(context.pack().zDim()), 1e-6f);
    assertTrue(view().style().galleryStyles().contains("Day + Dusk"), "the mix joins the gallery");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view().style().galleryThumbnailsShown());

    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertArrayEquals(
        presets.get(3).z(), doc().globalStyle(context.pack().zDim()), "one undo step back");
  }
}
