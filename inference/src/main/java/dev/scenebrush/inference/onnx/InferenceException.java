package dev.scenebrush.inference.onnx;

/** A model that cannot be loaded or run, with the model file and the reason. */
public class InferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InferenceException(String message) {
    super(message);
  }

  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
