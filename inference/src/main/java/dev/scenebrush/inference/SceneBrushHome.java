package dev.scenebrush.inference;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where palettes/ and models/ live: -Dscenebrush.home, else the working folder, else the jar's. */
public final class SceneBrushHome {
  public static final String PROPERTY = "scenebrush.home";

  private SceneBrushHome() {}

  public static Path find() {
    String prop = System.getProperty(PROPERTY);
    if (prop != null) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isDirectory(cwd.resolve("palettes"))) {
      return cwd;
    }
    try {
      Path p =
          Path.of(SceneBrushHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path d = p; d != null; d = d.getParent()) {
        if (Files.isDirectory(d.resolve("palettes"))) {
          return d;
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException ignored) {
      // fall through to the working folder
    }
    return cwd;
  }

  public static Path palettes() {
    return find().resolve("palettes");
  }

  public static Path models() {
    return find().resolve("models");
  }
}
