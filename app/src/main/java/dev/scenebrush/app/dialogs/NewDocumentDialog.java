package dev.scenebrush.app.dialogs;

import dev.scenebrush.inference.document.LabelMap;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Canvas size for a new painting: presets, or any size up to 8192 on a side. */
public final class NewDocumentDialog extends Dialog<int[]> {
  public static final String[][] PRESETS = {
    {"Square 1024", "1024", "1024"},
    {"Square 512", "512", "512"},
    {"Square 2048", "2048", "2048"},
    {"Square 4096", "4096", "4096"},
    {"Landscape 16:9 (1920x1080)", "1920", "1080"},
    {"Landscape 3:2 (1536x1024)", "1536", "1024"},
    {"Portrait 2:3 (1024x1536)", "1024", "1536"},
    {"Custom", "", ""}
  };

  public NewDocumentDialog(Window owner) {
    initOwner(owner);
    setTitle("New painting");
    setHeaderText("Canvas size");
    Spinner<Integer> w = new Spinner<>(16, LabelMap.MAX_SIDE, 1024, 64);
    Spinner<Integer> h = new Spinner<>(16, LabelMap.MAX_SIDE, 1024, 64);
    w.setEditable(true);
    h.setEditable(true);
    ComboBox<String> preset = new ComboBox<>();
    for (String[] p : PRESETS) {
      preset.getItems().add(p[0]);
    }
    preset.getSelectionModel().select(0);
    preset.setOnAction(
        e -> {
          String[] p = PRESETS[preset.getSelectionModel().getSelectedIndex()];
          if (!p[1].isEmpty()) {
            w.getValueFactory().setValue(Integer.parseInt(p[1]));
            h.getValueFactory().setValue(Integer.parseInt(p[2]));
          }
        });
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.setPadding(new Insets(12));
    grid.addRow(0, new Label("Preset"), preset);
    grid.addRow(1, new Label("Width"), w);
    grid.addRow(2, new Label("Height"), h);
    grid.add(new Label("Up to " + LabelMap.MAX_SIDE + " pixels on a side."), 0, 3, 2, 1);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    setResultConverter(b -> b == ButtonType.OK ? new int[] {w.getValue(), h.getValue()} : null);
  }
}
