package dev.scenebrush.app;

import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/** The pack's palette as a list of swatches; the selection is the label the brush paints. */
public final class PalettePanel extends VBox {
  private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", 0);
  private final ListView<LabelClass> list = new ListView<>();

  public PalettePanel(Palette palette) {
    list.getItems().setAll(palette.classes());
    list.setId("palette-list");
    list.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(LabelClass c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                  setText(null);
                  setGraphic(null);
                  return;
                }
                Rectangle swatch = new Rectangle(16, 16, Color.web(c.hexColor()));
                swatch.setStroke(Color.gray(0.3));
                setGraphic(swatch);
                setText(c.name() + (c.isThing() ? "  (object)" : ""));
                setId("class-" + c.name());
              }
            });
    list.getSelectionModel()
        .selectedIndexProperty()
        .addListener((obs, o, n) -> selected.set(Math.max(0, n.intValue())));
    list.getSelectionModel().select(0);
    list.setPrefWidth(190);
    VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    getChildren().add(list);
  }

  public ReadOnlyIntegerProperty selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  public void select(int index) {
    list.getSelectionModel().select(index);
  }
}
