package dev.scenebrush.app.window;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The most recently opened or saved projects, kept in the settings folder. */
public final class RecentFiles {
  private static final int MAX = 10;
  private final Path store;
  private final List<String> paths = new ArrayList<>();

  public RecentFiles(Path settingsDir) {
    this.store = settingsDir.resolve("recent.json");
    try {
      if (Files.isRegularFile(store)) {
        List<String> read =
            new Gson()
                .fromJson(Files.readString(store), new TypeToken<List<String>>() {}.getType());
        if (read != null) {
          paths.addAll(read);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // an unreadable list starts empty; it is rewritten on the next save
    }
  }

  public List<Path> list() {
    return paths.stream().map(Path::of).filter(Files::isRegularFile).toList();
  }

  public void add(Path p) {
    String s = p.toAbsolutePath().normalize().toString();
    paths.remove(s);
    paths.add(0, s);
    while (paths.size() > MAX) {
      paths.remove(paths.size() - 1);
    }
    try {
      Files.createDirectories(store.getParent());
      Files.writeString(store, new Gson().toJson(paths));
    } catch (IOException ignored) {
      // recent files are a convenience; failing to store them must not disturb the user
    }
  }
}
