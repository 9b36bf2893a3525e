package org.opentransparency.verifier.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;

/**
 * What every fuzz target asserts: only the documented exceptions escape a parser (an {@link
 * InvalidInputException} for input that does not parse, a {@link LimitExceededException} naming its
 * limit); anything else — a RuntimeException, an OutOfMemoryError, a StackOverflowError, a plain
 * IOException — is a finding that Jazzer reports with the input that caused it.
 */
public final class FuzzSupport {
  /** Smaller than the defaults so that each run is quick; the kinds of limits are the same. */
  public static final Limits LIMITS =
      Limits.defaults().toBuilder().maxTotalBytes(32L << 20).maxEntries(10_000).build();

  private FuzzSupport() {}

  /** Rethrows {@code e} unless it is one of the documented exceptions. */
  public static void expected(IOException e) {
    if (e instanceof LimitExceededException) {
      String limit = ((LimitExceededException) e).limit();
      if (limit == null || !e.getMessage().contains("(raise it with --")) {
        throw new AssertionError("a limit's message must say how to raise it: " + e.getMessage());
      }
      return;
    }
    if (e instanceof InvalidInputException) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("an error without a message", e);
      }
      return;
    }
    throw new AssertionError("undocumented exception " + e.getClass().getName(), e);
  }

  /** A scratch directory for the JVM's run, for targets whose entry point takes a path. */
  public static Path scratch(String name) {
    try {
      Path d = Files.createTempDirectory("verifier-fuzz-" + name);
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
