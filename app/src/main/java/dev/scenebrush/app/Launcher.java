package dev.scenebrush.app;

import javafx.application.Application;

/** Plain main class, so the app also starts from a classpath without the JavaFX launcher check. */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    Application.launch(SceneBrushApp.class, args);
  }
}
