package dev.scenebrush.inference.pack;

/** A model pack that cannot be used; the message names the pack, the file and the problem. */
public class PackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PackException(String message) {
    super(message);
  }

  public PackException(String message, Throwable cause) {
    super(message, cause);
  }
}
