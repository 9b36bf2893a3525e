package org.opentransparency.verifier.cli;

/** The exit codes of SPEC section 3. */
final class ExitCodes {
  /** Verified, identical, all checksums match. */
  static final int OK = 0;

  /** Checked, and the answer is no. */
  static final int NO = 1;

  /** Could not check: bad arguments, unreadable input, a limit hit. */
  static final int CANNOT_CHECK = 2;

  private ExitCodes() {}
}
