package dev.scenebrush.cli;

import dev.scenebrush.inference.retrieval.Retriever;
import dev.scenebrush.inference.retrieval.SegmentLibrary;
import dev.scenebrush.inference.retrieval.SegmentQuery;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Retrieval time per segment: each query is a library segment with a perturbed mask, scored against
 * every segment of its class (what an edit costs per changed segment).
 */
@Command(
    name = "retrieval",
    mixinStandardHelpOptions = true,
    description = "Time to retrieve the best segments for one painted segment.")
final class RetrievalBenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LIBRARY", description = "segment library file")
  Path library;

  @Option(names = "--queries", defaultValue = "2000", description = "queries to time")
  int queries;

  @Option(names = "--top", defaultValue = "5", description = "segments returned per query")
  int top;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    SegmentLibrary lib = SegmentLibrary.open(library);
    double openMs = (System.nanoTime() - t0) / 1e6;
    Retriever r = new Retriever(lib);
    Random rnd = new Random(1);
    int m2 = lib.maskSize() * lib.maskSize();
    SegmentQuery[] qs = new SegmentQuery[queries];
    for (int i = 0; i < queries; i++) {
      int s = rnd.nextInt(lib.size());
      byte[] mask = lib.mask(s);
      for (int k = 0; k < m2 / 10; k++) {
        mask[rnd.nextInt(m2)] ^= (byte) 0xFF; // a painted shape is never a library shape
      }
      qs[i] = new SegmentQuery(lib.classOf(s), mask, lib.relativeArea(s) * 1.3f, lib.aspect(s));
    }
    for (int i = 0; i < Math.min(200, queries); i++) {
      r.best(qs[i], top, null); // warm up the JIT
    }
    double[] ms = new double[queries];
    for (int i = 0; i < queries; i++) {
      long a = System.nanoTime();
      r.best(qs[i], top, null);
      ms[i] = (System.nanoTime() - a) / 1e6;
    }
    Arrays.sort(ms);
    int largest = 0;
    for (int c = 0; c < lib.classes(); c++) {
      largest = Math.max(largest, lib.classCount(c));
    }
    System.out.printf(
        "library %s: %d segments, %d classes (largest %d), mask %d², opened in %.1f ms%n",
        library.getFileName(), lib.size(), lib.classes(), largest, lib.maskSize(), openMs);
    System.out.printf(
        "per segment: median %.3f ms, p95 %.3f ms, max %.3f ms (%d queries, top %d)%n",
        ms[queries / 2], ms[(int) (queries * 0.95)], ms[queries - 1], queries, top);
    return 0;
  }
}
