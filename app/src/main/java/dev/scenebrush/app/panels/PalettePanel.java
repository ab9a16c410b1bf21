package dev.scenebrush.app.panels;

import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The pack's palette: a search field, recently used classes as swatches, and the classes listed
 * under their groups. The selected class is what the brush paints.
 */
public final class PalettePanel extends VBox {
  private static final int RECENT = 8;

  private final Palette palette;
  private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", 0);
  private final ListView<Object> list = new ListView<>();
  private final TextField search = new TextField();
  private final HBox recent = new HBox(4);
  private final List<Integer> recentIds = new ArrayList<>();

  /** A group header row in the list. */
  private record Header(String group) {}

  public PalettePanel(Palette palette) {
    super(6);
    this.palette = palette;
    setPadding(new Insets(6));
    search.setPromptText("Search classes");
    search.setId("palette-search");
    search.textProperty().addListener((o, a, b) -> refill());
    // A new search starts empty: the last one's text would hide most classes.
    search
        .focusedProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                search.clear();
              }
            });
    // Enter takes the first class that matches, so typing "lake⏎" is enough.
    search.setOnAction(
        e ->
            list.getItems().stream()
                .filter(LabelClass.class::isInstance)
                .findFirst()
                .ifPresent(c -> select(palette.indexOf(((LabelClass) c).name()).orElse(0))));
    recent.setId("palette-recent");
    list.setId("palette-list");
    list.setCellFactory(v -> new ClassCell());
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, o, n) -> {
              if (n instanceof LabelClass c) {
                choose(palette.indexOf(c.name()).orElse(0));
              }
            });
    list.setPrefWidth(200);
    VBox.setVgrow(list, Priority.ALWAYS);
    getChildren().addAll(search, new Label("Recent"), recent, list);
    refill();
    select(0);
  }

  private void refill() {
    String q = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
    Map<String, List<LabelClass>> groups = new LinkedHashMap<>();
    for (LabelClass c : palette.classes()) {
      boolean match =
          !c.hidden() && q.isEmpty()
              || !c.hidden()
                  && (c.name().toLowerCase(Locale.ROOT).contains(q)
                      || c.group().toLowerCase(Locale.ROOT).contains(q));
      if (match) {
        groups
            .computeIfAbsent(c.group().isEmpty() ? "other" : c.group(), g -> new ArrayList<>())
            .add(c);
      }
    }
    List<Object> rows = new ArrayList<>();
    groups.forEach(
        (g, cs) -> {
          rows.add(new Header(g));
          rows.addAll(cs);
        });
    list.getItems().setAll(rows);
    LabelClass cur = palette.get(selected.get());
    if (rows.contains(cur)) {
      list.getSelectionModel().select(cur);
    }
  }

  private void choose(int index) {
    selected.set(index);
    if (recentIds.contains(index)) {
      return; // the row stays put: a swatch never moves away from under the cursor
    }
    recentIds.add(0, index);
    while (recentIds.size() > RECENT) {
      recentIds.remove(recentIds.size() - 1);
    }
    recent.getChildren().clear();
    for (int id : recentIds) {
      LabelClass c = palette.get(id);
      Button b = new Button(null, swatch(c, 14));
      b.setTooltip(new Tooltip(c.name()));
      b.setStyle("-fx-padding: 3;");
      b.setId("recent-" + c.name());
      b.setOnAction(e -> select(id));
      recent.getChildren().add(b);
    }
  }

  public ReadOnlyIntegerProperty selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** Selects a class by index (eyedropper, shortcuts, tests). */
  public void select(int index) {
    LabelClass c = palette.get(index);
    if (!list.getItems().contains(c)) {
      search.clear();
    }
    list.getSelectionModel().select(c);
    list.scrollTo(c);
    choose(index);
  }

  public void setSearch(String text) {
    search.setText(text);
  }

  /** The class names currently listed (after search). */
  public List<String> listedClasses() {
    return list.getItems().stream()
        .filter(LabelClass.class::isInstance)
        .map(o -> ((LabelClass) o).name())
        .toList();
  }

  public List<String> recentClasses() {
    return recentIds.stream().map(i -> palette.get(i).name()).toList();
  }

  private static Rectangle swatch(LabelClass c, double size) {
    Rectangle r = new Rectangle(size, size, Color.web(c.hexColor()));
    r.setStroke(Color.gray(0.3));
    return r;
  }

  private static final class ClassCell extends ListCell<Object> {
    @Override
    protected void updateItem(Object item, boolean empty) {
      super.updateItem(item, empty);
      setDisable(false);
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        setId(null);
      } else if (item instanceof Header h) {
        setText(h.group().toUpperCase(Locale.ROOT));
        setGraphic(null);
        setDisable(true); // headers are not selectable
        setId("group-" + h.group());
        setStyle("-fx-font-size: 0.8em; -fx-opacity: 0.7;");
      } else if (item instanceof LabelClass c) {
        setStyle("");
        setGraphic(swatch(c, 16));
        setText(c.name() + (c.isThing() ? "  (object)" : ""));
        setId("class-" + c.name());
      }
    }
  }
}
