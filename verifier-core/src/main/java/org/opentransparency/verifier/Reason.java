package org.opentransparency.verifier;

import static java.util.Objects.requireNonNull;

/** One failure found by a verification: its code and a sentence for people. */
public record Reason(ReasonCode code, String message) {
  public Reason {
    requireNonNull(code, "code");
    requireNonNull(message, "message");
  }

  /** {@code CODE: message}, as the text reports print it. */
  @Override
  public String toString() {
    return code.id() + ": " + message;
  }
}
