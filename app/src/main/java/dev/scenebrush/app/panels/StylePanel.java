package dev.scenebrush.app.panels;

import dev.scenebrush.app.AppContext;
import dev.scenebrush.app.dialogs.Dialogs;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.io.LabelImages;
import dev.scenebrush.inference.style.StyleEncoder;
import dev.scenebrush.inference.style.StyleSpec;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.inference.tensor.StyleSeed;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Styles (docs/design.md §6, Style): the global seed, alternative looks to pick from, style images
 * through the pack's encoder, a gallery of kept styles, mixing two styles with a slider, and the
 * style brush's colour (the selected gallery style).
 */
public final class StylePanel extends VBox {
  private static final int LOOKS = 4;

  private final AppContext context;
  private final Document document;
  private final Dialogs dialogs;
  private final Runnable render;
  private final TextField seedField = new TextField();
  private final FlowPane looks = new FlowPane(6, 6);
  private final ListView<StyleState.NamedStyle> gallery = new ListView<>();
  private final Slider mix = new Slider(0, 1, 0);
  private final CheckBox showRegions = new CheckBox("Show style regions");
  private final List<Long> lookSeeds = new ArrayList<>();
  private final StyleGallery presets =
      new StyleGallery(
          new StyleGallery.Actions() {
            @Override
            public void use(StyleState.NamedStyle style) {
              StylePanel.this.use(style);
            }

            @Override
            public void mix(StyleState.NamedStyle dragged, StyleState.NamedStyle onto) {
              mixStyles(dragged, onto);
            }
          });
  private final List<StyleState.NamedStyle> presetStyles;
  private final LookThumbnails thumbnails;
  private long thumbnailsRevision = -1;
  private final Random random = new Random();
  private float[] mixBase;
  private boolean resettingMix;

  public StylePanel(
      AppContext context,
      Document document,
      Dialogs dialogs,
      Runnable render,
      Consumer<Boolean> onShowRegions) {
    super(8);
    this.context = context;
    this.document = document;
    this.dialogs = dialogs;
    this.render = render;
    this.thumbnails = new LookThumbnails(context);
    this.presetStyles = context.lookPresets();
    setPadding(new Insets(6));
    seedField.setId("style-seed");
    seedField.setPrefColumnCount(7); // room for New look beside it in the side panel
    seedField.setText(Long.toString(document.seedProperty().get()));
    seedField.setOnAction(e -> typedSeed());
    Button newLook = new Button("New look");
    newLook.setTooltip(
        new Tooltip("A random seed: the whole picture in another look (undo with Ctrl+Z)"));
    newLook.setId("style-new-look");
    newLook.setMinWidth(Region.USE_PREF_SIZE);
    newLook.setOnAction(e -> setSeed(random.nextInt(1_000_000)));
    Button more = new Button("More looks");
    more.setTooltip(new Tooltip("Four more seeds to pick from, rendered in the background"));
    more.setOnAction(e -> refreshLooks());
    looks.setId("style-looks");
    Button fromImage = new Button("Style from image…");
    fromImage.setTooltip(
        new Tooltip("Encode a picture with the pack's style encoder and use its look"));
    fromImage.setId("style-from-image");
    fromImage.setDisable(!new StyleEncoder(context.runtime(), context.pack()).available());
    fromImage.setOnAction(
        e ->
            dialogs
                .chooseOpen("Style image", "Images", ".png", ".jpg", ".jpeg", ".bmp")
                .ifPresent(this::useStyleImage));
    gallery.setId("style-gallery");
    gallery.setItems(document.gallery());
    gallery.setPrefHeight(140);
    gallery.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(StyleState.NamedStyle s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
              }
            });
    Button apply = new Button("Use");
    apply.setTooltip(new Tooltip("Use the selected kept style for the whole picture"));
    apply.setId("style-apply");
    apply.setOnAction(e -> selected().ifPresent(this::use));
    Button keep = new Button("Keep current");
    keep.setTooltip(new Tooltip("Keep the current look in the list, to reuse, mix or paint with"));
    keep.setId("style-keep");
    keep.setOnAction(e -> keepCurrent());
    mix.setId("style-mix");
    mix.valueProperty().addListener((o, a, b) -> mixTo(b.doubleValue()));
    showRegions.setId("style-show-regions");
    showRegions.setTooltip(new Tooltip("Tint the canvas where styles are painted"));
    showRegions.selectedProperty().addListener((o, a, b) -> onShowRegions.accept(b));
    Button clearRegions = new Button("Clear style regions");
    clearRegions.setTooltip(new Tooltip("Remove every painted style region (undo with Ctrl+Z)"));
    clearRegions.setOnAction(
        e -> {
          document.clearRegions();
          render.run();
        });
    getChildren()
        .addAll(
            new Label("Seed"),
            new HBox(6, seedField, newLook),
            wrapping("Looks (click to use, drag one onto another to mix)"),
            presets,
            new Label("Other looks (click to use)"),
            looks,
            more,
            new Label("Kept styles"),
            gallery,
            new FlowPane(6, 6, apply, keep, fromImage),
            new Label("Mix current → selected"),
            mix,
            wrapping("Style brush (K) paints the selected style"),
            new FlowPane(6, 6, showRegions, clearRegions));
    document
        .seedProperty()
        .addListener(
            (o, a, b) -> {
              // Also after undo and redo: the field and the other looks follow the seed.
              seedField.setText(Long.toString(b.longValue()));
              refreshLooks();
            });
    // Kept styles join the gallery as thumbnails.
    document.gallery().addListener((ListChangeListener<StyleState.NamedStyle>) c -> refreshLooks());
    refreshLooks();
  }

  /** A label that wraps in the narrow side panel instead of being cut off. */
  private static Label wrapping(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE); // as tall as its wrapped lines, never cut
    return l;
  }

  private Optional<StyleState.NamedStyle> selected() {
    return Optional.ofNullable(gallery.getSelectionModel().getSelectedItem());
  }

  /** The z the style brush paints: the selected kept style, if any. */
  public float[] brushStyle() {
    return selected().map(StyleState.NamedStyle::z).orElse(null);
  }

  private void typedSeed() {
    try {
      setSeed(Long.parseLong(seedField.getText().trim()));
    } catch (NumberFormatException ex) {
      dialogs.error(
          "Not a seed", "A seed is a whole number, e.g. 42; got '" + seedField.getText() + "'");
      seedField.setText(Long.toString(document.seedProperty().get()));
    }
  }

  public void setSeed(long seed) {
    document.setSeed(seed);
    resetMix();
    render.run();
  }

  /** Encodes an image with the pack's encoder, keeps it in the gallery and uses it. */
  public boolean useStyleImage(Path path) {
    try {
      return useStyleImage(path.getFileName().toString(), LabelImages.readImage(path));
    } catch (LabelImageException e) {
      dialogs.error("Cannot use " + path.getFileName() + " as a style", e.getMessage());
      return false;
    }
  }

  /** As above, for an image already in memory (dropped or pasted); {@code name} names the style. */
  public boolean useStyleImage(String name, BufferedImage image) {
    try {
      float[] z = new StyleEncoder(context.runtime(), context.pack()).encode(image);
      document.keepStyle(name, z, true);
      gallery.getSelectionModel().selectLast();
      resetMix();
      render.run();
      return true;
    } catch (IllegalStateException | IllegalArgumentException e) {
      dialogs.error("Cannot use " + name + " as a style", e.getMessage());
      return false;
    }
  }

  public void keepCurrent() {
    document.keepStyle(
        "Look " + (document.gallery().size() + 1),
        document.globalStyle(context.pack().zDim()),
        false);
    gallery.getSelectionModel().selectLast();
  }

  public void selectKept(int index) {
    gallery.getSelectionModel().select(index);
  }

  /** Mix between the style in use when the slider left 0 and the selected kept style. */
  public void mixTo(double t) {
    if (resettingMix || selected().isEmpty()) {
      return;
    }
    if (mixBase == null) {
      mixBase = document.globalStyle(context.pack().zDim()).clone();
    }
    document.setGlobalZ("Mix styles", StyleSpec.mix(mixBase, selected().get().z(), t));
    render.run();
  }

  /** Puts the slider back to 0 without a mix step: the style just chosen is the new base. */
  private void resetMix() {
    mixBase = null;
    resettingMix = true;
    try {
      mix.setValue(0);
    } finally {
      resettingMix = false;
    }
  }

  public void setMix(double t) {
    mix.setValue(t);
  }

  public List<Long> lookSeeds() {
    return List.copyOf(lookSeeds);
  }

  /**
   * Renders the Style tab's thumbnails in the background: a few alternative seeds of the current
   * painting, then the painting in each preset and kept style.
   */
  public void refreshLooks() {
    lookSeeds.clear();
    looks.getChildren().clear();
    long base = document.seedProperty().get();
    List<float[]> styles = new ArrayList<>();
    for (int i = 1; i <= LOOKS; i++) {
      long s = base + i * 7919L;
      lookSeeds.add(s);
      styles.add(StyleSeed.gaussian(s, context.pack().zDim()));
      ImageView v = new ImageView();
      v.setFitWidth(StyleGallery.THUMB);
      v.setFitHeight(StyleGallery.THUMB);
      v.setPreserveRatio(true);
      Button b = new Button(null, v);
      b.setStyle("-fx-padding: 3;");
      b.setTooltip(new Tooltip("Use seed " + s));
      b.setId("look-" + (i - 1));
      b.setOnAction(e -> setSeed(s));
      looks.getChildren().add(b);
    }
    presets.show(presetStyles, document.gallery());
    presets.styles().forEach(s -> styles.add(s.z()));
    thumbnailsRevision = document.revisionProperty().get();
    thumbnails.render(
        document.scene().labelsSnapshot(),
        document.scene().instancesSnapshot(),
        styles,
        (k, image) -> {
          if (k < LOOKS) {
            if (looks.getChildren().get(k) instanceof Button b
                && b.getGraphic() instanceof ImageView v) {
              v.setImage(image);
            }
          } else {
            presets.thumbnail(k - LOOKS, image);
          }
        });
  }

  /** Refreshes the thumbnails when the painting changed since they were rendered. */
  public void refreshIfPaintingChanged() {
    if (document.revisionProperty().get() != thumbnailsRevision) {
      refreshLooks();
    }
  }

  /** The preset and kept styles shown as thumbnails, presets first. */
  public List<String> galleryStyles() {
    return presets.styles().stream().map(StyleState.NamedStyle::name).toList();
  }

  /** Whether every gallery thumbnail has been rendered (tests wait for the background thread). */
  public boolean galleryThumbnailsShown() {
    return presets.thumbnailsShown();
  }

  /** Uses a style for the whole picture, as one step. */
  private void use(StyleState.NamedStyle s) {
    document.setGlobalZ("Use " + s.name(), s.z());
    resetMix();
    render.run();
  }

  /** Keeps the half-and-half mix of two styles and uses it, as one step. */
  private void mixStyles(StyleState.NamedStyle a, StyleState.NamedStyle b) {
    document.keepStyle(a.name() + " + " + b.name(), StyleSpec.mix(a.z(), b.z(), 0.5), true);
    gallery.getSelectionModel().selectLast();
    resetMix();
    render.run();
  }

  public void dispose() {
    thumbnails.dispose();
  }
}
