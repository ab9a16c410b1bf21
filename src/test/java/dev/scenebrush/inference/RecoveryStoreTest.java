package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.project.Project;
import dev.scenebrush.inference.project.RecoveryStore;
import dev.scenebrush.inference.style.StyleState;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryStoreTest {
  @TempDir Path settings;

  private Project painting() {
    Scene s = new Scene(Fixtures.palettes().load("landscape"), 16, 16);
    return new Project(s, "landscape", StyleState.ofSeed(3), Map.of(), Optional.empty(), 0, 0);
  }

  @Test
  void twoRunningCopiesNeverTakeEachOthersFile() throws Exception {
    try (RecoveryStore first = RecoveryStore.open(settings);
        RecoveryStore second = RecoveryStore.open(settings)) {
      assertNotEquals(first.file(), second.file());
      first.write(painting());
      second.write(painting());
      assertTrue(first.claimOrphans().isEmpty());
      assertTrue(second.claimOrphans().isEmpty());
    }
  }

  @Test
  void aCrashedWindowsFileIsOfferedOnceAndDeclinedFilesAreKeptAWeek() throws Exception {
    RecoveryStore crashed = RecoveryStore.open(settings);
    crashed.write(painting());
    Path left = crashed.file();
    crashed.close(); // the lock goes with the process; discard() was never called
    try (RecoveryStore next = RecoveryStore.open(settings);
        RecoveryStore other = RecoveryStore.open(settings)) {
      List<RecoveryStore.Claim> claims = next.claimOrphans();
      assertEquals(1, claims.size());
      assertEquals(left, claims.get(0).file());
      assertTrue(other.claimOrphans().isEmpty(), "claimed: no second offer");
      Path kept = claims.get(0).declined();
      assertTrue(Files.notExists(left) && Files.isRegularFile(kept));
      assertEquals(settings.resolve("recovered"), kept.getParent());
      Files.setLastModifiedTime(
          kept, FileTime.from(Instant.now().minus(RecoveryStore.KEEP_DECLINED).minusSeconds(60)));
    }
    RecoveryStore.open(settings).close();
    try (var files = Files.list(settings.resolve("recovered"))) {
      assertEquals(0, files.count(), "older than a week: deleted at start");
    }
  }

  @Test
  void theSingleFileOfEarlierVersionsIsStillOffered() throws Exception {
    Path legacy = settings.resolve("recovery.sbrush");
    dev.scenebrush.inference.project.ProjectFile.save(painting(), legacy);
    try (RecoveryStore store = RecoveryStore.open(settings)) {
      List<RecoveryStore.Claim> claims = store.claimOrphans();
      assertEquals(List.of(legacy), claims.stream().map(RecoveryStore.Claim::file).toList());
      claims.get(0).restored();
      assertTrue(Files.notExists(legacy));
    }
  }
}
