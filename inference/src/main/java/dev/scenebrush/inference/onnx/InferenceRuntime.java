package dev.scenebrush.inference.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The ONNX Runtime environment of the process: picks CUDA when it loads, CPU otherwise, reports
 * which is active and why, and creates each model's session once.
 */
public final class InferenceRuntime implements AutoCloseable {
  private final OrtEnvironment env;
  private final Map<Path, ModelSession> sessions = new LinkedHashMap<>();
  private final int threads;
  private final boolean lowMemory;

  /** Runs hold the read side; close() takes the write side, so it waits for runs in flight. */
  private final ReentrantReadWriteLock runs = new ReentrantReadWriteLock();

  private volatile boolean closed;
  private ExecutionProvider provider;
  private String providerNote;

  /**
   * @param forceCpu the user's setting to never try the GPU
   * @param threads intra-op threads for the CPU provider (0 = ONNX Runtime's default)
   */
  public InferenceRuntime(boolean forceCpu, int threads) {
    this(forceCpu, threads, false);
  }

  /**
   * @param lowMemory for large tiled exports, where tiles come in several shapes: no memory
   *     patterns (the arena is kept, see options())
   */
  public InferenceRuntime(boolean forceCpu, int threads, boolean lowMemory) {
    NativeLibraries.configure();
    this.env = OrtEnvironment.getEnvironment();
    this.threads = threads;
    this.lowMemory = lowMemory;
    if (forceCpu) {
      provider = ExecutionProvider.CPU;
      providerNote = "CPU forced by setting";
    } else if (!NativeLibraries.cudaProviderPresent()) {
      provider = ExecutionProvider.CPU;
      providerNote = "CPU (this build has no CUDA provider)";
    } else if (!NativeLibraries.nvidiaDriverPresent()) {
      provider = ExecutionProvider.CPU;
      providerNote = "CPU (no NVIDIA driver found)";
    } else {
      provider = ExecutionProvider.CUDA;
      providerNote = "CUDA GPU";
    }
  }

  public InferenceRuntime() {
    this(Boolean.getBoolean("scenebrush.forceCpu"), 0);
  }

  public synchronized ExecutionProvider provider() {
    return provider;
  }

  /** Human-readable provider status for the status bar and the CLI. */
  public synchronized String providerNote() {
    return providerNote;
  }

  OrtEnvironment env() {
    return env;
  }

  /** The session for a model file, created on first use and reused afterwards. */
  public synchronized ModelSession session(Path model) {
    if (closed) {
      throw new CancellationException("inference runtime closed");
    }
    Path key = model.toAbsolutePath().normalize();
    ModelSession existing = sessions.get(key);
    if (existing != null) {
      return existing;
    }
    ModelSession created = new ModelSession(this, key, createSession(key));
    sessions.put(key, created);
    return created;
  }

  private OrtSession createSession(Path model) {
    if (provider == ExecutionProvider.CUDA) {
      try (OrtSession.SessionOptions options = options()) {
        options.addCUDA(0);
        return env.createSession(model.toString(), options);
      } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
        // CUDA libraries missing or mismatched: keep working on the CPU and say why.
        provider = ExecutionProvider.CPU;
        providerNote = "CPU (CUDA failed to load: " + firstLine(e.getMessage()) + ")";
      }
    }
    try (OrtSession.SessionOptions options = options()) {
      return env.createSession(model.toString(), options);
    } catch (OrtException e) {
      throw new InferenceException(
          "cannot load model " + model.getFileName() + ": " + firstLine(e.getMessage()), e);
    }
  }

  private OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    if (threads > 0) {
      options.setIntraOpNumThreads(threads);
    }
    if (lowMemory) {
      // Memory patterns plan one block per input shape, and tiles come in several shapes: off,
      // it cuts peak memory. The arena stays: without it every tile maps and faults in
      // gigabytes of fresh pages, which made 2048² exports 3x slower (bench export: 43 s off,
      // 14 s with the arena and no patterns, at about the same peak RSS).
      options.setMemoryPatternOptimization(false);
    }
    return options;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Enters a run; throws once the runtime is closed. Pair with {@link #endRun()}. */
  void beginRun() {
    runs.readLock().lock();
    if (closed) {
      runs.readLock().unlock();
      throw new CancellationException("inference runtime closed");
    }
  }

  void endRun() {
    runs.readLock().unlock();
  }

  /** How many model runs are executing now (diagnostics and tests). */
  public int runsInFlight() {
    return runs.getReadLockCount();
  }

  /** Waits for runs in flight, then frees every session; later runs are refused. */
  @Override
  public void close() {
    runs.writeLock().lock();
    try {
      closed = true;
      synchronized (this) {
        for (ModelSession s : sessions.values()) {
          s.closeNative();
        }
        sessions.clear();
      }
    } finally {
      runs.writeLock().unlock();
    }
  }
}
