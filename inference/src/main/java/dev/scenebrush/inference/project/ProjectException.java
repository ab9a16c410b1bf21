package dev.scenebrush.inference.project;

/** A project file that cannot be opened or saved; the message names the file and the problem. */
public class ProjectException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProjectException(String message) {
    super(message);
  }

  public ProjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
