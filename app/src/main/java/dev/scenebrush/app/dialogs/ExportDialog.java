package dev.scenebrush.app.dialogs;

import dev.scenebrush.app.export.ExportSettings;
import dev.scenebrush.app.export.LayeredFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Size (any aspect, up to 8192 a side), image file and extra outputs of an export. */
public final class ExportDialog extends Dialog<ExportSettings> {
  static final int MAX_SIDE = 8192;

  private final Spinner<Integer> width;
  private final Spinner<Integer> height;
  private final CheckBox keepAspect = new CheckBox("Keep the painting's proportions");
  private final TextField file = new TextField();
  private final CheckBox labels = new CheckBox("Label map (colour PNG) beside it");
  private final CheckBox instances = new CheckBox("Instance map (16-bit PNG) beside it");
  private final CheckBox layers = new CheckBox("Layered file:");
  private final ComboBox<LayeredFormat> layersFormat =
      new ComboBox<>(FXCollections.observableArrayList(LayeredFormat.values()));
  private boolean adjusting;

  public ExportDialog(Window owner, ExportSettings suggested) {
    int docWidth = suggested.width();
    int docHeight = suggested.height();
    initOwner(owner);
    setTitle("Export image");
    setHeaderText("Rendered tile by tile, in the background: you can keep painting.");
    width = new Spinner<>(1, MAX_SIDE, docWidth, 64);
    height = new Spinner<>(1, MAX_SIDE, docHeight, 64);
    for (Spinner<Integer> s : List.of(width, height)) {
      s.setEditable(true);
      s.setPrefWidth(110);
    }
    keepAspect.setSelected(true);
    double aspect = docWidth / (double) docHeight;
    width.valueProperty().addListener((o, a, w) -> follow(w, true, aspect));
    height.valueProperty().addListener((o, a, h) -> follow(h, false, aspect));
    file.setText(suggested.image().toString());
    labels.setSelected(suggested.labels());
    instances.setSelected(suggested.instances());
    layers.setSelected(suggested.layers());
    layers.setMinWidth(Region.USE_PREF_SIZE);
    layersFormat.setValue(suggested.layersFormat());
    layersFormat.setId("export-layers-format");
    layersFormat.disableProperty().bind(layers.selectedProperty().not());
    file.setPrefColumnCount(28);
    Button browse = new Button("Choose…");
    browse.setOnAction(
        e -> {
          FileChooser fc = new FileChooser();
          Path current = Path.of(file.getText().trim());
          fc.setInitialFileName(String.valueOf(current.getFileName()));
          if (current.getParent() != null && current.getParent().toFile().isDirectory()) {
            fc.setInitialDirectory(current.getParent().toFile());
          }
          fc.getExtensionFilters()
              .addAll(
                  new FileChooser.ExtensionFilter("PNG", "*.png"),
                  new FileChooser.ExtensionFilter("JPEG", "*.jpg"),
                  new FileChooser.ExtensionFilter("TIFF", "*.tif"));
          File f = fc.showSaveDialog(owner);
          if (f != null) {
            file.setText(f.getPath());
          }
        });
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.setPadding(new Insets(12));
    grid.addRow(0, new Label("Width"), width, new Label("Height"), height);
    grid.add(keepAspect, 0, 1, 4, 1);
    grid.addRow(2, new Label("File"), file);
    GridPane.setColumnSpan(file, 2);
    grid.add(browse, 3, 2);
    grid.add(labels, 0, 3, 4, 1);
    grid.add(instances, 0, 4, 4, 1);
    HBox layered = new HBox(8, layers, layersFormat);
    layered.setAlignment(Pos.CENTER_LEFT);
    grid.add(layered, 0, 5, 4, 1);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    setResultConverter(
        b ->
            b == ButtonType.OK
                ? new ExportSettings(
                    width.getValue(),
                    height.getValue(),
                    Path.of(file.getText().trim()),
                    labels.isSelected(),
                    instances.isSelected(),
                    layers.isSelected(),
                    layersFormat.getValue())
                : null);
  }

  private void follow(int changed, boolean widthChanged, double aspect) {
    if (adjusting || !keepAspect.isSelected()) {
      return;
    }
    adjusting = true;
    try {
      if (widthChanged) {
        height.getValueFactory().setValue(clamp((int) Math.round(changed / aspect)));
      } else {
        width.getValueFactory().setValue(clamp((int) Math.round(changed * aspect)));
      }
    } finally {
      adjusting = false;
    }
  }

  private static int clamp(int v) {
    return Math.max(1, Math.min(MAX_SIDE, v));
  }

  static Optional<ExportSettings> ask(Window owner, ExportSettings suggested) {
    return new ExportDialog(owner, suggested).showAndWait();
  }
}
