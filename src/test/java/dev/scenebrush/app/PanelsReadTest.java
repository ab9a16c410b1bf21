package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** At 1280x800 every label reads in full and every tool is on the bar. */
@ExtendWith(ApplicationExtension.class)
class PanelsReadTest extends AppTestBase {
  @Start
  void start(javafx.stage.Stage stage) throws Exception {
    launch(stage, 1280, 800);
  }

  @Test
  void noLabelIsCutOffAndEveryButtonHasATooltipInAnyTab(FxRobot robot) {
    List<String> cut = new ArrayList<>();
    List<String> untipped = new ArrayList<>();
    // The sample scene: the Objects tab lists real objects (a house of two digits, sizes).
    robot.interact(() -> window.files().openSample());
    WaitForAsyncUtils.waitForFxEvents();
    for (String tab : List.of("Palette", "Objects", "Style")) {
      robot.interact(() -> view().showTab(tab));
      WaitForAsyncUtils.waitForFxEvents();
      collectCut(window, tab, cut);
      collectUntipped(view().getLeft(), tab, untipped);
    }
    assertTrue(untipped.isEmpty(), "buttons without a tooltip: " + untipped);
    assertTrue(cut.isEmpty(), "cut off: " + cut);
  }

  @Test
  void everyToolFitsOnTheBarAndEveryButtonHasATooltip(FxRobot robot) {
    Node overflow = view().tools().lookup(".tool-bar-overflow-button");
    assertFalse(overflow != null && overflow.isVisible(), "the tool bar overflows at 1280 px");
    List<String> missing = new ArrayList<>();
    for (Node n : view().tools().getItems()) {
      if (n instanceof ButtonBase b && b.getTooltip() == null) {
        missing.add(b.getText());
      }
    }
    assertTrue(missing.isEmpty(), "no tooltip: " + missing);
  }

  @Test
  void theNewAndExportDialogsReadInFull(FxRobot robot) {
    List<String> cut = new ArrayList<>();
    javafx.stage.Window owner = window.getScene().getWindow();
    List<javafx.scene.control.Dialog<?>> dialogs = new ArrayList<>();
    robot.interact(
        () -> {
          dialogs.add(new dev.scenebrush.app.dialogs.NewDocumentDialog(owner));
          dialogs.add(
              new dev.scenebrush.app.dialogs.ExportDialog(
                  owner, dev.scenebrush.app.export.ExportSettings.suggest(doc(), null)));
          dialogs.forEach(javafx.scene.control.Dialog::show);
        });
    WaitForAsyncUtils.waitForFxEvents();
    for (var d : dialogs) {
      collectCut(d.getDialogPane(), d.getTitle(), cut);
    }
    robot.interact(
        () ->
            dialogs.forEach(
                d -> {
                  d.setResult(null);
                  d.close();
                }));
    assertTrue(cut.isEmpty(), "cut off: " + cut);
  }

  private static void collectUntipped(Node node, String where, List<String> out) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof ButtonBase b && b.getTooltip() == null) {
      out.add(where + ": " + b.getText() + " #" + b.getId());
    }
    if (node instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collectUntipped(c, where, out);
      }
    }
  }

  /** A Labeled whose skin shows other text than it holds (an ellipsis) is cut off. */
  private static void collectCut(Node node, String where, List<String> cut) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
      for (Node child : l.getChildrenUnmodifiable()) {
        if (child instanceof Text t && !t.getText().equals(l.getText())) {
          cut.add(where + ": '" + l.getText() + "' shows '" + t.getText() + "'");
        }
      }
    }
    if (node instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collectCut(c, where, cut);
      }
    }
  }
}
