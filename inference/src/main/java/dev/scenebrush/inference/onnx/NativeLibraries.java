package dev.scenebrush.inference.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Points ONNX Runtime at natives that already sit on disk, so a launch never copies libraries out
 * of a jar. The CUDA provider alone is about 700 MB; ONNX Runtime copies it to a temporary folder
 * on every run when it comes from the classpath, but loads it in place from {@code
 * onnxruntime.native.path} when the classpath jar does not carry it (our classpath holds the CPU
 * jar; the build unpacks the CUDA-capable natives once, see docs/inference.md).
 */
public final class NativeLibraries {
  /** Folder holding ai/onnxruntime/native/&lt;platform&gt;/ (set by the build or the installer). */
  public static final String NATIVES_PROPERTY = "scenebrush.ortNatives";

  static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";

  private NativeLibraries() {}

  /** ONNX Runtime's own name for this platform, e.g. linux-x64. */
  public static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("win") ? "win" : os.contains("mac") ? "osx" : "linux";
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
    return o + "-" + a;
  }

  static String libraryFile(String name) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return name + ".dll";
    }
    return (os.contains("mac") ? "lib" + name + ".dylib" : "lib" + name + ".so");
  }

  /**
   * Sets onnxruntime.native.path to the unpacked natives when they are complete for this platform.
   * Must run before the first ONNX Runtime class loads. Returns the folder in use, if any.
   */
  public static synchronized Optional<Path> configure() {
    String existing = System.getProperty(ORT_PATH_PROPERTY);
    if (existing != null) {
      return Optional.of(Path.of(existing));
    }
    String root = System.getProperty(NATIVES_PROPERTY);
    if (root == null) {
      return Optional.empty();
    }
    Path dir = Path.of(root, "ai", "onnxruntime", "native", platform());
    if (Files.isRegularFile(dir.resolve(libraryFile("onnxruntime")))
        && Files.isRegularFile(dir.resolve(libraryFile("onnxruntime4j_jni")))) {
      System.setProperty(ORT_PATH_PROPERTY, dir.toString());
      return Optional.of(dir);
    }
    return Optional.empty();
  }

  /** Whether the CUDA provider library sits in the configured native folder. */
  public static boolean cudaProviderPresent() {
    String dir = System.getProperty(ORT_PATH_PROPERTY);
    return dir != null
        && Files.isRegularFile(Path.of(dir, libraryFile("onnxruntime_providers_cuda")));
  }

  /** Cheap check for an NVIDIA driver, so machines without one never try to load CUDA. */
  public static boolean nvidiaDriverPresent() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
      return Files.isRegularFile(Path.of(root, "System32", "nvcuda.dll"));
    }
    if (os.contains("linux")) {
      return Files.exists(Path.of("/proc/driver/nvidia/version"));
    }
    return false;
  }
}
