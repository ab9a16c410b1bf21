package dev.scenebrush.app;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Provider, last render time and messages. */
public final class StatusBar extends HBox {
  private final Label message = new Label("Ready");
  private final Label renderTime = new Label("–");
  private final Label provider = new Label();

  public StatusBar(String providerText) {
    super(16);
    setPadding(new Insets(4, 8, 4, 8));
    provider.setText(providerText);
    provider.setId("status-provider");
    renderTime.setId("status-render-time");
    message.setId("status-message");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    getChildren().addAll(message, spacer, renderTime, provider);
  }

  public void setMessage(String text) {
    message.setText(text);
  }

  public void setRenderTime(long millis) {
    renderTime.setText("last render " + millis + " ms");
  }

  public void setRendering() {
    renderTime.setText("rendering…");
  }

  public void setProvider(String text) {
    provider.setText(text);
  }

  public String messageText() {
    return message.getText();
  }
}
