package dev.scenebrush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input battery: the commands run on broken label maps, projects, packs, palettes and
 * paths ({@link HostileCases}). Handled cleanly means: a refusal exits 2 with a message that names
 * what is wrong, writes nothing and changes no input; what should work exits 0 and writes its
 * output; nothing ends in an internal error, a stack trace or a hang. The tally is printed.
 */
class HostileBatteryTest {
  @TempDir static Path root;
  static final AtomicInteger TRIED = new AtomicInteger();
  static final AtomicInteger CLEAN = new AtomicInteger();
  static final List<String> OUTCOMES = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** What a case must end in. */
  enum Expect {
    /** Exit 2 with a message containing the case's words; no file written. */
    REFUSED,
    /** Exit 0, the output written. */
    WORKS,
    /**
     * Either of the two: damage the decoder cannot see (a flipped checksum or an unused palette
     * entry) leaves a file that still reads as the same picture.
     */
    WORKS_OR_REFUSED
  }

  /** Builds the arguments of one case inside its own folder. */
  @FunctionalInterface
  interface Args {
    String[] make(Path dir) throws Exception;
  }

  record Case(String name, Expect expect, String mentions, Args args) {}

  @TestFactory
  Stream<DynamicTest> battery() {
    return HostileCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> named(c)));
  }

  private void named(Case c) throws Exception {
    try {
      runCase(c);
    } catch (AssertionError e) {
      throw new AssertionError(c.name() + ": " + e.getMessage(), e);
    }
  }

  private void runCase(Case c) throws Exception {
    TRIED.incrementAndGet();
    Path dir = Files.createDirectories(root.resolve("case-" + TRIED.get()));
    String[] args = c.args().make(dir);
    Map<Path, Long> before = checksums(dir);
    CliTest.Run r =
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliTest.run(args), "hangs");
    String all = r.out() + r.err();
    assertFalse(all.contains("internal error"), all);
    assertFalse(all.contains("\tat "), "a stack trace: " + all);
    for (Map.Entry<Path, Long> e : before.entrySet()) {
      assertTrue(Files.exists(e.getKey()), "input removed: " + e.getKey());
      assertEquals(e.getValue(), checksum(e.getKey()), "input changed: " + e.getKey());
    }
    Map<Path, Long> after = checksums(dir);
    Expect expect = c.expect();
    if (expect == Expect.WORKS_OR_REFUSED) {
      expect = r.code() == 0 ? Expect.WORKS : Expect.REFUSED;
    }
    if (expect == Expect.REFUSED) {
      assertEquals(2, r.code(), "exit status; " + all);
      String err = r.err().toLowerCase(Locale.ROOT);
      assertTrue(
          err.contains(c.mentions().toLowerCase(Locale.ROOT)),
          "the message should name \"" + c.mentions() + "\": " + r.err());
      assertFalse(err.contains("exception"), "an exception's name as the message: " + r.err());
      assertEquals(before.keySet(), after.keySet(), "a refused command left files behind; " + all);
    } else {
      assertEquals(0, r.code(), all);
      assertTrue(
          after.size() > before.size() || !outputs(args).isEmpty(), "nothing written; " + all);
      for (Path out : outputs(args)) {
        assertTrue(Files.size(out) > 0, "empty output " + out);
      }
      assertTrue(
          c.expect() == Expect.WORKS_OR_REFUSED
              || all.toLowerCase(Locale.ROOT).contains(c.mentions().toLowerCase(Locale.ROOT)),
          "the output should say \"" + c.mentions() + "\": " + all);
    }
    CLEAN.incrementAndGet();
    String said = r.code() == 0 ? r.out().strip().lines().reduce((a, b) -> b).orElse("") : r.err();
    OUTCOMES.add(
        String.format(
            "%-48s exit %d  %s", c.name(), r.code(), said.strip().lines().findFirst().orElse("")));
  }

  /** The files named after -o and the --*-out options. */
  private static List<Path> outputs(String[] args) {
    List<String> outOptions = List.of("-o", "--labels-out", "--instances-out", "--layers");
    java.util.ArrayList<Path> outs = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < args.length; i++) {
      if (outOptions.contains(args[i])) {
        outs.add(Path.of(args[i + 1]));
      }
    }
    return outs;
  }

  private static Map<Path, Long> checksums(Path dir) throws IOException {
    Map<Path, Long> sums = new HashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sums.put(f, checksum(f));
      }
    }
    return sums;
  }

  private static long checksum(Path f) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(f));
    return crc.getValue();
  }

  @AfterAll
  static void tally() {
    OUTCOMES.forEach(System.out::println);
    System.out.printf(
        "hostile battery: %d cases tried, %d handled cleanly%n", TRIED.get(), CLEAN.get());
  }
}
