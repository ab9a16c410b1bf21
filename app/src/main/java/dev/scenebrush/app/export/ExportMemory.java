package dev.scenebrush.app.export;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last export's settings, kept in the settings folder so the next export, also after a restart,
 * starts from the same size, folder and extra files.
 */
public final class ExportMemory {
  /** Longest stored file a reader accepts: a few hundred bytes are expected. */
  private static final long MAX_BYTES = 64 * 1024;

  private final Path store;

  public ExportMemory(Path settingsDir) {
    this.store = settingsDir.resolve("export.json");
  }

  /** What export.json holds: plain fields, so Gson needs no adapters for paths. */
  private record Stored(
      int width,
      int height,
      String image,
      boolean labels,
      boolean instances,
      boolean layers,
      LayeredFormat layersFormat) {}

  /**
   * The remembered settings; empty when there are none or the file is unreadable or implausible.
   */
  public Optional<ExportSettings> last() {
    try {
      if (!Files.isRegularFile(store) || Files.size(store) > MAX_BYTES) {
        return Optional.empty();
      }
      Stored s = new Gson().fromJson(Files.readString(store), Stored.class);
      if (s == null || s.image() == null || s.width() < 1 || s.height() < 1) {
        return Optional.empty();
      }
      return Optional.of(
          new ExportSettings(
              s.width(),
              s.height(),
              Path.of(s.image()),
              s.labels(),
              s.instances(),
              s.layers(),
              s.layersFormat()));
    } catch (IOException | JsonParseException | InvalidPathException e) {
      return Optional
          .empty(); // a damaged file only loses the suggestion; the next export rewrites it
    }
  }

  /** Remembers the settings of an export the user started. */
  public void remember(ExportSettings s) {
    Stored stored =
        new Stored(
            s.width(),
            s.height(),
            s.image().toAbsolutePath().toString(),
            s.labels(),
            s.instances(),
            s.layers(),
            s.layersFormat());
    try {
      Files.createDirectories(store.getParent());
      Files.writeString(store, new Gson().toJson(stored));
    } catch (IOException ignored) {
      // a convenience: failing to store it must not disturb the export
    }
  }
}
