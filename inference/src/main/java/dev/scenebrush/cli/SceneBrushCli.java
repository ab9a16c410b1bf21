package dev.scenebrush.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The scenebrush command: render label maps, list packs, measure speed. */
@Command(
    name = "scenebrush",
    mixinStandardHelpOptions = true,
    version = "SceneBrush 0.1.0",
    description = "Paint a scene as semantic labels; neural generators render it.",
    subcommands = {
      RenderCommand.class,
      PacksCommand.class,
      BenchCommand.class,
      StrokeBenchCommand.class,
      ExportCommand.class,
      ExportBenchCommand.class
    })
public final class SceneBrushCli implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static int execute(String... args) {
    return new CommandLine(new SceneBrushCli())
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              cmd.getErr().println("error: " + ex.getMessage());
              return 2;
            })
        .execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
