package org.opentransparency.verifier.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One line of an audit's checklist: which check, whether it passed, a one-line summary (the reason
 * when it failed), and further lines (every reason, the metadata differences of an equivalent
 * rebuild).
 *
 * @param subject what was checked against: the checksum or buildinfo file, the rebuild, or the
 *     signature file (null when none was found)
 */
public record AuditCheck(
    Kind kind, boolean passed, String subject, String summary, List<String> details) {
  /** The checks an audit can run, in the order they are run and shown. */
  public enum Kind {
    /** The signature against the key manifest (SPEC 3.7). */
    SIGNATURE("signature"),
    /** A checksum file's line for the artifact. */
    CHECKSUMS("checksums"),
    /** The artifact against a Maven .buildinfo. */
    BUILDINFO("buildinfo"),
    /** The artifact against an independent rebuild (SPEC 3.2, content mode). */
    REPRODUCIBLE("reproducible");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The stable id in text and JSON. */
    public String id() {
      return id;
    }
  }

  public AuditCheck {
    requireNonNull(kind, "kind");
    requireNonNull(summary, "summary");
    details = List.copyOf(details);
  }
}
