package dev.scenebrush.app.panels;

import dev.scenebrush.app.tools.Tool;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;

/** Tool choice and brush size ([ and ] change it). */
public final class ToolsBar extends ToolBar {
  public static final int MAX_BRUSH = 512;

  private final ReadOnlyObjectWrapper<Tool> tool =
      new ReadOnlyObjectWrapper<>(this, "tool", Tool.BRUSH);
  private final Slider size = new Slider(1, MAX_BRUSH, 32);
  private final ToggleGroup group = new ToggleGroup();

  public ToolsBar() {
    for (Tool t : Tool.values()) {
      ToggleButton b = new ToggleButton(t.label());
      b.setId("tool-" + t.name().toLowerCase(Locale.ROOT));
      b.setToggleGroup(group);
      b.setUserData(t);
      b.setSelected(t == Tool.BRUSH);
      b.setTooltip(new Tooltip(t.label() + " (" + t.key().getName() + "): " + t.hint()));
      // Compact, so every tool and the size fit a 1280-px-wide window.
      b.setStyle("-fx-padding: 4 7 4 7;");
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
    size.setPrefWidth(100);
    Label sizeLabel = new Label();
    sizeLabel.setId("brush-size-label");
    sizeLabel.textProperty().bind(size.valueProperty().asString("%.0f px"));
    getItems().addAll(new Separator(), new Label("Size"), size, sizeLabel);
  }

  /** Command buttons (undo, redo) at the end of the bar. */
  public void addCommands(Button... commands) {
    getItems().add(new Separator());
    for (Button b : commands) {
      b.setStyle("-fx-padding: 4 7 4 7;");
      getItems().add(b);
    }
  }

  public ReadOnlyObjectProperty<Tool> toolProperty() {
    return tool.getReadOnlyProperty();
  }

  public void select(Tool t) {
    group.getToggles().stream().filter(b -> b.getUserData() == t).forEach(b -> b.setSelected(true));
  }

  public int brushSize() {
    return (int) Math.round(size.getValue());
  }

  public void setBrushSize(int px) {
    size.setValue(Math.max(1, Math.min(MAX_BRUSH, px)));
  }

  /** [ and ]: steps of about 15 %, at least one pixel, as painting programs do. */
  public void growBrush(boolean larger) {
    int s = brushSize();
    int step = Math.max(1, (int) Math.round(s * 0.15));
    setBrushSize(larger ? s + step : s - step);
  }
}
