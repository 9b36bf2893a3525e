package org.opentransparency.verifier.tuf;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.Verdict;

/**
 * The outcome of a TUF operation: {@code VALID} with no reasons, or {@code INVALID} with at least
 * one; the versions of the roles trusted at the end (also after a failure: what was accepted before
 * it stays trusted and stored), and the targets handled.
 */
public record TufResult(
    Verdict verdict, List<Reason> reasons, Map<String, Long> trusted, List<Target> targets) {
  public TufResult {
    requireNonNull(verdict, "verdict");
    reasons = List.copyOf(reasons);
    trusted = Map.copyOf(trusted);
    targets = List.copyOf(targets);
    if ((verdict == Verdict.VALID) != reasons.isEmpty()) {
      throw new IllegalArgumentException("VALID needs no reasons, INVALID at least one");
    }
  }

  /** A target that was found, checked and is in place. */
  public record Target(TargetFile info, Path file, boolean cached) {
    public Target {
      requireNonNull(info, "info");
      requireNonNull(file, "file");
    }
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }
}
