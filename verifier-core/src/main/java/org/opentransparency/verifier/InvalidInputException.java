package org.opentransparency.verifier;

import java.io.IOException;

/**
 * Input that cannot be read as what it claims to be: a key that does not parse, a document that is
 * not the format expected. Where the input is evidence being checked (a signature, a manifest),
 * callers turn this into a "no" with a reason code; elsewhere it means the check could not be made.
 */
public class InvalidInputException extends IOException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
