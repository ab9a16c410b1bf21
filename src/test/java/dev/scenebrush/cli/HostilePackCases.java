package dev.scenebrush.cli;

import static dev.scenebrush.cli.HostileBatteryTest.Expect.REFUSED;
import static dev.scenebrush.cli.HostileBatteryTest.Expect.WORKS;
import static dev.scenebrush.cli.HostileCases.cli;
import static dev.scenebrush.cli.HostileFiles.colourMap;
import static dev.scenebrush.cli.HostileFiles.noise;
import static dev.scenebrush.cli.HostileFiles.packFile;
import static dev.scenebrush.cli.HostileFiles.packWith;
import static dev.scenebrush.cli.HostileFiles.truncated;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scenebrush.cli.HostileBatteryTest.Case;
import dev.scenebrush.cli.HostileBatteryTest.Expect;
import dev.scenebrush.cli.HostileCases.LabelFile;
import dev.scenebrush.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The battery's cases on broken model packs: manifests, weights, segment libraries, tiling. */
final class HostilePackCases {
  private HostilePackCases() {}

  /** render a colour map with the pack LabelFile makes; extra options after it. */
  private static Case pack(
      String name, Expect e, String mentions, LabelFile pack, String... extra) {
    return new Case(
        name,
        e,
        mentions,
        d -> {
          List<Object> a =
              new ArrayList<>(
                  List.of(
                      "render",
                      colourMap(d),
                      "-o",
                      d.resolve("out.png"),
                      "--pack",
                      pack.make(d),
                      "--cpu"));
          a.addAll(List.of(extra));
          return cli(a.toArray());
        });
  }

  /** The same through the retrieval generator, which reads the segment library. */
  private static Case retrievalPack(String name, String mentions, LabelFile pack) {
    return pack(name, REFUSED, mentions, pack, "--retrieval");
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

  static void packs(List<Case> c) {
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
