package dev.scenebrush.inference.io;

/** An image that cannot serve as a label map; the message says which file and why. */
public class LabelImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabelImageException(String message) {
    super(message);
  }
}
