package dev.scenebrush.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.onnx.InferenceRuntime;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.BaseRenderer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Median render latency of the base pass, and the ratio to PyTorch eager running the same network
 * architecture at the same sizes and thread count, measured in the same run.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Median render latency vs PyTorch eager (same network, same run);",
      "the subcommands measure the other goals."
    },
    subcommands = {
      MoveBenchCommand.class,
      SoakBenchCommand.class,
      ExportBenchCommand.class,
      StrokeBenchCommand.class,
      ClassBenchCommand.class,
      RetrievalBenchCommand.class
    })
final class BenchCommand implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Option(names = "--sizes", split = ",", defaultValue = "256,512", description = "square sizes")
  int[] sizes;

  @Option(names = "--runs", defaultValue = "9", description = "timed runs per size")
  int runs;

  @Option(names = "--python", description = "Python with PyTorch (default: the system python3)")
  String python;

  @Option(names = "--no-torch", description = "skip the PyTorch comparison")
  boolean noTorch;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
    int t = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    if (python == null) {
      python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
    ModelPack p = options.pack();
    JsonObject torch = noTorch ? null : torchTimes(p, t);
    System.out.printf("pack '%s', %d threads, %d runs per size (median)%n", p.id(), t, runs);
    try (InferenceRuntime runtime = new InferenceRuntime(true, t)) {
      BaseRenderer renderer = new BaseRenderer(runtime, p);
      for (int size : sizes) {
        LabelMap labels = sampleScene(size, p.palette().size());
        InstanceMap inst = new InstanceMap(size, size);
        renderer.render(labels, inst, 1, size, size); // warm-up: session creation, allocation
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          renderer.render(labels, inst, i, size, size);
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double ours = median(ms);
        String line =
            String.format(
                "%dx%d  %sSceneBrush (ONNX Runtime, %s): %.1f ms",
                size,
                size,
                p.hasLadder() ? "generator at size (--direct): " : "",
                runtime.provider().label(),
                ours);
        if (torch != null && torch.has(Integer.toString(size))) {
          double eager = torch.get(Integer.toString(size)).getAsDouble();
          line +=
              String.format(
                  "   PyTorch eager: %.1f ms   ratio ours/eager: %.2f", eager, ours / eager);
        }
        System.out.println(line);
        if (p.hasLadder()) {
          LadderBench.run(runtime, p, size, runs, torch);
        }
      }
    }
    if (torch == null && !noTorch) {
      System.out.println("(PyTorch comparison unavailable: see the message above)");
    }
    return 0;
  }

  /** A plausible painted scene: sky, mountains, ground bands with blobs, so work is realistic. */
  static LabelMap sampleScene(int size, int classes) {
    LabelMap m = new LabelMap(size, size);
    Random r = new Random(7);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int band = y * 4 / size;
        m.set(x, y, Math.min(classes - 1, band * 3 + ((x / 37 + y / 29) % 2)));
      }
    }
    for (int k = 0; k < 12; k++) {
      int cx = r.nextInt(size);
      int cy = size / 2 + r.nextInt(size / 2);
      int rad = size / 20 + r.nextInt(size / 12);
      int cls = r.nextInt(classes);
      for (int y = Math.max(0, cy - rad); y < Math.min(size, cy + rad); y++) {
        for (int x = Math.max(0, cx - rad); x < Math.min(size, cx + rad); x++) {
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < rad * rad) {
            m.set(x, y, cls);
          }
        }
      }
    }
    return m;
  }

  private JsonObject torchTimes(ModelPack p, int t) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                python,
                "-m",
                "scenebrush_training",
                "bench-torch",
                "--pack",
                p.folder().toString(),
                "--runs",
                Integer.toString(runs),
                "--threads",
                Integer.toString(t),
                "--sizes"));
    cmd.add(String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList()));
    Path training = SceneBrushHome.find().resolve("models").resolve("training");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(training.toFile());
      pb.environment().put("PYTHONPATH", training.toString());
      pb.redirectErrorStream(true);
      Process proc = pb.start();
      String last = null;
      StringBuilder all = new StringBuilder();
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          all.append(line).append('\n');
          if (line.startsWith("{")) {
            last = line;
          }
        }
      }
      if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0 || last == null) {
        System.out.println("PyTorch benchmark failed:\n" + all.toString().strip());
        return null;
      }
      return JsonParser.parseString(last).getAsJsonObject();
    } catch (Exception e) {
      System.out.println("PyTorch benchmark could not start (" + python + "): " + e.getMessage());
      return null;
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
