package org.opentransparency.verifier.archive.sevenz;

import org.opentransparency.verifier.InvalidInputException;

/**
 * A valid 7z archive this reader cannot check: encrypted entries or headers, or a coder it does not
 * implement. Its message names the archive and what is not supported; never "damaged".
 */
public final class SevenZUnsupportedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  SevenZUnsupportedException(String message) {
    super(message);
  }
}
