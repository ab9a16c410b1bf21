package dev.scenebrush.app.export;

import dev.scenebrush.app.document.Document;
import dev.scenebrush.inference.document.RenderMode;
import dev.scenebrush.inference.pack.ModelPack;
import dev.scenebrush.inference.render.HighResExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A window's image exports: the dialog starts from the remembered settings, one export runs at a
 * time in the background, and the result or failure is reported.
 */
public final class ImageExports {
  /** The questions an export asks and how it reports. */
  public interface Prompts {
    /** Export size, file and extra outputs, starting from a suggestion (its proportions kept). */
    Optional<ExportSettings> askExport(ExportSettings suggested);

    void error(String header, String message);

    void info(String header, String message);
  }

  /** Where an export shows progress and its outcome (the status bar). */
  public interface Progress {
    void track(ExportJob job);

    void message(String text);

    /** A result worth a notification, not only the status line. */
    void announce(String title, String text);
  }

  private final ModelPack pack;
  private final Prompts prompts;
  private final ExportMemory memory;
  private ExportJob current;

  public ImageExports(ModelPack pack, Prompts prompts, Path settingsDir) {
    this.pack = pack;
    this.prompts = prompts;
    this.memory = new ExportMemory(settingsDir);
  }

  /**
   * Asks for size and files, then exports in the background. Returns the job started, or empty when
   * the user cancelled, another export is running or the request was refused.
   *
   * @param retrievalMode whether the preview renders with the retrieval generator (exports tile, so
   *     they render with the base generator, and the message says so)
   */
  public Optional<ExportJob> ask(Document doc, boolean retrievalMode, Progress progress) {
    if (current != null && current.isRunning()) {
      prompts.info(
          "An export is running", "Wait for it to finish, or cancel it in the status bar.");
      return Optional.empty();
    }
    Optional<ExportSettings> chosen =
        prompts.askExport(ExportSettings.suggest(doc, memory.last().orElse(null)));
    chosen.ifPresent(memory::remember);
    return chosen.flatMap(s -> start(doc, s, retrievalMode, progress));
  }

  /** Exports a snapshot of the painting: edits made while it runs do not change the file. */
  public Optional<ExportJob> start(
      Document doc, ExportSettings s, boolean retrievalMode, Progress progress) {
    HighResExport.Request request =
        new HighResExport.Request(
            doc.scene().labelsSnapshot(),
            doc.scene().instancesSnapshot(),
            List.copyOf(doc.scene().instances()),
            doc.styleSpec(pack.zDim()),
            s.width(),
            s.height(),
            ExportJob.TILE,
            s.image(),
            s.labelsPath(),
            s.instancesPath(),
            s.layersPath());
    ExportJob job;
    try {
      job = new ExportJob(pack, request);
    } catch (IllegalArgumentException e) {
      prompts.error("Cannot export " + s.image().getFileName(), e.getMessage());
      return Optional.empty();
    }
    boolean retrievalObjects =
        request.objects().stream().anyMatch(o -> o.mode() == RenderMode.RETRIEVAL);
    String generator =
        retrievalMode
            ? " with the base generator (retrieval-guided rendering is for the preview)"
            : retrievalObjects
                ? "; objects in retrieval mode with the base generator (retrieval is for the"
                    + " preview)"
                : "";
    job.setOnSucceeded(
        e ->
            progress.announce(
                "Export finished",
                String.format(
                    "Exported %s (%d×%d) in %.1f s%s",
                    s.image().getFileName(),
                    s.width(),
                    s.height(),
                    job.getValue().millis() / 1000.0,
                    generator)));
    job.setOnCancelled(e -> progress.message("Export cancelled; nothing was written"));
    job.setOnFailed(
        e ->
            prompts.error(
                "Cannot export " + s.image().getFileName(),
                String.valueOf(job.getException().getMessage())));
    progress.track(job);
    current = job.start();
    return Optional.of(job);
  }

  /** Stops the export in flight (window closing). */
  public void cancel() {
    if (current != null) {
      current.cancel();
    }
  }
}
