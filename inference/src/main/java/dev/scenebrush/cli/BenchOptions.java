package dev.scenebrush.cli;

import dev.scenebrush.inference.pack.ModelPack;
import picocli.CommandLine.Option;

/** The pack and thread count every benchmark takes (a picocli mixin). */
final class BenchOptions {
  @Option(names = "--pack", description = "pack id or folder (default: the bundled pack)")
  String pack;

  @Option(names = "--threads", defaultValue = "0", description = "threads (0 = all cores)")
  int threads;

  ModelPack pack() {
    return CliContext.pack(pack);
  }

  /** The thread count as given: 0 lets ONNX Runtime use every core. */
  int threads() {
    if (threads < 0) {
      throw new IllegalArgumentException("--threads must be 0 (all cores) or more, got " + threads);
    }
    return threads;
  }
}
