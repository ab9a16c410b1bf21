package dev.scenebrush.app.panels;

import dev.scenebrush.inference.palette.LabelClass;
import dev.scenebrush.inference.palette.Palette;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The pack's palette as a grid of material pictures under group headers: each class shows a tile
 * cut from real renders (the pack's "materials"; its colour chip where it has none), with a strip
 * of the colour it paints on the label canvas. A search field filters it, and a fixed row keeps the
 * recently used classes. The selected class is what the brush paints.
 */
public final class PalettePanel extends VBox {
  private static final int RECENT = 8;
  private static final double TILE = 52;
  private static final double RECENT_TILE = 22;

  private final Palette palette;
  private final Map<String, Image> pictures = new HashMap<>();
  private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", 0);
  private final TextField search = new TextField();
  private final HBox recent = new HBox(4);
  private final VBox grid = new VBox(4);
  private final ScrollPane scroll = new ScrollPane(grid);
  private final ToggleGroup toggles = new ToggleGroup();
  private final Map<Integer, ToggleButton> tiles = new LinkedHashMap<>();
  private final List<Integer> recentIds = new ArrayList<>();
  private final List<String> listed = new ArrayList<>();

  /**
   * @param materials class name → its picture; classes without one show their colour
   */
  public PalettePanel(Palette palette, Map<String, BufferedImage> materials) {
    super(6);
    this.palette = palette;
    materials.forEach((name, image) -> pictures.put(name, SwingFXUtils.toFXImage(image, null)));
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
        e -> {
          if (!listed.isEmpty()) {
            select(palette.indexOf(listed.get(0)).orElse(0));
          }
        });
    recent.setId("palette-recent");
    recent.setMinHeight(RECENT_TILE + 8);
    for (int i = 0; i < palette.size(); i++) {
      LabelClass c = palette.get(i);
      if (!c.hidden()) {
        tiles.put(i, tile(i, c));
      }
    }
    grid.setPadding(new Insets(2));
    scroll.setId("palette-grid");
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.setPrefWidth(200);
    VBox.setVgrow(scroll, Priority.ALWAYS);
    getChildren().addAll(search, new Label("Recent"), recent, scroll);
    refill();
    select(0);
  }

  private ToggleButton tile(int index, LabelClass c) {
    ToggleButton b = new ToggleButton(c.name(), picture(c, TILE));
    b.setToggleGroup(toggles);
    b.setContentDisplay(ContentDisplay.TOP);
    b.setTextOverrun(OverrunStyle.ELLIPSIS);
    b.setPrefWidth(TILE + 12);
    b.setMaxWidth(TILE + 12);
    b.setStyle("-fx-padding: 3; -fx-font-size: 0.85em;");
    b.setId("class-" + c.name());
    b.setTooltip(new Tooltip(c.name() + (c.isThing() ? " (object)" : "")));
    // Clicking the selected tile again keeps it selected: the brush always paints some class.
    b.setOnAction(e -> select(index));
    return b;
  }

  /** The class's material picture with a strip of its label colour, or the colour alone. */
  private Node picture(LabelClass c, double size) {
    Image image = pictures.get(c.name());
    Rectangle chip = new Rectangle(size, image == null ? size : Math.max(3, size / 10));
    chip.setFill(Color.web(c.hexColor()));
    chip.setStroke(Color.gray(0.3));
    if (image == null) {
      return chip;
    }
    ImageView view = new ImageView(image);
    view.setFitWidth(size);
    view.setFitHeight(size);
    view.setSmooth(true);
    StackPane pane = new StackPane(view, chip);
    StackPane.setAlignment(chip, Pos.BOTTOM_CENTER);
    return pane;
  }

  private void refill() {
    String q = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    tiles.forEach(
        (i, b) -> {
          LabelClass c = palette.get(i);
          if (q.isEmpty()
              || c.name().toLowerCase(Locale.ROOT).contains(q)
              || c.group().toLowerCase(Locale.ROOT).contains(q)) {
            groups
                .computeIfAbsent(c.group().isEmpty() ? "other" : c.group(), g -> new ArrayList<>())
                .add(i);
          }
        });
    listed.clear();
    List<Node> rows = new ArrayList<>();
    groups.forEach(
        (g, ids) -> {
          Label header = new Label(g.toUpperCase(Locale.ROOT));
          header.setId("group-" + g);
          header.setStyle("-fx-font-size: 0.8em; -fx-opacity: 0.7;");
          TilePane pane = new TilePane(4, 4);
          pane.setPrefColumns(3);
          for (int i : ids) {
            pane.getChildren().add(tiles.get(i));
            listed.add(palette.get(i).name());
          }
          rows.add(header);
          rows.add(pane);
        });
    grid.getChildren().setAll(rows);
  }

  private void choose(int index) {
    selected.set(index);
    if (recentIds.contains(index)) {
      return; // the row stays put: a tile never moves away from under the cursor
    }
    recentIds.add(0, index);
    while (recentIds.size() > RECENT) {
      recentIds.remove(recentIds.size() - 1);
    }
    recent.getChildren().clear();
    for (int id : recentIds) {
      LabelClass c = palette.get(id);
      Button b = new Button(null, picture(c, RECENT_TILE));
      b.setTooltip(new Tooltip(c.name()));
      b.setStyle("-fx-padding: 2;");
      b.setId("recent-" + c.name());
      b.setOnAction(e -> select(id));
      recent.getChildren().add(b);
    }
  }

  public ReadOnlyIntegerProperty selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** Selects a class by index (eyedropper, shortcuts, tests) and scrolls its tile into view. */
  public void select(int index) {
    LabelClass c = palette.get(index);
    if (!listed.contains(c.name())) {
      search.clear();
    }
    ToggleButton b = tiles.get(index);
    if (b != null) {
      toggles.selectToggle(b);
      reveal(b);
    }
    choose(index);
  }

  private void reveal(Node tile) {
    grid.applyCss();
    grid.layout();
    double content = grid.getHeight();
    double view = scroll.getViewportBounds().getHeight();
    if (content <= view || tile.getParent() == null) {
      return;
    }
    Bounds b = grid.sceneToLocal(tile.localToScene(tile.getBoundsInLocal()));
    double top = scroll.getVvalue() * (content - view);
    if (b.getMinY() < top || b.getMaxY() > top + view) {
      scroll.setVvalue(Math.min(1, Math.max(0, b.getMinY() / (content - view))));
    }
  }

  public void setSearch(String text) {
    search.setText(text);
  }

  /** The class names currently shown (after search), in grid order. */
  public List<String> listedClasses() {
    return List.copyOf(listed);
  }

  /** The classes shown with a material picture rather than a colour. */
  public List<String> classesWithPictures() {
    return tiles.values().stream().map(b -> b.getText()).filter(pictures::containsKey).toList();
  }

  public List<String> recentClasses() {
    return recentIds.stream().map(i -> palette.get(i).name()).toList();
  }
}
