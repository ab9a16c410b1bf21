package dev.scenebrush.app.panels;

import dev.scenebrush.app.actions.Action;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.document.Instance;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.document.Scene;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Lists the scene's objects (class, size, render mode); select to highlight, delete, re-mode. */
public final class InstancesPanel extends VBox {
  private final Document document;
  private final TableView<Instance> table = new TableView<>();
  private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", 0);
  private final CheckBox showEdges = new CheckBox("Show object edges");

  private final Runnable onChanged;
  private final FlowPane buttons = new FlowPane(6, 6);

  /**
   * The window's duplicate, flip and delete commands take the place of this panel's own buttons, so
   * the buttons, the Edit menu and the shortcuts share one enabled state.
   */
  public void setObjectActions(Action duplicate, Action flip, Action delete) {
    Button newLook = (Button) buttons.getChildren().get(0);
    Button matchScene = (Button) buttons.getChildren().get(1);
    buttons
        .getChildren()
        .setAll(
            newLook,
            matchScene,
            named(duplicate.button("Duplicate"), "instance-duplicate"),
            named(flip.button("Flip"), "instance-flip"),
            named(delete.button("Delete"), "instance-delete"));
  }

  private static Button named(Button b, String id) {
    b.setId(id);
    return b;
  }

  private final Random random = new Random();

  /** Whether the open pack can render a class (by index) in a mode; every mode until told. */
  private BiPredicate<Integer, RenderMode> modeAvailable = (cls, mode) -> true;

  /**
   * What the open pack can draw: a mode it lacks for an object's class (no class generator for
   * bushes, no retrieval library) is shown greyed out in that row's Render box, so picking it
   * cannot silently fall back to the base render.
   */
  public void setModeAvailability(BiPredicate<Integer, RenderMode> available) {
    this.modeAvailable = available;
    table.refresh();
  }

  /** Whether the object's Render box offers the mode (the open pack can draw it that way). */
  public boolean offers(int id, RenderMode mode) {
    return document
        .scene()
        .instance(id)
        .map(i -> modeAvailable.test(i.classIndex(), mode))
        .orElse(false);
  }

  public InstancesPanel(
      Document document, IntConsumer onSelect, Consumer<Boolean> onEdges, Runnable onChanged) {
    super(6);
    this.document = document;
    this.onChanged = onChanged;
    setPadding(new Insets(6));
    table.setId("instances-table");
    Label empty = new Label("No objects yet: paint a tree, bush, stone or house");
    empty.setWrapText(true);
    empty.setPadding(new Insets(8));
    table.setPlaceholder(empty);
    TableColumn<Instance, String> cls = new TableColumn<>("Object");
    cls.setCellValueFactory(
        c ->
            new SimpleStringProperty(
                document.palette().get(c.getValue().classIndex()).name()
                    + " #"
                    + c.getValue().id()));
    TableColumn<Instance, Number> size = new TableColumn<>("Pixels");
    size.setCellValueFactory(
        c -> new SimpleObjectProperty<>(document.scene().pixelCount(c.getValue().id())));
    TableColumn<Instance, RenderMode> mode = new TableColumn<>("Render");
    mode.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().mode()));
    mode.setCellFactory(c -> new ModeCell());
    // Wide enough for "house #12", the header "Pixels" and "Retrieval" in the app's theme.
    cls.setMinWidth(96);
    size.setMinWidth(64);
    size.setMaxWidth(64);
    mode.setMinWidth(100);
    table.getColumns().setAll(List.of(cls, size, mode));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              selected.set(b == null ? 0 : b.id());
              onSelect.accept(selected.get());
            });
    Button delete = new Button("Delete");
    delete.setId("instance-delete");
    delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    delete.setOnAction(e -> deleteSelected());
    Button newLook = new Button("New look");
    newLook.setId("instance-new-look");
    newLook.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    newLook.setOnAction(e -> rerollSelected());
    Button matchScene = new Button("Match scene");
    matchScene.setId("instance-match-scene");
    matchScene
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> {
                  Instance i = table.getSelectionModel().getSelectedItem();
                  return i == null || i.seed() == 0;
                },
                table.getSelectionModel().selectedItemProperty()));
    matchScene.setOnAction(e -> matchSceneSelected());
    matchScene.setTooltip(
        new Tooltip("Give up the object's own look and take the one nearest the scene's colours"));
    delete.setTooltip(new Tooltip("Remove the object (Delete)"));
    newLook.setTooltip(new Tooltip("Render this object with a look of its own"));
    showEdges.setId("show-edges");
    showEdges.setTooltip(new Tooltip("Outline every object on the canvas"));
    showEdges.selectedProperty().addListener((o, a, b) -> onEdges.accept(b));
    buttons.getChildren().setAll(newLook, matchScene, delete);
    VBox.setVgrow(table, Priority.ALWAYS);
    getChildren().addAll(new Label("Objects"), table, buttons, showEdges);
    setPrefWidth(286);
    document.scene().onInstances(this::refresh);
    refresh();
  }

  public void refresh() {
    int keep = selected.get();
    table.setItems(FXCollections.observableArrayList(document.scene().instances()));
    table.refresh();
    for (Instance i : table.getItems()) {
      if (i.id() == keep) {
        table.getSelectionModel().select(i);
      }
    }
  }

  public ReadOnlyIntegerProperty selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** Selects an object (0 clears the selection). */
  public void select(int id) {
    if (id == 0) {
      table.getSelectionModel().clearSelection();
      return;
    }
    for (Instance i : table.getItems()) {
      if (i.id() == id) {
        table.getSelectionModel().select(i);
      }
    }
  }

  public void deleteSelected() {
    Instance i = table.getSelectionModel().getSelectedItem();
    if (i != null) {
      table.getSelectionModel().clearSelection();
      document.deleteInstance(i.id());
      onChanged.run();
    }
  }

  /** "New look for this object": a fresh seed for the selected object only. */
  public void rerollSelected() {
    Instance i = table.getSelectionModel().getSelectedItem();
    if (i != null) {
      reroll(i.id());
    }
  }

  /** Back to the scene's look (seed 0) for the selected object, as an undo step. */
  public void matchSceneSelected() {
    Instance i = table.getSelectionModel().getSelectedItem();
    if (i != null && i.seed() != 0) {
      document.updateInstance(i.withSeed(0));
      onChanged.run();
    }
  }

  public void reroll(int id) {
    document.rerollInstance(id, 1 + random.nextInt(Integer.MAX_VALUE - 1));
    onChanged.run();
  }

  public void setMode(int id, RenderMode mode) {
    document.scene().instance(id).ifPresent(i -> document.updateInstance(i.withMode(mode)));
    onChanged.run();
  }

  public int rowCount() {
    return table.getItems().size();
  }

  public void setShowEdges(boolean b) {
    showEdges.setSelected(b);
  }

  /** Whether every object is outlined on the canvas (the checkbox here, the View menu item). */
  public BooleanProperty showEdgesProperty() {
    return showEdges.selectedProperty();
  }

  private final class ModeCell extends TableCell<Instance, RenderMode> {
    private final ComboBox<RenderMode> box =
        new ComboBox<>(FXCollections.observableArrayList(RenderMode.values()));

    ModeCell() {
      box.setConverter(
          new StringConverter<>() {
            @Override
            public String toString(RenderMode m) {
              return m == null ? "" : modeLabel(m);
            }

            @Override
            public RenderMode fromString(String s) {
              return box.getItems().stream()
                  .filter(m -> modeLabel(m).equals(s))
                  .findFirst()
                  .orElse(null);
            }
          });
      box.setCellFactory(list -> new ModeOption());
      box.setMaxWidth(Double.MAX_VALUE);
      box.setTooltip(
          new Tooltip(
              "Base: the scene generator draws it\n"
                  + "Class: its class generator draws it (new looks change it)\n"
                  + "Retrieval: guided by a matching segment from the pack's library (new looks pick another)"));
      box.setOnAction(
          e -> {
            Instance i = getTableRow() == null ? null : getTableRow().getItem();
            if (i != null && box.getValue() != null && box.getValue() != i.mode()) {
              setMode(i.id(), box.getValue());
            }
          });
    }

    /** One entry of the drop-down: greyed out, and saying why, when the pack lacks the mode. */
    private final class ModeOption extends ListCell<RenderMode> {
      @Override
      protected void updateItem(RenderMode m, boolean empty) {
        super.updateItem(m, empty);
        Instance i = getTableRow() == null ? null : getTableRow().getItem();
        boolean offered = m != null && i != null && modeAvailable.test(i.classIndex(), m);
        setDisable(!empty && m != null && !offered);
        // The theme draws a disabled list cell as bright as the others: dim it.
        setOpacity(isDisabled() ? 0.45 : 1);
        setText(empty || m == null ? null : modeLabel(m) + (offered ? "" : " (not in this pack)"));
      }
    }

    @Override
    protected void updateItem(RenderMode m, boolean empty) {
      super.updateItem(m, empty);
      if (empty || m == null) {
        setGraphic(null);
      } else {
        box.setValue(m);
        setGraphic(box);
      }
    }
  }

  /** The words the Render column shows for a mode (the enum's names are shouted in capitals). */
  static String modeLabel(RenderMode m) {
    return switch (m) {
      case BASE -> "Base";
      case CLASS -> "Class";
      case RETRIEVAL -> "Retrieval";
    };
  }

  Scene scene() {
    return document.scene();
  }
}
