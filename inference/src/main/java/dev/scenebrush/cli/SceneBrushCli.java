package dev.scenebrush.cli;

import dev.scenebrush.inference.SceneBrushVersion;
import dev.scenebrush.inference.io.LabelImageException;
import dev.scenebrush.inference.onnx.InferenceException;
import dev.scenebrush.inference.pack.PackException;
import dev.scenebrush.inference.palette.PaletteException;
import dev.scenebrush.inference.project.ProjectException;
import dev.scenebrush.inference.retrieval.SegmentLibraryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The scenebrush command: render label maps, list packs, measure speed. */
@Command(
    name = "scenebrush",
    mixinStandardHelpOptions = true,
    versionProvider = SceneBrushCli.Version.class,
    description = {
      "Paint a scene as semantic labels; neural generators render it.",
      "Without a subcommand the installed launcher starts the app (options: --pack=ID, project"
          + " files to open)."
    },
    subcommands = {
      RenderCommand.class,
      PacksCommand.class,
      BenchCommand.class,
      ExportCommand.class,
      SelfTestCommand.class,
      RetargetCommand.class
    })
public final class SceneBrushCli implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Names of the subcommands (render, export, self-test, …). */
  public static Set<String> subcommandNames() {
    return new CommandLine(new SceneBrushCli()).getSubcommands().keySet();
  }

  /**
   * Exit status of a refusal: the input, a pack or an option was wrong, and the message says how.
   */
  public static final int EXIT_REFUSED = 2;

  /** Exit status of a fault in SceneBrush itself: the message is prefixed "internal error". */
  public static final int EXIT_INTERNAL = 3;

  public static int execute(String... args) {
    return new CommandLine(new SceneBrushCli())
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              if (isRefusal(ex)) {
                cmd.getErr().println("error: " + ex.getMessage());
                return EXIT_REFUSED;
              }
              // Anything else is a bug: say so and keep the trace for the report.
              cmd.getErr().println("internal error: " + ex);
              ex.printStackTrace(cmd.getErr());
              return EXIT_INTERNAL;
            })
        .execute(args);
  }

  /**
   * The exceptions the readers and checks throw on purpose, each with a message naming what is
   * wrong; a NullPointerException, an index out of range or a raw parser exception is not one.
   */
  static boolean isRefusal(Exception ex) {
    return ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex instanceof ProjectException
        || ex instanceof PackException
        || ex instanceof PaletteException
        || ex instanceof LabelImageException
        || ex instanceof SegmentLibraryException
        || ex instanceof InferenceException
        || ex instanceof CancellationException
        || (ex instanceof IllegalArgumentException && ex.getMessage() != null)
        || (ex instanceof IllegalStateException && ex.getMessage() != null);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** --version prints the build's version (one source: the pom). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"SceneBrush " + SceneBrushVersion.get()};
    }
  }
}
