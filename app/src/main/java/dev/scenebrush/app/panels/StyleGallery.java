package dev.scenebrush.app.panels;

import dev.scenebrush.inference.style.StyleState.NamedStyle;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.text.TextAlignment;

/**
 * Styles as thumbnails of the painting in each look: the pack's presets (day, golden hour, …) then
 * the kept styles. A click uses a style for the whole picture; dragging one onto another mixes the
 * two. The drag is a press-drag-release gesture inside the window, so it needs no system clipboard
 * and works the same on every platform.
 */
final class StyleGallery extends FlowPane {
  static final double THUMB = 44;

  /** What the gallery's gestures do. */
  interface Actions {
    void use(NamedStyle style);

    void mix(NamedStyle dragged, NamedStyle onto);
  }

  private final Actions actions;
  private final List<NamedStyle> styles = new ArrayList<>();
  private NamedStyle dragged;

  StyleGallery(Actions actions) {
    super(6, 6);
    this.actions = actions;
    setId("style-presets");
  }

  /** Shows these styles, presets first; their thumbnails come later through {@link #thumbnail}. */
  void show(List<NamedStyle> presets, List<NamedStyle> kept) {
    styles.clear();
    styles.addAll(presets);
    styles.addAll(kept);
    getChildren().clear();
    for (int i = 0; i < styles.size(); i++) {
      getChildren()
          .add(
              tile(
                  styles.get(i),
                  i < presets.size() ? "preset-" + i : "kept-" + (i - presets.size())));
    }
  }

  private Button tile(NamedStyle style, String id) {
    ImageView view = new ImageView();
    view.setFitWidth(THUMB);
    view.setFitHeight(THUMB);
    view.setPreserveRatio(true);
    Button b = new Button(style.name(), view);
    b.setContentDisplay(ContentDisplay.TOP);
    // Names such as "Golden hour" wrap to a second line rather than being cut.
    b.setWrapText(true);
    b.setTextAlignment(TextAlignment.CENTER);
    b.setAlignment(Pos.TOP_CENTER);
    b.setMinHeight(Region.USE_PREF_SIZE);
    b.setPrefWidth(THUMB + 12);
    b.setMaxWidth(THUMB + 12);
    b.setStyle("-fx-padding: 3 1 3 1; -fx-font-size: 0.8em;");
    b.setId(id);
    b.setTooltip(new Tooltip(style.name() + ": click to use, drag onto another look to mix"));
    b.setOnAction(e -> actions.use(style));
    b.setOnDragDetected(
        e -> {
          dragged = style;
          b.startFullDrag();
        });
    b.setOnMouseDragReleased(
        e -> {
          NamedStyle from = dragged;
          dragged = null;
          if (from != null && from != style) {
            actions.mix(from, style);
          }
        });
    b.setOnMouseReleased(e -> dragged = null);
    return b;
  }

  /** The styles shown, in tile order (a thumbnail's index is its style's). */
  List<NamedStyle> styles() {
    return List.copyOf(styles);
  }

  void thumbnail(int index, Image image) {
    if (index < getChildren().size()
        && getChildren().get(index) instanceof Button b
        && b.getGraphic() instanceof ImageView v) {
      v.setImage(image);
    }
  }

  /** Whether every tile shows its thumbnail (tests wait for the background renders). */
  boolean thumbnailsShown() {
    return getChildren().stream()
        .allMatch(
            n ->
                n instanceof Button b
                    && b.getGraphic() instanceof ImageView v
                    && v.getImage() != null);
  }
}
