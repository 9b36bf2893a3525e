package org.opentransparency.verifier.signature;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.SignatureCount;

/**
 * What the signatures of one detached signature file showed: the distinct manifest keys that count,
 * every failure (most specific first), and details to show (a minisign trusted comment, an RFC 3161
 * time). The role and usability rules live here, once, for every format: a signature that verifies
 * counts only when its manifest key holds the role and is usable at the time.
 */
final class CheckOutcome {
  /** Failures that say only "no signature verified"; every other code is more specific. */
  private static final Set<ReasonCode> GENERAL =
      EnumSet.of(ReasonCode.BAD_SIGNATURE, ReasonCode.UNKNOWN_KEY, ReasonCode.MALFORMED_SIGNATURE);

  private final String role;
  private final Instant at;
  private final Set<String> signers = new LinkedHashSet<>();
  private final List<Reason> specific = new ArrayList<>();
  private final List<Reason> general = new ArrayList<>();
  private final Map<String, String> details = new LinkedHashMap<>();

  CheckOutcome(String role, Instant at) {
    this.role = requireNonNull(role, "role");
    this.at = requireNonNull(at, "at");
  }

  /** The role asked for. */
  String role() {
    return role;
  }

  /** The time every validity decision is made at, unless a format proves another (RFC 3161). */
  Instant at() {
    return at;
  }

  /**
   * A signature verified with {@code key}, a key of the manifest, and nothing in the signature
   * file's own rules (key flags, self-signatures, chains) refused it. It counts when the key holds
   * the role and is usable at {@code usableAt} (normally {@link #at()}).
   */
  void verifiedBy(ManifestKey key, Instant usableAt) {
    if (!key.hasRole(role)) {
      specific.add(
          new Reason(
              ReasonCode.KEY_NOT_AUTHORIZED,
              "key " + key.keyId() + " signed but does not hold role " + role));
      return;
    }
    Optional<ReasonCode> unusable = key.unusableAt(usableAt);
    if (unusable.isPresent()) {
      specific.add(
          new Reason(
              unusable.get(), SignatureCount.unusableMessage(key, unusable.get(), usableAt)));
      return;
    }
    signers.add(key.keyId());
  }

  /** {@link #verifiedBy(ManifestKey, Instant)} at {@link #at()}. */
  void verifiedBy(ManifestKey key) {
    verifiedBy(key, at);
  }

  /** A signature that does not count, and why. */
  void problem(ReasonCode code, String message) {
    (GENERAL.contains(code) ? general : specific).add(new Reason(code, message));
  }

  /** A detail to show with the result ({@code trusted comment}, {@code timestamp}). */
  void detail(String name, String value) {
    details.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
  }

  Set<String> signers() {
    return signers;
  }

  /** Every failure, the specific ones (revoked, expired, weak digest) first. */
  List<Reason> problems() {
    List<Reason> all = new ArrayList<>(specific);
    all.addAll(general);
    return all;
  }

  Map<String, String> details() {
    return details;
  }
}
