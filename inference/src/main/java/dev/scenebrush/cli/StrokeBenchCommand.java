package dev.scenebrush.cli;

import dev.scenebrush.inference.SceneBrushHome;
import dev.scenebrush.inference.document.DirtyRect;
import dev.scenebrush.inference.document.LabelPixels;
import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.palette.Palette;
import dev.scenebrush.inference.palette.PaletteLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time per brush segment on a large canvas: painting labels and instance ids, recording undo tiles,
 * and converting the dirty rectangle to display pixels, as one mouse-move of a stroke.
 */
@Command(
    name = "stroke",
    mixinStandardHelpOptions = true,
    description = "Brush stroke cost per segment on a large canvas (paint + undo + display).")
final class StrokeBenchCommand implements Callable<Integer> {
  @Option(names = "--size", defaultValue = "4096", description = "canvas side (default 4096)")
  int size;

  @Option(names = "--brush", split = ",", defaultValue = "16,64,256", description = "diameters")
  int[] brushes;

  @Option(names = "--segments", defaultValue = "400", description = "segments per stroke")
  int segments;

  @Override
  public Integer call() {
    Palette palette = new PaletteLoader(SceneBrushHome.palettes()).load("landscape");
    Scene scene = new Scene(palette, size, size);
    scene.labels().fill(0);
    IntBuffer display =
        ByteBuffer.allocateDirect(size * size * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = 0xFF000000 | palette.colorOf(i);
    }
    System.out.printf("canvas %dx%d, %d segments of 6 px per stroke%n", size, size, segments);
    int tree = palette.indexOf("tree").orElse(1);
    for (int round = 0; round < 2; round++) { // first round warms the JIT
      for (int brush : brushes) {
        double[] ms = new double[segments];
        double x = size * 0.1;
        double y = size * 0.5;
        long c0 = System.nanoTime();
        scene.beginStroke("Brush", x, y, brush, round == 0 ? 9 : tree, Scene.InstancePolicy.AUTO);
        for (int i = 0; i < segments; i++) {
          double nx = x + 6;
          double ny = size * 0.5 + Math.sin(i / 20.0) * size * 0.05;
          long t0 = System.nanoTime();
          DirtyRect d = scene.strokeTo(x, y, nx, ny);
          LabelPixels.write(scene.labels(), d, lut, display);
          ms[i] = (System.nanoTime() - t0) / 1e6;
          x = nx;
          y = ny;
        }
        long c1 = System.nanoTime();
        scene.endStroke();
        double commit = (System.nanoTime() - c1) / 1e6;
        double whole = (System.nanoTime() - c0) / 1e6;
        Arrays.sort(ms);
        if (round == 1) {
          System.out.printf(
              "brush %3d px: median %.3f ms, p95 %.3f ms, max %.3f ms per segment; end of stroke"
                  + " %.1f ms; whole stroke %.0f ms; undo memory %.1f MB%n",
              brush,
              ms[segments / 2],
              ms[(int) (segments * 0.95)],
              ms[segments - 1],
              commit,
              whole,
              scene.historyBytes() / 1e6);
        }
      }
    }
    return 0;
  }
}
