package dev.scenebrush.cli;

import static dev.scenebrush.cli.HostileBatteryTest.Expect.REFUSED;
import static dev.scenebrush.cli.HostileBatteryTest.Expect.WORKS;
import static dev.scenebrush.cli.HostileBatteryTest.Expect.WORKS_OR_REFUSED;
import static dev.scenebrush.cli.HostileFiles.colourMap;
import static dev.scenebrush.cli.HostileFiles.colourMapAs;
import static dev.scenebrush.cli.HostileFiles.flipped;
import static dev.scenebrush.cli.HostileFiles.noise;
import static dev.scenebrush.cli.HostileFiles.packFile;
import static dev.scenebrush.cli.HostileFiles.packWith;
import static dev.scenebrush.cli.HostileFiles.project;
import static dev.scenebrush.cli.HostileFiles.projectJson;
import static dev.scenebrush.cli.HostileFiles.projectWith;
import static dev.scenebrush.cli.HostileFiles.truncated;
import static dev.scenebrush.cli.HostileFiles.write;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scenebrush.cli.HostileBatteryTest.Args;
import dev.scenebrush.cli.HostileBatteryTest.Case;
import dev.scenebrush.cli.HostileBatteryTest.Expect;
import dev.scenebrush.testing.Fixtures;
import dev.scenebrush.testing.ForgedPng;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The battery's cases: each a command line on one broken (or odd but valid) input. */
final class HostileCases {
  private static final String TINY = Fixtures.tinyPackFolder().toString();

  private HostileCases() {}

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    labelMaps(c);
    options(c);
    outputs(c);
    projects(c);
    packs(c);
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

  private static String[] export(Path d, Path in, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "export", in.toString(), "-o", d.resolve("out.png").toString(), "--size", "64x48"));
    a.addAll(List.of("--pack", TINY, "--cpu"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  private static Case proj(String name, Expect e, String mentions, LabelFile project) {
    return new Case(name, e, mentions, d -> export(d, project.make(d)));
  }

  private static void projects(List<Case> c) {
    c.add(proj("painting", WORKS, "exported", HostileFiles::project));
    c.add(proj("empty file", REFUSED, "x.sbrush", d -> write(d, "x.sbrush", new byte[0])));
    c.add(proj("not a zip", REFUSED, "x.sbrush", d -> write(d, "x.sbrush", noise(2048, 2))));
    c.add(
        proj(
            "zip cut in half",
            REFUSED,
            "cut.sbrush",
            d -> write(d, "cut.sbrush", truncated(project(d), 0.5))));
    c.add(
        proj(
            "no project.json",
            REFUSED,
            "project.json",
            d -> projectWith(d, e -> e.remove("project.json"))));
    c.add(
        proj(
            "no labels.png",
            REFUSED,
            "labels.png",
            d -> projectWith(d, e -> e.remove("labels.png"))));
    c.add(
        proj(
            "project.json not JSON",
            REFUSED,
            "project.json",
            d -> projectWith(d, e -> e.put("project.json", "{width: ".getBytes()))));
    c.add(
        proj(
            "project.json an array",
            REFUSED,
            "project.json",
            d -> projectWith(d, e -> e.put("project.json", "[1,2]".getBytes()))));
    c.add(
        proj(
            "width as text",
            REFUSED,
            "expected a number, found \"wide\"",
            d -> projectJson(d, "\"width\": 64", "\"width\": \"wide\"")));
    c.add(
        proj(
            "negative width",
            REFUSED,
            "canvas size must be 1..8192",
            d -> projectJson(d, "\"width\": 64", "\"width\": -64")));
    c.add(
        proj(
            "width 100000",
            REFUSED,
            "100000",
            d -> projectJson(d, "\"width\": 64", "\"width\": 100000")));
    c.add(
        proj(
            "format version 99",
            REFUSED,
            "99",
            d -> projectJson(d, "\"formatVersion\": 1", "\"formatVersion\": 99")));
    c.add(
        proj(
            "unknown palette",
            REFUSED,
            "nowhere",
            d -> projectJson(d, "\"palette\": \"landscape\"", "\"palette\": \"nowhere\"")));
    c.add(
        proj(
            "palette by path",
            REFUSED,
            "palette",
            d ->
                projectJson(
                    d, "\"palette\": \"landscape\"", "\"palette\": \"../../../../tmp/x\"")));
    c.add(
        proj(
            "null instance",
            REFUSED,
            "instances",
            d -> projectJson(d, "\"instances\": [", "\"instances\": [null, ")));
    c.add(
        proj(
            "unknown class",
            REFUSED,
            "Dragon",
            d -> projectJson(d, "\"class\": \"tree\"", "\"class\": \"dragon\"")));
    c.add(
        proj(
            "labels.png declaring 20000x20000",
            REFUSED,
            "20000",
            d ->
                projectWith(d, e -> e.put("labels.png", ForgedPng.declaring(20000, 20000, 8, 0)))));
    c.add(
        proj(
            "labels.png random bytes",
            REFUSED,
            "labels.png",
            d -> projectWith(d, e -> e.put("labels.png", noise(512, 3)))));
    c.add(
        proj(
            "instances.png as RGB",
            REFUSED,
            "RGB",
            d -> projectWith(d, e -> e.put("instances.png", ForgedPng.declaring(64, 48, 8, 2)))));
    c.add(
        proj(
            "render.png declaring 20000x15000 (dropped)",
            WORKS,
            "exported",
            d ->
                projectWith(d, e -> e.put("render.png", ForgedPng.declaring(20000, 15000, 8, 2)))));
    c.add(
        proj(
            "an unknown entry (skipped)",
            WORKS,
            "exported",
            d -> projectWith(d, e -> e.put("notes.txt", noise(100000, 4)))));
    c.add(
        proj(
            "an entry named ../escape",
            WORKS,
            "exported",
            d -> projectWith(d, e -> e.put("../escape.png", noise(100, 5)))));
  }

  private static Case pack(String name, Expect e, String mentions, LabelFile pack) {
    return new Case(
        name,
        e,
        mentions,
        d ->
            cli(
                "render",
                colourMap(d),
                "-o",
                d.resolve("out.png"),
                "--pack",
                pack.make(d),
                "--cpu"));
  }

  /** The same through the retrieval generator, which reads the segment library. */
  private static Case retrievalPack(String name, String mentions, LabelFile pack) {
    return new Case(
        name,
        REFUSED,
        mentions,
        d ->
            cli(
                "render",
                colourMap(d),
                "-o",
                d.resolve("out.png"),
                "--pack",
                pack.make(d),
                "--cpu",
                "--retrieval"));
  }

  private static LabelFile manifest(Consumer<JsonObject> edit) {
    return d -> packWith(d, edit);
  }

  private static JsonArray pair(int a, int b) {
    JsonArray r = new JsonArray();
    r.add(a);
    r.add(b);
    return r;
  }

  private static void packs(List<Case> c) {
    c.add(pack("tiny pack", WORKS, "rendered", manifest(j -> {})));
    c.add(
        pack(
            "folder without pack.json",
            REFUSED,
            "pack.json",
            d -> java.nio.file.Files.createDirectories(d.resolve("empty"))));
    c.add(
        pack(
            "pack.json not JSON",
            REFUSED,
            "pack.json",
            d -> packFile(d, "pack.json", "{id: ".getBytes())));
    c.add(
        pack(
            "pack.json empty object",
            REFUSED,
            "missing \"id\"",
            d -> packFile(d, "pack.json", "{}".getBytes())));
    c.add(pack("no generator entry", REFUSED, "generator", manifest(j -> j.remove("generator"))));
    c.add(
        pack(
            "resolution 0x0",
            REFUSED,
            "resolution",
            manifest(j -> j.add("resolution", pair(0, 0)))));
    c.add(
        pack(
            "resolution negative",
            REFUSED,
            "resolution",
            manifest(j -> j.add("resolution", pair(-64, 64)))));
    c.add(
        pack(
            "resolution 1e6",
            REFUSED,
            "resolution",
            manifest(j -> j.add("resolution", pair(1000000, 1000000)))));
    c.add(
        pack("multipleOf 0", REFUSED, "multipleOf", manifest(j -> j.addProperty("multipleOf", 0))));
    c.add(pack("zDim negative", REFUSED, "zDim", manifest(j -> j.addProperty("zDim", -8))));
    c.add(
        pack(
            "unknown palette",
            REFUSED,
            "nowhere",
            manifest(j -> j.addProperty("palette", "nowhere"))));
    c.add(
        pack(
            "palette by path",
            REFUSED,
            "palette",
            manifest(j -> j.addProperty("palette", "/etc/passwd"))));
    c.add(
        pack(
            "generator outside the pack",
            REFUSED,
            "generator",
            manifest(
                j -> j.getAsJsonObject("generator").addProperty("file", "../../generator.onnx"))));
    c.add(
        pack(
            "generator missing",
            REFUSED,
            "generator.onnx",
            d -> {
              Path p = Fixtures.copyTinyPack(d);
              java.nio.file.Files.delete(p.resolve("generator.onnx"));
              return p;
            }));
    c.add(
        pack(
            "generator random bytes",
            REFUSED,
            "generator.onnx",
            d -> packFile(d, "generator.onnx", noise(5000, 6))));
    c.add(
        pack(
            "generator cut in half",
            REFUSED,
            "generator.onnx",
            d ->
                packFile(
                    d,
                    "generator.onnx",
                    truncated(Fixtures.tinyPackFolder().resolve("generator.onnx"), 0.5))));
    c.add(
        pack(
            "generator of another pack",
            REFUSED,
            "generator",
            d ->
                packFile(
                    d,
                    "generator.onnx",
                    java.nio.file.Files.readAllBytes(
                        Fixtures.tinyPackFolder().resolve("encoder.onnx")))));
    c.add(
        pack(
            "class generator 0x0",
            REFUSED,
            "resolution",
            manifest(
                j ->
                    j.getAsJsonArray("classGenerators")
                        .get(0)
                        .getAsJsonObject()
                        .add("resolution", pair(0, 0)))));
    c.add(
        pack(
            "class generator for an unknown class",
            REFUSED,
            "Dragon",
            manifest(
                j ->
                    j.getAsJsonArray("classGenerators")
                        .get(0)
                        .getAsJsonObject()
                        .addProperty("class", "Dragon"))));
    c.add(
        retrievalPack(
            "segment library random bytes",
            "segments.bin",
            d -> packFile(d, "segments.bin", noise(4096, 7))));
    c.add(
        retrievalPack(
            "segment library cut",
            "segments.bin",
            d ->
                packFile(
                    d,
                    "segments.bin",
                    truncated(Fixtures.tinyPackFolder().resolve("segments.bin"), 0.7))));
    c.add(
        pack(
            "tiling scale 0",
            REFUSED,
            "scale",
            manifest(j -> j.getAsJsonObject("tiling").addProperty("scale", 0))));
  }
}
