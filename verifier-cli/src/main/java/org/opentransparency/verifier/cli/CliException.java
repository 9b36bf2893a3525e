package org.opentransparency.verifier.cli;

/** A could-not-check failure whose message is already {@code <what>: <why>}; exit code 2. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message, null, false, false);
  }
}
