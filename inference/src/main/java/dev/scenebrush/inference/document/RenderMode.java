package dev.scenebrush.inference.document;

import java.util.Locale;

/** How an instance is rendered: by the base generator, its class generator, or retrieval. */
public enum RenderMode {
  BASE,
  CLASS,
  RETRIEVAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RenderMode parse(String s) {
    for (RenderMode m : values()) {
      if (m.id().equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "render mode must be one of base, class, retrieval; got '" + s + "'");
  }
}
