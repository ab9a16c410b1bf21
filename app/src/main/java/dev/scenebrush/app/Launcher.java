package dev.scenebrush.app;

import dev.scenebrush.cli.SceneBrushCli;
import java.util.Arrays;
import java.util.Set;
import javafx.application.Application;

/**
 * Plain main class, so the app also starts from a classpath without the JavaFX launcher check. The
 * installed launcher doubles as the command line: a first argument naming a subcommand ({@code
 * render}, {@code export}, {@code self-test}, …) or {@code --help} runs it headlessly; {@code
 * --self-test} is the same as {@code self-test}. Anything else starts the app ({@code --pack=ID},
 * project files to open).
 */
public final class Launcher {
  public static final String SELF_TEST = "--self-test";

  private Launcher() {}

  public static void main(String[] args) {
    String[] cli = commandLine(args);
    if (cli != null) {
      System.exit(SceneBrushCli.execute(cli));
    }
    Application.launch(SceneBrushApp.class, args);
  }

  /** The command-line arguments when ARGS ask for the command line, else null (start the app). */
  static String[] commandLine(String[] args) {
    if (args.length == 0) {
      return null;
    }
    if (args[0].equals(SELF_TEST)) {
      String[] cli = args.clone();
      cli[0] = "self-test";
      return cli;
    }
    Set<String> subcommands = SceneBrushCli.subcommandNames();
    if (subcommands.contains(args[0])
        || Arrays.asList("--help", "-h", "--version", "-V").contains(args[0])) {
      return args;
    }
    return null;
  }
}
