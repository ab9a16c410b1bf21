package dev.scenebrush.cli;

import static dev.scenebrush.cli.HostileBatteryTest.Expect.REFUSED;
import static dev.scenebrush.cli.HostileBatteryTest.Expect.WORKS;
import static dev.scenebrush.cli.HostileCases.export;
import static dev.scenebrush.cli.HostileFiles.noise;
import static dev.scenebrush.cli.HostileFiles.project;
import static dev.scenebrush.cli.HostileFiles.projectJson;
import static dev.scenebrush.cli.HostileFiles.projectWith;
import static dev.scenebrush.cli.HostileFiles.truncated;
import static dev.scenebrush.cli.HostileFiles.write;

import dev.scenebrush.cli.HostileBatteryTest.Case;
import dev.scenebrush.cli.HostileBatteryTest.Expect;
import dev.scenebrush.cli.HostileCases.LabelFile;
import dev.scenebrush.testing.ForgedPng;
import java.util.List;

/** The battery's cases on broken paintings (.sbrush projects) given to export. */
final class HostileProjectCases {
  private HostileProjectCases() {}

  private static Case proj(String name, Expect e, String mentions, LabelFile project) {
    return new Case(name, e, mentions, d -> export(d, project.make(d)));
  }

  static void projects(List<Case> c) {
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
}
