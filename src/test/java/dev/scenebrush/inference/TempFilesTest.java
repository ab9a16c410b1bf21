package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.io.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
  @TempDir Path dir;

  private Path aged(Path f, int minutes) throws Exception {
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60L * minutes)));
    return f;
  }

  @Test
  void staleTemporaryFilesOfOurNamingAreRemovedAndNothingElse() throws Exception {
    Path crashed = aged(TempFiles.create(dir, "scene.sbrush"), 30);
    Path legacy = aged(Files.writeString(dir.resolve(".scene.sbrush4711.tmp"), "x"), 30);
    Path running = TempFiles.create(dir, "other.sbrush"); // a save in progress elsewhere
    Path users = aged(Files.writeString(dir.resolve(".notes.tmp"), "mine"), 30);
    Path painting = aged(Files.writeString(dir.resolve("scene.sbrush"), "x"), 30);
    assertEquals(2, TempFiles.cleanStale(dir));
    assertTrue(Files.notExists(crashed) && Files.notExists(legacy));
    assertTrue(Files.exists(running) && Files.exists(users) && Files.exists(painting));
  }

  @Test
  void commitReplacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
    Path target = Files.writeString(dir.resolve("a.png"), "old");
    Path tmp = TempFiles.create(dir, "a.png");
    Files.writeString(tmp, "new");
    TempFiles.commit(tmp, target);
    assertEquals("new", Files.readString(target));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }
}
