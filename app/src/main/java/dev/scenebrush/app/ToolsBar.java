package dev.scenebrush.app;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;

/** Tool choice and brush size. */
public final class ToolsBar extends ToolBar {
  private final ReadOnlyObjectWrapper<Tool> tool =
      new ReadOnlyObjectWrapper<>(this, "tool", Tool.BRUSH);
  private final Slider size = new Slider(1, 256, 24);

  public ToolsBar() {
    ToggleGroup group = new ToggleGroup();
    for (Tool t : Tool.values()) {
      ToggleButton b = new ToggleButton(t.label());
      b.setId("tool-" + t.name().toLowerCase(java.util.Locale.ROOT));
      b.setToggleGroup(group);
      b.setUserData(t);
      b.setSelected(t == Tool.BRUSH);
      getItems().add(b);
    }
    group
        .selectedToggleProperty()
        .addListener(
            (obs, o, n) -> {
              if (n == null) {
                o.setSelected(true); // always one tool
              } else {
                tool.set((Tool) n.getUserData());
              }
            });
    size.setId("brush-size");
    size.setPrefWidth(160);
    Label sizeLabel = new Label();
    sizeLabel.textProperty().bind(size.valueProperty().asString("%.0f px"));
    getItems().addAll(new Label("Size"), size, sizeLabel);
  }

  public ReadOnlyObjectProperty<Tool> toolProperty() {
    return tool.getReadOnlyProperty();
  }

  public void select(Tool t) {
    getItems().stream()
        .filter(n -> n instanceof ToggleButton b && b.getUserData() == t)
        .forEach(n -> ((ToggleButton) n).setSelected(true));
  }

  public int brushSize() {
    return (int) Math.round(size.getValue());
  }

  public void setBrushSize(int px) {
    size.setValue(px);
  }
}
