package org.opentransparency.verifier.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns I/O exceptions into the short reasons coreutils prints ("No such file or directory"). */
public final class IoErrors {
  private IoErrors() {}

  /** The reason alone, without the file name. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "Not a directory";
    }
    if (e instanceof FileSystemException) {
      String why = ((FileSystemException) e).getReason();
      if (why != null) {
        return why;
      }
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    // The JDK appends the OS reason in parentheses: "Is a directory (21)" style messages.
    return m;
  }
}
