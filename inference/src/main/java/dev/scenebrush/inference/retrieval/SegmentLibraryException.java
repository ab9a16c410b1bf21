package dev.scenebrush.inference.retrieval;

/** A segment library file that cannot be used, with what is wrong with it. */
public final class SegmentLibraryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SegmentLibraryException(String message) {
    super(message);
  }

  public SegmentLibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
