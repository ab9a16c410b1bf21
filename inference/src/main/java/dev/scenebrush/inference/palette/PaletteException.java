package dev.scenebrush.inference.palette;

/** A palette file that cannot be used, with a message naming the file and what is wrong. */
public class PaletteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PaletteException(String message) {
    super(message);
  }

  public PaletteException(String message, Throwable cause) {
    super(message, cause);
  }
}
