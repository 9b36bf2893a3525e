package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A report's print stream that does not keep a write error to itself, as {@link PrintStream} does:
 * a checksum file cut short by a full disk must not end with exit 0 and a later {@code --check}
 * passing against the shorter list. {@link #close} throws the error, which the command reports as
 * one it could not complete (exit 2).
 */
final class ReportStream extends PrintStream {
  ReportStream(OutputStream sink, boolean autoFlush) {
    super(sink, autoFlush, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    super.close();
    if (checkError()) {
      throw new UncheckedIOException(
          new IOException(
              "the report could not be written in full (a full disk, or a closed pipe)"));
    }
  }
}
