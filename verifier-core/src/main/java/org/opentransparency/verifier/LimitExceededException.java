package org.opentransparency.verifier;

import java.io.IOException;

/**
 * Input hit one of the {@link Limits}; the message names the limit and the option that raises it.
 * Always a "could not check" (exit 2), never a verdict.
 */
public final class LimitExceededException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String limit;

  public LimitExceededException(String limit, String message) {
    super(message);
    this.limit = limit;
  }

  /** The name of the limit, e.g. {@code "maxJsonBytes"}. */
  public String limit() {
    return limit;
  }
}
