package dev.scenebrush.inference;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build: the pom's, written into a resource when it is built. */
public final class SceneBrushVersion {
  private SceneBrushVersion() {}

  private static final String VERSION = read();

  /** "0.1.0-SNAPSHOT", or "unknown" when the build left no version resource. */
  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = SceneBrushVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.contains("${") ? "unknown" : v; // not filtered: a build outside Maven
    } catch (IOException e) {
      return "unknown";
    }
  }
}
