package dev.scenebrush.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The scenebrush command: render label maps, list packs, measure speed. */
@Command(
    name = "scenebrush",
    mixinStandardHelpOptions = true,
    version = "SceneBrush 0.1.0",
    description = {
      "Paint a scene as semantic labels; neural generators render it.",
      "Without a subcommand the installed launcher starts the app (options: --pack=ID, project"
          + " files to open)."
    },
    subcommands = {
      RenderCommand.class,
      PacksCommand.class,
      BenchCommand.class,
      StrokeBenchCommand.class,
      ExportCommand.class,
      ExportBenchCommand.class,
      SelfTestCommand.class,
      RetargetCommand.class,
      RetrievalBenchCommand.class,
      ClassBenchCommand.class,
      SoakBenchCommand.class
    })
public final class SceneBrushCli implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Names of the subcommands (render, export, self-test, …). */
  public static java.util.Set<String> subcommandNames() {
    return new CommandLine(new SceneBrushCli()).getSubcommands().keySet();
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
