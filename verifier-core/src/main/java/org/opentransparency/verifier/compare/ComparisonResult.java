package org.opentransparency.verifier.compare;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opentransparency.verifier.archive.Finding;

/**
 * The answer of a comparison: the verdict, both inputs, counts per status, every entry that is not
 * the same (as a tree of nested archives), archive-level differences, and findings.
 *
 * @param archiveFields differences of the top archives themselves (entry order, zip comment, gzip
 *     header)
 * @param rulesApplied the normalization rules the verdict needed
 */
public record ComparisonResult(
    CompareVerdict verdict,
    Input left,
    Input right,
    Summary summary,
    List<FieldDiff> archiveFields,
    List<EntryDiff> entries,
    List<Finding> findings,
    List<String> rulesApplied) {
  /** An input: the path as given, its size (0 for a directory) and SHA-256 (null for one). */
  public record Input(String path, String format, long size, String sha256) {}

  /** Entries per status, over every nesting level. */
  public record Summary(int same, int metadata, int modified, int added, int removed) {}

  public ComparisonResult {
    requireNonNull(verdict, "verdict");
    archiveFields = List.copyOf(archiveFields);
    entries = List.copyOf(entries);
    findings = List.copyOf(findings);
    rulesApplied = List.copyOf(rulesApplied);
    // Fail closed in the type: nothing may differ in an identical result, and an equivalent one
    // has no content difference.
    if (verdict != CompareVerdict.DIFFERENT
        && (summary.modified() + summary.added() + summary.removed() > 0 || !findings.isEmpty())) {
      throw new IllegalArgumentException(verdict.id() + " with content differences or findings");
    }
  }
}
