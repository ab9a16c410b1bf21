package dev.scenebrush.app;

import atlantafx.base.theme.PrimerDark;
import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.pack.PackCatalog;
import dev.scenebrush.inference.palette.PaletteLoader;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/** The desktop application: opens the bundled pack and a new document. */
public final class SceneBrushApp extends Application {
  private AppContext context;

  @Override
  public void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
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
    Document doc = new Document(pack.palette(), 1024, 1024);
    doc.fillAll(pack.palette().indexOf("sky").orElse(0));
    MainView view = new MainView(context, doc);
    stage.setTitle("SceneBrush — " + pack.name());
    stage.setScene(new Scene(view, 1400, 800));
    stage.show();
    view.requestRender();
  }

  @Override
  public void stop() {
    if (context != null) {
      context.close();
    }
  }
}
