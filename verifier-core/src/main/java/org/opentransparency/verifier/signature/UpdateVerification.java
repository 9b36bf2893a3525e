package org.opentransparency.verifier.signature;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.Verdict;

/**
 * The answer of an update verification (SPEC 3.7): valid with no reasons, or invalid with every
 * failure found, most specific first.
 *
 * @param file the file's name as given
 * @param sha256 lowercase hex SHA-256 of the file, or null when it was not read
 * @param format the signature format checked ({@code dsse}, {@code raw}, ...), or null
 * @param signers the distinct keys whose signatures counted
 * @param threshold the role's threshold, or 0 when the manifest did not get that far
 * @param version the statement's version, or null
 * @param expiresAt the statement's expiry, or null
 * @param manifestPublisher the manifest's publisher, or null when it did not parse
 * @param manifestVersion the manifest's version, or null when it did not parse
 * @param details what the signature format adds, to be shown: {@code trusted comment} (minisign),
 *     {@code timestamp} (an RFC 3161 time that validity was judged at), in order
 */
public record UpdateVerification(
    Verdict verdict,
    String file,
    String sha256,
    String role,
    String format,
    List<String> signers,
    int threshold,
    Long version,
    Instant expiresAt,
    String manifestPublisher,
    Long manifestVersion,
    Map<String, String> details,
    List<Reason> reasons) {
  public UpdateVerification {
    requireNonNull(verdict, "verdict");
    requireNonNull(file, "file");
    requireNonNull(role, "role");
    signers = List.copyOf(signers);
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    reasons = List.copyOf(reasons);
    // Fail closed in the type: "valid" carries no failure and names its signers.
    if (verdict == Verdict.VALID && (!reasons.isEmpty() || signers.isEmpty() || sha256 == null)) {
      throw new IllegalArgumentException("a valid update has signers and no reasons");
    }
    if (verdict == Verdict.INVALID && reasons.isEmpty()) {
      throw new IllegalArgumentException("an invalid update needs a reason");
    }
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }
}
