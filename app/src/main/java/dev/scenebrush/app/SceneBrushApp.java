package dev.scenebrush.app;

import atlantafx.base.theme.PrimerDark;
import dev.scenebrush.app.dialogs.FxDialogs;
import dev.scenebrush.app.document.Document;
import dev.scenebrush.app.window.MainWindow;
import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteLoader;
import dev.scenebrush.inference.sample.SampleScene;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The desktop application: opens the bundled pack (or --pack=ID) and a new painting. */
public final class SceneBrushApp extends Application {
  private AppContext context;
  private MainWindow window;

  /** Settings and recovery files: -Dscenebrush.settings, else ~/.config/scenebrush. */
  static Path settingsDir() {
    String prop = System.getProperty("scenebrush.settings");
    if (prop != null) {
      return Path.of(prop);
    }
    String appData = System.getenv("APPDATA");
    if (appData != null) {
      return Path.of(appData, "SceneBrush");
    }
    return Path.of(System.getProperty("user.home"), ".config", "scenebrush");
  }

  /** The app's look (AtlantaFX Primer Dark), for every window and dialog. */
  public static void applyTheme() {
    Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
  }

  @Override
  public void start(Stage stage) {
    applyTheme();
    ModelPack pack;
    try {
      PackCatalog catalog =
          new PackCatalog(SceneBrushHome.models(), new PaletteLoader(SceneBrushHome.palettes()));
      String chosen = getParameters().getNamed().get("pack");
      pack = chosen == null ? catalog.defaultPack() : catalog.resolve(chosen);
      context = new AppContext(pack, Boolean.getBoolean("scenebrush.forceCpu"));
    } catch (RuntimeException e) {
      Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
      alert.setHeaderText("SceneBrush cannot open a model pack");
      alert.showAndWait();
      Platform.exit();
      return;
    }
    window = new MainWindow(context, new FxDialogs(stage), settingsDir(), firstDocument(pack));
    stage.titleProperty().bind(window.titleProperty());
    try (var icon = SceneBrushApp.class.getResourceAsStream("scenebrush-icon.png")) {
      if (icon != null) {
        stage.getIcons().add(new Image(icon));
      }
    } catch (IOException ignored) {
      // a missing window icon is cosmetic
    }
    // 1400x850 where the screen has room; never larger than the screen's usable area.
    var screen = Screen.getPrimary().getVisualBounds();
    stage.setScene(
        new Scene(window, Math.min(1400, screen.getWidth()), Math.min(850, screen.getHeight())));
    stage.setOnCloseRequest(
        e -> {
          if (!window.files().confirmDiscard()) {
            e.consume();
          }
        });
    stage.show();
    // One line on stdout, so launch time can be measured and installs checked from a script.
    System.out.printf(
        "SceneBrush ready in %d ms (%s)%n",
        ManagementFactory.getRuntimeMXBean().getUptime(), context.runtime().providerNote());
    window.offerRecovery();
    for (String p : getParameters().getUnnamed()) {
      if (p.endsWith(".sbrush")) {
        window.files().openFile(Path.of(p));
      }
    }
  }

  /** The sample scene, so the first thing a user sees is a rendered landscape; else a sky. */
  private static Document firstDocument(ModelPack pack) {
    Palette palette = pack.palette();
    try {
      return new Document(SampleScene.bundled(palette).toScene(palette, pack::newObjectMode));
    } catch (RuntimeException e) {
      return Document.blank(palette, 1024, 1024, palette.indexOf("sky").orElse(0));
    }
  }

  @Override
  public void stop() {
    if (window != null) {
      window.shutdown();
    }
    if (context != null) {
      context.close();
    }
  }
}
