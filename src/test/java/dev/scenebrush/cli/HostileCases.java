package dev.scenebrush.cli;

import static dev.scenebrush.cli.HostileBatteryTest.Expect.REFUSED;
import static dev.scenebrush.cli.HostileBatteryTest.Expect.WORKS;
import static dev.scenebrush.cli.HostileBatteryTest.Expect.WORKS_OR_REFUSED;
import static dev.scenebrush.cli.HostileFiles.colourMap;
import static dev.scenebrush.cli.HostileFiles.colourMapAs;
import static dev.scenebrush.cli.HostileFiles.flipped;
import static dev.scenebrush.cli.HostileFiles.noise;
import static dev.scenebrush.cli.HostileFiles.project;
import static dev.scenebrush.cli.HostileFiles.truncated;
import static dev.scenebrush.cli.HostileFiles.write;

import dev.scenebrush.cli.HostileBatteryTest.Args;
import dev.scenebrush.cli.HostileBatteryTest.Case;
import dev.scenebrush.testing.Fixtures;
import dev.scenebrush.testing.ForgedPng;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The battery's cases: each a command line on one broken (or odd but valid) input. */
final class HostileCases {
  private static final String TINY = Fixtures.tinyPackFolder().toString();

  private HostileCases() {}

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    labelMaps(c);
    options(c);
    outputs(c);
    HostileProjectCases.projects(c);
    HostilePackCases.packs(c);
    return c;
  }

  /** render LABELS -o out.png on the tiny pack. */
  private static Args render(LabelFile labels, String... extra) {
    return d -> {
      List<String> a = new ArrayList<>(List.of("render", labels.make(d).toString()));
      a.addAll(List.of("-o", d.resolve("out.png").toString(), "--pack", TINY, "--cpu"));
      for (String e : extra) {
        a.add(e.startsWith("@") ? named(d, e).toString() : e);
      }
      return a.toArray(String[]::new);
    };
  }

  /** The odd side files an option can be given. */
  private static Path named(Path d, String which) throws Exception {
    return switch (which) {
      case "@ids-rgb" -> write(d, "ids.png", ForgedPng.filled(64, 48, 8, 2, 0));
      case "@ids-small" -> HostileFiles.instanceMap(d, 32, 32);
      case "@bomb" -> write(d, "bomb.png", ForgedPng.declaring(20000, 20000, 8, 2));
      case "@text" -> write(d, "style.png", "a sunny day".getBytes(StandardCharsets.UTF_8));
      case "@missing" -> d.resolve("gone.png");
      default -> throw new IllegalArgumentException(which);
    };
  }

  @FunctionalInterface
  interface LabelFile {
    Path make(Path dir) throws Exception;
  }

  private static LabelFile bytes(String name, byte[] content) {
    return d -> write(d, name, content);
  }

  private static void labelMaps(List<Case> c) {
    c.add(new Case("colour map", WORKS, "rendered", render(HostileFiles::colourMap)));
    c.add(new Case("index map", WORKS, "rendered", render(HostileFiles::indexMap)));
    c.add(
        new Case(
            "empty file",
            REFUSED,
            "labels.png is empty",
            render(bytes("labels.png", new byte[0]))));
    c.add(
        new Case(
            "text named .png",
            REFUSED,
            "labels.png",
            render(bytes("labels.png", "sky,grass".getBytes(StandardCharsets.UTF_8)))));
    c.add(
        new Case(
            "random bytes", REFUSED, "labels.png", render(bytes("labels.png", noise(4096, 1)))));
    for (double keep : new double[] {0.05, 0.3, 0.6, 0.95}) {
      c.add(
          new Case(
              "PNG cut at " + (int) (keep * 100) + " %",
              REFUSED,
              "cut.png",
              render(d -> write(d, "cut.png", truncated(colourMap(d), keep)))));
    }
    for (double at : new double[] {0.02, 0.1, 0.5, 0.9}) {
      c.add(
          new Case(
              "PNG with a byte flipped at " + (int) (at * 100) + " %",
              WORKS_OR_REFUSED,
              "flip.png",
              render(d -> write(d, "flip.png", flipped(colourMap(d), at)))));
    }
    c.add(
        new Case(
            "declares 20000x20000",
            REFUSED,
            "8192",
            render(bytes("bomb.png", ForgedPng.declaring(20000, 20000, 8, 2)))));
    c.add(
        new Case(
            "declares 9000x16",
            REFUSED,
            "8192",
            render(bytes("wide.png", ForgedPng.declaring(9000, 16, 8, 0)))));
    c.add(
        new Case(
            "declares 0x0",
            REFUSED,
            "zero.png",
            render(bytes("zero.png", ForgedPng.declaring(0, 0, 8, 2)))));
    c.add(
        new Case(
            "16-bit grey",
            REFUSED,
            "16-bit",
            render(bytes("deep.png", ForgedPng.filled(64, 48, 16, 0, 3)))));
    c.add(
        new Case(
            "grey + alpha",
            REFUSED,
            "alpha",
            render(bytes("ga.png", ForgedPng.filled(64, 48, 8, 4, 3)))));
    c.add(
        new Case(
            "index values past the palette",
            REFUSED,
            "200",
            render(bytes("far.png", ForgedPng.filled(64, 48, 8, 0, 200)))));
    c.add(
        new Case(
            "colours of no palette",
            REFUSED,
            "palette",
            render(d -> write(d, "noise.png", HostileFiles.png(HostileFiles.noiseImage(64, 48))))));
    c.add(
        new Case(
            "JPEG of a colour map",
            REFUSED,
            "not in palette 'landscape'",
            render(d -> colourMapAs(d, "jpg"))));
    c.add(new Case("BMP of a colour map", WORKS, "rendered", render(d -> colourMapAs(d, "bmp"))));
    c.add(
        new Case(
            "1x1 map",
            WORKS,
            "rendered",
            render(bytes("dot.png", ForgedPng.filled(1, 1, 8, 0, 0)))));
    c.add(new Case("missing file", REFUSED, "nothing.png", render(d -> d.resolve("nothing.png"))));
    c.add(
        new Case(
            "folder without maps",
            REFUSED,
            "no .png",
            render(d -> java.nio.file.Files.createDirectories(d.resolve("maps")))));
    c.add(
        new Case(
            "RGB instance map",
            REFUSED,
            "RGB",
            render(HostileFiles::colourMap, "--instances", "@ids-rgb")));
    c.add(
        new Case(
            "instance map of another size",
            REFUSED,
            "instance map is",
            render(HostileFiles::colourMap, "--instances", "@ids-small")));
  }

  private static void options(List<Case> c) {
    String[][] refused = {
      {"--size", "0x0", "size"},
      {"--size", "-64x48", "size"},
      {"--size", "99999x99999", "8192"},
      {"--size", "big", "size"},
      {"--seed", "99999999999999999999", "seed"},
      {"--mix-amount", "NaN", "mix"},
      {"--mix-amount", "7", "mix"},
      {"--style-image", "@bomb", "8192"},
      {"--style-image", "@text", "style.png"},
      {"--mix", "@missing", "gone.png"},
    };
    for (String[] r : refused) {
      c.add(
          new Case(r[0] + " " + r[1], REFUSED, r[2], render(HostileFiles::colourMap, r[0], r[1])));
    }
    c.add(
        new Case("--seed -1", WORKS, "rendered", render(HostileFiles::colourMap, "--seed", "-1")));
    c.add(
        new Case(
            "--mix of a seed",
            WORKS,
            "rendered",
            render(HostileFiles::colourMap, "--mix", "9", "--mix-amount", "0.3")));
    c.add(
        new Case(
            "retarget to an unknown palette",
            REFUSED,
            "nowhere",
            d ->
                cli(
                    "retarget",
                    colourMap(d),
                    "--from",
                    "landscape",
                    "--to",
                    "nowhere",
                    "-o",
                    d.resolve("o.png"))));
    c.add(
        new Case(
            "retarget from a path outside palettes/",
            REFUSED,
            "../../etc/passwd",
            d ->
                cli(
                    "retarget",
                    colourMap(d),
                    "--from",
                    "../../etc/passwd",
                    "--to",
                    "ade20k",
                    "-o",
                    d.resolve("o.png"))));
  }

  private static void outputs(List<Case> c) {
    c.add(
        new Case(
            "render onto its own input",
            REFUSED,
            "same file",
            d -> {
              Path in = colourMap(d);
              return cli("render", in, "-o", in, "--pack", TINY, "--cpu");
            }));
    c.add(
        new Case(
            "render onto its input by another path",
            REFUSED,
            "same file",
            d -> {
              Path in = colourMap(d);
              java.nio.file.Files.createDirectories(d.resolve("sub"));
              return cli(
                  "render", in, "-o", d.resolve("sub/../labels.png"), "--pack", TINY, "--cpu");
            }));
    c.add(
        new Case(
            "retarget onto its own input",
            REFUSED,
            "same file",
            d -> {
              Path in = colourMap(d);
              return cli("retarget", in, "--from", "landscape", "--to", "ade20k", "-o", in);
            }));
    c.add(
        new Case(
            "into a missing folder",
            REFUSED,
            "no/such",
            d ->
                cli(
                    "render",
                    colourMap(d),
                    "-o",
                    d.resolve("no/such/out.png"),
                    "--pack",
                    TINY,
                    "--cpu")));
    c.add(
        new Case(
            "into /proc",
            REFUSED,
            "/proc/out.png: the folder does not take new files",
            d ->
                cli(
                    "render",
                    colourMap(d),
                    "-o",
                    Path.of("/proc/out.png"),
                    "--pack",
                    TINY,
                    "--cpu")));
    c.add(
        new Case(
            "export outputs onto each other",
            REFUSED,
            "same file",
            d -> export(d, project(d), "--labels-out", d.resolve("out.png").toString())));
    c.add(
        new Case(
            "export labels onto the input",
            REFUSED,
            "same file",
            d -> {
              Path in = colourMap(d);
              return export(d, in, "--labels-out", in.toString());
            }));
    c.add(
        new Case(
            "export as an unknown format",
            REFUSED,
            "out.xyz",
            d ->
                cli(
                    "export",
                    colourMap(d),
                    "-o",
                    d.resolve("out.xyz"),
                    "--size",
                    "64x48",
                    "--pack",
                    TINY,
                    "--cpu")));
    c.add(
        new Case(
            "export at 9000 wide",
            REFUSED,
            "8192",
            d ->
                cli(
                    "export",
                    colourMap(d),
                    "-o",
                    d.resolve("o.png"),
                    "--size",
                    "9000x64",
                    "--pack",
                    TINY,
                    "--cpu")));
    c.add(
        new Case(
            "export with tile 0", REFUSED, "tile", d -> export(d, colourMap(d), "--tile", "0")));
  }

  static String[] cli(Object... parts) {
    String[] s = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      s[i] = parts[i].toString();
    }
    return s;
  }

  /** export IN -o out.png at 64x48 on the tiny pack. */
  static String[] export(Path d, Path in, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "export", in.toString(), "-o", d.resolve("out.png").toString(), "--size", "64x48"));
    a.addAll(List.of("--pack", TINY, "--cpu"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }
}
