package org.opentransparency.verifier.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentransparency.verifier.Limits;

/** Reads small documents whole, refusing more than a limit without reading past it. */
public final class BoundedRead {
  private BoundedRead() {}

  /**
   * All bytes of {@code file}, at most {@code max} of them.
   *
   * @throws LimitExceededException if the file is larger, naming {@code limit} and {@code option}
   * @throws IOException if the file cannot be read
   */
  public static byte[] file(Path file, long max, String limit, String option) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return stream(in, file.toString(), max, limit, option);
    }
  }

  /** All bytes of {@code in}, at most {@code max} of them; see {@link #file}. */
  public static byte[] stream(InputStream in, String what, long max, String limit, String option)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      Limits.checkBytes(what, total, max, limit, option);
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
