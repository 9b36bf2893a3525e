package org.opentransparency.verifier.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.signature.UpdateVerification;

/**
 * The answer of an audit (SPEC 3.8): every check that ran, in order, and one verdict — passed only
 * when every check passed.
 *
 * @param artifact the artifact's path as given
 * @param sha256 lowercase hex SHA-256 of the artifact
 * @param at the time every validity decision was made at
 * @param signature the signature verification, whose check is always the first
 * @param comparison the comparison with the rebuild, or null when none was asked for
 */
public record AuditResult(
    String artifact,
    String sha256,
    String role,
    Instant at,
    List<AuditCheck> checks,
    UpdateVerification signature,
    ComparisonResult comparison) {
  public AuditResult {
    requireNonNull(artifact, "artifact");
    requireNonNull(role, "role");
    requireNonNull(at, "at");
    requireNonNull(signature, "signature");
    checks = List.copyOf(checks);
    if (checks.isEmpty() || checks.get(0).kind() != AuditCheck.Kind.SIGNATURE) {
      throw new IllegalArgumentException("an audit always checks the signature first");
    }
    if (checks.get(0).passed() != signature.isValid()) {
      throw new IllegalArgumentException("the signature check must agree with the verification");
    }
  }

  /** Whether every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(AuditCheck::passed);
  }

  /** How many checks failed. */
  public long failures() {
    return checks.stream().filter(c -> !c.passed()).count();
  }
}
