package dev.scenebrush.app.panels;

import dev.scenebrush.app.export.ExportJob;
import dev.scenebrush.app.export.ImageExports;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Provider, last render time and messages. */
public final class StatusBar extends HBox implements ImageExports.Progress {
  private final Label message = new Label("Ready");
  private final Label renderTime = new Label("–");
  private final Label provider = new Label();
  private final Label stage = new Label();
  private final Label zoom = new Label("100 %");

  public StatusBar(String providerText) {
    super(16);
    setPadding(new Insets(4, 8, 4, 8));
    provider.setText(providerText);
    provider.setId("status-provider");
    renderTime.setId("status-render-time");
    message.setId("status-message");
    // Long messages (import reports, kept recovery files) are cut to the bar: the whole text on
    // hover.
    Tooltip whole = new Tooltip();
    whole.textProperty().bind(message.textProperty());
    whole.setWrapText(true);
    whole.setMaxWidth(640);
    message.setTooltip(whole);
    stage.setId("status-stage");
    zoom.setId("status-zoom");
    zoom.setMinWidth(Region.USE_PREF_SIZE);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    exportProgress.setId("export-progress");
    exportProgress.setPrefWidth(160);
    exportCancel.setId("export-cancel");
    exportBox.setVisible(false);
    exportBox.setManaged(false);
    getChildren().addAll(message, spacer, exportBox, zoom, stage, renderTime, provider);
  }

  private final ProgressBar exportProgress = new ProgressBar(0);
  private final Button exportCancel = new Button("Cancel export");
  private final HBox exportBox = new HBox(6, exportProgress, exportCancel);

  /** Shows the job's progress and a cancel button until it ends; its messages go to the bar. */
  @Override
  public void track(ExportJob job) {
    exportProgress.progressProperty().bind(job.progressProperty());
    exportCancel.setOnAction(e -> job.cancel());
    job.messageProperty().addListener((o, a, b) -> setMessage(b));
    exportBox.setVisible(true);
    exportBox.setManaged(true);
    job.runningProperty()
        .addListener(
            (o, was, running) -> {
              if (!running) {
                exportProgress.progressProperty().unbind();
                exportBox.setVisible(false);
                exportBox.setManaged(false);
              }
            });
  }

  public boolean exporting() {
    return exportBox.isVisible();
  }

  public void setMessage(String text) {
    message.setText(text);
  }

  @Override
  public void message(String text) {
    setMessage(text);
  }

  /** How long an announcement stays up before it fades. */
  private static final Duration ANNOUNCED_FOR = Duration.seconds(5);

  /**
   * A result that finished in the background (an export, an import report, a kept recovery file):
   * in the bar and as a notification over the window, so it is seen while painting goes on.
   */
  @Override
  public void announce(String title, String text) {
    setMessage(text);
    if (getScene() == null || getScene().getWindow() == null) {
      return; // not shown yet (a window being built): the bar holds it
    }
    Notifications.create()
        .owner(getScene().getWindow())
        .title(title)
        .text(text)
        .position(Pos.BOTTOM_RIGHT)
        .hideAfter(ANNOUNCED_FOR)
        .showInformation();
  }

  public void setRenderTime(long millis) {
    renderTime.setText("last render " + millis + " ms");
  }

  public void setRendering() {
    renderTime.setText("rendering…");
  }

  /** Which picture the preview shows: the base, or a refined rung of the ladder. */
  public void setStage(String text) {
    stage.setText(text);
  }

  public String stageText() {
    return stage.getText();
  }

  /** A control of the view (the overlay's opacity), shown before the zoom. */
  public void addControl(Node control) {
    getChildren().add(getChildren().indexOf(zoom), control);
  }

  /** The canvas's zoom as a percentage ("250 %"), following it. */
  public void followZoom(ObservableDoubleValue factor) {
    zoom.textProperty()
        .bind(Bindings.createStringBinding(() -> Math.round(factor.get() * 100) + " %", factor));
  }

  public String zoomText() {
    return zoom.getText();
  }

  public void setProvider(String text) {
    provider.setText(text);
  }

  public String messageText() {
    return message.getText();
  }

  /** What hovering over the message shows (the whole message, however narrow the bar). */
  public String messageTooltip() {
    return message.getTooltip().getText();
  }
}
