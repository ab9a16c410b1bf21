package dev.scenebrush.app.actions;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * One command of the window: its name, shortcut, enabled state and, for toggles, selected state.
 * Menu items, buttons and shortcuts made from it share that state, so a command that is disabled in
 * the menu is disabled on its button and its shortcut does nothing.
 */
public final class Action {
  private final String id;
  private final StringProperty text;
  private final KeyCombination accelerator;
  private final Runnable handler;
  private final BooleanProperty disabled = new SimpleBooleanProperty(this, "disabled", false);
  private final BooleanProperty selected;

  private Action(String id, String text, String accelerator, Runnable handler, boolean toggle) {
    this.id = id;
    this.text = new SimpleStringProperty(this, "text", text);
    this.accelerator = accelerator == null ? null : KeyCombination.keyCombination(accelerator);
    this.handler = handler;
    this.selected = toggle ? new SimpleBooleanProperty(this, "selected", false) : null;
  }

  /** A command; {@code accelerator} in {@link KeyCombination} syntax ("Shortcut+Z") or null. */
  public static Action command(String id, String text, String accelerator, Runnable handler) {
    return new Action(id, text, accelerator, handler, false);
  }

  /** An on/off setting: its selected state is bound to the model with {@link #bindSelected}. */
  public static Action toggle(String id, String text) {
    return new Action(id, text, null, () -> {}, true);
  }

  public String id() {
    return id;
  }

  public StringProperty textProperty() {
    return text;
  }

  public KeyCombination accelerator() {
    return accelerator;
  }

  public BooleanProperty disabledProperty() {
    return disabled;
  }

  /** Runs the command unless it is disabled; a toggle flips its setting. */
  public void fire() {
    if (disabled.get()) {
      return;
    }
    if (selected != null) {
      selected.set(!selected.get());
    } else {
      handler.run();
    }
  }

  /** Disabled while {@code condition} holds (replacing an earlier binding). */
  public void disableWhen(ObservableBooleanValue condition) {
    disabled.unbind();
    disabled.bind(condition);
  }

  /** The name follows {@code name} (undo and redo name the step they take). */
  public void nameFrom(ObservableStringValue name) {
    text.unbind();
    text.bind(name);
  }

  private BooleanProperty boundSelection;

  /** A toggle's state is the model's {@code setting} (replacing an earlier one). */
  public void bindSelected(BooleanProperty setting) {
    if (selected == null) {
      throw new IllegalStateException(id + " is a command, not a toggle");
    }
    if (boundSelection != null) {
      selected.unbindBidirectional(boundSelection);
    }
    boundSelection = setting;
    selected.set(setting.get());
    selected.bindBidirectional(setting);
  }

  public boolean isSelected() {
    return selected != null && selected.get();
  }

  /** A menu item for it (a check item for a toggle). */
  public MenuItem menuItem() {
    MenuItem m;
    if (selected != null) {
      CheckMenuItem c = new CheckMenuItem();
      c.selectedProperty().bindBidirectional(selected);
      m = c;
    } else {
      m = new MenuItem();
      m.setOnAction(e -> fire());
    }
    m.setId("menu-" + id);
    m.textProperty().bind(text);
    m.disableProperty().bind(disabled);
    m.setAccelerator(accelerator);
    return m;
  }

  /** A button for it, with its name and shortcut as the tooltip; {@code label} is what it shows. */
  public Button button(String label) {
    Button b = new Button(label);
    b.setId("button-" + id);
    b.disableProperty().bind(disabled);
    b.setOnAction(e -> fire());
    Tooltip tip = new Tooltip();
    tip.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    text.get()
                        + (accelerator == null ? "" : " (" + accelerator.getDisplayText() + ")"),
                text));
    b.setTooltip(tip);
    return b;
  }
}
