package dev.scenebrush.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs the code and the docs cite are in the repository: every page under docs/ or models/
 * named in sources, scripts and pages exists, every "docs/design.md §N" names a section the design
 * has, nothing cites a design page outside the repository, and every Java package says what it
 * holds in a package-info.java.
 */
class CitedDocsTest {
  private static final Path HOME = Fixtures.home();
  private static final Pattern CITED = Pattern.compile("\\b((?:docs|models)/[\\w./-]+\\.md)");
  private static final Pattern SECTION = Pattern.compile("docs/design\\.md §(\\d+)");

  private static List<Path> sources() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String root : List.of("app", "inference", "models", "docs", "installers", "src/test")) {
      try (Stream<Path> files = Files.walk(HOME.resolve(root))) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(java|py|md|sh|json)$"))
            .filter(p -> !p.toString().contains("/runs/") && !p.toString().contains("__pycache__"))
            .forEach(out::add);
      }
    }
    out.add(HOME.resolve("README.md"));
    out.add(HOME.resolve("pom.xml"));
    return out;
  }

  @Test
  void everyCitedDocExistsAndNoneLivesOutsideTheRepository() throws IOException {
    String design = Files.readString(HOME.resolve("docs/design.md"));
    List<String> missing = new ArrayList<>();
    for (Path f : sources()) {
      String text = Files.readString(f);
      String where = HOME.relativize(f).toString();
      if (text.contains("DESIGN" + ".md")) {
        missing.add(where + " cites a design page outside the repository");
      }
      Matcher m = CITED.matcher(text);
      while (m.find()) {
        if (!Files.isRegularFile(HOME.resolve(m.group(1)))) {
          missing.add(where + " cites " + m.group(1));
        }
      }
      Matcher s = SECTION.matcher(text);
      while (s.find()) {
        if (!design.contains("\n## " + s.group(1) + ". ")) {
          missing.add(where + " cites docs/design.md §" + s.group(1));
        }
      }
    }
    assertTrue(missing.isEmpty(), "missing: " + missing);
  }

  @Test
  void everyJavaPackageSaysWhatItHolds() throws IOException {
    List<String> bare = new ArrayList<>();
    for (String root : List.of("app/src/main/java", "inference/src/main/java")) {
      try (Stream<Path> dirs = Files.walk(HOME.resolve(root))) {
        for (Path d : dirs.filter(Files::isDirectory).toList()) {
          boolean hasJava;
          try (Stream<Path> files = Files.list(d)) {
            hasJava = files.anyMatch(p -> p.toString().endsWith(".java"));
          }
          if (hasJava && !Files.isRegularFile(d.resolve("package-info.java"))) {
            bare.add(HOME.relativize(d).toString());
          }
        }
      }
    }
    assertTrue(bare.isEmpty(), "no package-info.java: " + bare);
  }
}
