package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one line of a checksum file.
 *
 * @param line the 1-based line number
 * @param name the file name as the line gives it (unescaped); for a malformed line, empty
 * @param algorithm the algorithm checked, or null for a malformed line
 * @param detail why it failed (an I/O error, a formatting problem), or empty
 */
public record CheckResult(
    int line, String name, DigestAlgorithm algorithm, Status status, String detail) {
  /** What became of a line. */
  public enum Status {
    /** The file's digest matches. */
    OK("ok"),
    /** The file's digest differs. */
    FAILED("failed"),
    /** The file could not be opened or read. */
    UNREADABLE("unreadable"),
    /** The file is missing and missing files were to be ignored. */
    IGNORED("ignored"),
    /** The line is not a checksum line we accept. */
    MALFORMED("malformed");

    private final String id;

    Status(String id) {
      this.id = id;
    }

    /** The stable JSON id. */
    public String id() {
      return id;
    }
  }

  public CheckResult {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
    if ((algorithm == null) != (status == Status.MALFORMED)) {
      throw new IllegalArgumentException("only a malformed line has no algorithm");
    }
  }
}
