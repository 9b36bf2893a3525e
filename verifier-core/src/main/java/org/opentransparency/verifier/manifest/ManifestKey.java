package org.opentransparency.verifier.manifest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.signature.VerificationKey;

/**
 * A key of a manifest: the public key with its scheme, the roles it holds, and when it may be used.
 *
 * @param notBefore first instant the key is usable, or null for no lower bound
 * @param notAfter first instant the key is no longer usable, or null for no upper bound
 * @param revoked the revocation, or null when the key is not revoked
 */
public record ManifestKey(
    VerificationKey key,
    Set<String> roles,
    Instant notBefore,
    Instant notAfter,
    Revocation revoked) {
  /** Why and when a key was revoked. A revoked key never counts, whatever {@code at} says. */
  public record Revocation(Instant at, String reason) {
    public Revocation {
      requireNonNull(at, "at");
      requireNonNull(reason, "reason");
    }
  }

  public ManifestKey {
    requireNonNull(key, "key");
    roles = Set.copyOf(new TreeSet<>(roles));
  }

  public String keyId() {
    return key.keyId();
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /**
   * Why the key may not be used at {@code at} (SPEC 3.9: usable when {@code notBefore <= at <
   * notAfter} and not revoked), or empty when it may.
   */
  public Optional<ReasonCode> unusableAt(Instant at) {
    if (revoked != null) {
      return Optional.of(ReasonCode.KEY_REVOKED);
    }
    if (notBefore != null && at.isBefore(notBefore)) {
      return Optional.of(ReasonCode.KEY_NOT_YET_VALID);
    }
    if (notAfter != null && !at.isBefore(notAfter)) {
      return Optional.of(ReasonCode.KEY_EXPIRED);
    }
    return Optional.empty();
  }
}
