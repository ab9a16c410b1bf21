package dev.scenebrush.inference.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * One model's ONNX Runtime session. Inputs and outputs are plain float arrays with shapes; every
 * native tensor and result is closed before a call returns.
 */
public final class ModelSession {
  private final InferenceRuntime runtime;
  private final Path file;
  private final OrtSession session;

  ModelSession(InferenceRuntime runtime, Path file, OrtSession session) {
    this.runtime = runtime;
    this.file = file;
    this.session = session;
  }

  public Path file() {
    return file;
  }

  /** Input name → shape as declared by the model (-1 for dynamic axes). */
  public Map<String, long[]> inputShapes() {
    return shapes(true);
  }

  public Map<String, long[]> outputShapes() {
    return shapes(false);
  }

  private Map<String, long[]> shapes(boolean inputs) {
    try {
      Map<String, NodeInfo> info = inputs ? session.getInputInfo() : session.getOutputInfo();
      Map<String, long[]> out = new LinkedHashMap<>();
      for (Map.Entry<String, NodeInfo> e : info.entrySet()) {
        if (e.getValue().getInfo() instanceof TensorInfo t) {
          out.put(e.getKey(), t.getShape());
        }
      }
      return out;
    } catch (OrtException e) {
      throw new InferenceException("cannot read the signature of " + file.getFileName(), e);
    }
  }

  /**
   * A float tensor in NCHW order: a heap array, or a direct buffer (read from its position to its
   * limit) that ONNX Runtime uses in place, without a copy.
   */
  public record Tensor(FloatBuffer buffer, long[] shape) {
    public Tensor {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != buffer.remaining()) {
        throw new IllegalArgumentException(
            "tensor data has " + buffer.remaining() + " values but its shape needs " + n);
      }
    }

    public Tensor(float[] data, long[] shape) {
      this(FloatBuffer.wrap(data), shape);
    }

    /** The values as an array (outputs are always array-backed). */
    public float[] data() {
      if (buffer.hasArray()
          && buffer.arrayOffset() == 0
          && buffer.position() == 0
          && buffer.remaining() == buffer.array().length) {
        return buffer.array();
      }
      float[] out = new float[buffer.remaining()];
      buffer.duplicate().get(out);
      return out;
    }
  }

  /** Handle that lets another thread stop a run in flight. */
  public static final class Cancel {
    private volatile OrtSession.RunOptions options;
    private volatile boolean cancelled;

    public void cancel() {
      cancelled = true;
      OrtSession.RunOptions o = options;
      if (o != null) {
        try {
          o.setTerminate(true);
        } catch (OrtException ignored) {
          // the run finishes on its own; its result is discarded
        }
      }
    }

    public boolean isCancelled() {
      return cancelled;
    }
  }

  public Map<String, Tensor> run(Map<String, Tensor> inputs) {
    return run(inputs, new Cancel());
  }

  /** Runs the model; throws {@link java.util.concurrent.CancellationException} if cancelled. */
  public Map<String, Tensor> run(Map<String, Tensor> inputs, Cancel cancel) {
    return run(inputs, null, null, cancel);
  }

  /**
   * Runs the model and has ONNX Runtime write one output straight into a direct buffer of the
   * caller's (large tiled exports reuse one buffer per tile instead of making garbage per run).
   */
  public void runInto(
      Map<String, Tensor> inputs, String output, Tensor destination, Cancel cancel) {
    if (!destination.buffer().isDirect()) {
      throw new IllegalArgumentException(
          "the destination of " + output + " must be a direct buffer");
    }
    run(inputs, output, destination, cancel);
  }

  // A pinned run's result holds nothing to read (the output went into the caller's buffer) but
  // must still be closed, hence a try-with-resources whose resource is never referenced.
  @SuppressWarnings("try")
  private Map<String, Tensor> run(
      Map<String, Tensor> inputs, String pinnedName, Tensor pinned, Cancel cancel) {
    Map<String, OnnxTensor> tensors = new HashMap<>();
    List<String> expected = new ArrayList<>(inputShapes().keySet());
    if (!inputs.keySet().equals(Map.copyOf(inputShapes()).keySet())) {
      throw new InferenceException(
          file.getFileName() + " takes inputs " + expected + ", was given " + inputs.keySet());
    }
    runtime.beginRun();
    try (OrtSession.RunOptions options = new OrtSession.RunOptions()) {
      cancel.options = options;
      if (cancel.isCancelled()) {
        throw new CancellationException("render cancelled");
      }
      for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
        tensors.put(
            e.getKey(),
            OnnxTensor.createTensor(
                runtime.env(), e.getValue().buffer().duplicate(), e.getValue().shape()));
      }
      if (pinnedName != null) {
        try (OnnxTensor out =
                OnnxTensor.createTensor(
                    runtime.env(), pinned.buffer().duplicate(), pinned.shape());
            OrtSession.Result result =
                session.run(tensors, Set.of(), Map.of(pinnedName, out), options)) {
          return Map.of();
        }
      }
      try (OrtSession.Result result = session.run(tensors, options)) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          OnnxTensor t = (OnnxTensor) e.getValue();
          FloatBuffer buf = t.getFloatBuffer();
          float[] data = new float[buf.remaining()];
          buf.get(data);
          out.put(e.getKey(), new Tensor(data, t.getInfo().getShape()));
        }
        return out;
      }
    } catch (OrtException e) {
      if (cancel.isCancelled()) {
        throw new CancellationException("render cancelled");
      }
      throw new InferenceException(
          "running " + file.getFileName() + " failed: " + e.getMessage(), e);
    } finally {
      cancel.options = null;
      for (OnnxTensor t : tensors.values()) {
        t.close();
      }
      runtime.endRun();
    }
  }

  void closeNative() {
    try {
      session.close();
    } catch (OrtException ignored) {
      // closing at shutdown; nothing left to release
    }
  }
}
