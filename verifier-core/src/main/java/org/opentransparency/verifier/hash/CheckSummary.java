package org.opentransparency.verifier.hash;

/** Counts of the outcomes of a checksum-file check. */
public record CheckSummary(int ok, int failed, int unreadable, int ignored, int malformed) {
  /**
   * True only when at least one file was verified and nothing failed, could not be read or was
   * malformed. A file with no line to check, or whose every file was missing and ignored, proves
   * nothing and does not pass.
   */
  public boolean passed() {
    return ok > 0 && failed == 0 && unreadable == 0 && malformed == 0;
  }

  CheckSummary plus(CheckResult.Status s) {
    return new CheckSummary(
        ok + (s == CheckResult.Status.OK ? 1 : 0),
        failed + (s == CheckResult.Status.FAILED ? 1 : 0),
        unreadable + (s == CheckResult.Status.UNREADABLE ? 1 : 0),
        ignored + (s == CheckResult.Status.IGNORED ? 1 : 0),
        malformed + (s == CheckResult.Status.MALFORMED ? 1 : 0));
  }

  static final CheckSummary EMPTY = new CheckSummary(0, 0, 0, 0, 0);
}
