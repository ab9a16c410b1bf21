package dev.scenebrush.inference.onnx;

/** Where models run. */
public enum ExecutionProvider {
  CUDA("CUDA GPU"),
  CPU("CPU");

  private final String label;

  ExecutionProvider(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
