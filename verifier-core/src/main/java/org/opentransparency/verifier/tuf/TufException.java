package org.opentransparency.verifier.tuf;

import static java.util.Objects.requireNonNull;

import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;

/**
 * Why a step of the TUF client workflow refused what the repository served. Internal: the client
 * turns it into a {@link TufResult} with the reason; it never leaves the package.
 */
class TufException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Reason reason;

  TufException(ReasonCode code, String message) {
    super(message);
    this.reason = new Reason(requireNonNull(code, "code"), message);
  }

  TufException(ReasonCode code, String message, Throwable cause) {
    super(message, cause);
    this.reason = new Reason(requireNonNull(code, "code"), message);
  }

  Reason reason() {
    return reason;
  }
}
