package dev.scenebrush.inference;

import com.google.gson.JsonParseException;
import java.io.EOFException;
import java.util.regex.Pattern;

/**
 * Turns what a parser or decoder threw into words for the person whose file it was: the library's
 * message and its cause's, without Java class names or links to a library's pages.
 */
public final class ReadErrors {
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):\\s*");
  private static final Pattern SEE_LINK = Pattern.compile("\\s*See https?://\\S+");

  private ReadErrors() {}

  public static String describe(Throwable e) {
    if (e instanceof JsonParseException && e.getCause() instanceof NumberFormatException n) {
      String value = String.valueOf(n.getMessage()).replace("For input string: ", "");
      return "expected a number, found " + value;
    }
    String own = clean(e.getMessage());
    Throwable cause = e.getCause();
    String deeper = cause == null || cause == e ? "" : clean(cause.getMessage());
    if (own.isEmpty()) {
      own = e instanceof EOFException ? "the data ends early" : "unreadable data";
    }
    return deeper.isEmpty() || own.contains(deeper) ? own : own + " (" + deeper + ")";
  }

  private static String clean(String message) {
    if (message == null) {
      return "";
    }
    String m = SEE_LINK.matcher(message).replaceAll("");
    m = CLASS_PREFIX.matcher(m).replaceAll("");
    return m.replaceAll("\\s*\\R\\s*", "; ").trim();
  }
}
