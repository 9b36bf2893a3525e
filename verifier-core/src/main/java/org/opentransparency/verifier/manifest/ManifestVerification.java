package org.opentransparency.verifier.manifest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.Verdict;

/**
 * The answer of a manifest check: valid with no reasons, or invalid with at least one, most
 * specific first.
 *
 * @param manifest the manifest checked, or null when it could not be parsed
 * @param signers the distinct root keys whose signatures counted
 */
public record ManifestVerification(
    Verdict verdict, KeyManifest manifest, List<String> signers, List<Reason> reasons) {
  public ManifestVerification {
    requireNonNull(verdict, "verdict");
    signers = List.copyOf(signers);
    reasons = List.copyOf(reasons);
    // Fail closed in the type: "valid" can carry no failure, "invalid" must say why.
    if (verdict == Verdict.VALID && (!reasons.isEmpty() || manifest == null)) {
      throw new IllegalArgumentException("a valid manifest has no reasons against it");
    }
    if (verdict == Verdict.INVALID && reasons.isEmpty()) {
      throw new IllegalArgumentException("an invalid manifest needs a reason");
    }
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }

  static ManifestVerification invalid(KeyManifest m, List<String> signers, List<Reason> reasons) {
    return new ManifestVerification(Verdict.INVALID, m, signers, reasons);
  }
}
