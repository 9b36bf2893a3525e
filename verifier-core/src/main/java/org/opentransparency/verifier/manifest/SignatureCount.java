package org.opentransparency.verifier.manifest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.dsse.Envelope;

/**
 * The distinct keys of a role whose signatures over a message verify and who may sign at a given
 * time, and what was wrong with the other signatures. Thresholds count keys, never signatures: a
 * key that signed twice (under two key id hints, say) counts once.
 *
 * @param signers the key ids counted, in the order their signatures came
 * @param problems the other signatures' failures, most specific first
 */
public record SignatureCount(Set<String> signers, List<Reason> problems) {
  /**
   * Signature checks one count may make. Hint-less signatures are tried against every key of the
   * role; this keeps a hostile envelope (many signatures, many keys) from costing minutes.
   */
  static final int MAX_ATTEMPTS = 4096;

  public SignatureCount {
    signers = Collections.unmodifiableSet(new LinkedHashSet<>(signers));
    problems = List.copyOf(problems);
  }

  /**
   * Counts the signatures over {@code message} by keys that hold {@code role} in {@code manifest}
   * and are usable at {@code at}. A signature's key id only picks the key tried first; every key of
   * the role is tried. Signatures by keys outside the role are never counted.
   */
  public static SignatureCount of(
      KeyManifest manifest,
      byte[] message,
      List<Envelope.Signature> signatures,
      String role,
      Instant at) {
    return of(manifest, message, signatures, role, at, null);
  }

  /**
   * As {@link #of(KeyManifest, byte[], List, String, Instant)}, with each problem naming what was
   * signed ({@code "the key manifest"}), so that a reader never takes a manifest signature's fault
   * for the update's.
   *
   * @param signed what the signatures are on, or null to leave it unsaid
   */
  public static SignatureCount of(
      KeyManifest manifest,
      byte[] message,
      List<Envelope.Signature> signatures,
      String role,
      Instant at,
      String signed) {
    String on = signed == null ? "" : " on " + signed;
    Set<String> signers = new LinkedHashSet<>();
    List<Reason> specific = new ArrayList<>();
    List<Reason> general = new ArrayList<>();
    List<ManifestKey> holders = manifest.keys().stream().filter(k -> k.hasRole(role)).toList();
    int attempts = 0;
    for (Envelope.Signature s : signatures) {
      byte[] sig = s.sig();
      Optional<ManifestKey> hinted = manifest.key(s.keyId());
      ManifestKey verifiedBy = null;
      if (hinted.isPresent()
          && attempts++ < MAX_ATTEMPTS
          && hinted.get().key().verify(message, sig)) {
        verifiedBy = hinted.get();
      } else {
        for (ManifestKey k : holders) {
          if (k != hinted.orElse(null)
              && attempts++ < MAX_ATTEMPTS
              && k.key().verify(message, sig)) {
            verifiedBy = k;
            break;
          }
        }
      }
      if (verifiedBy == null) {
        general.add(
            hinted.isPresent() || s.keyId().isEmpty()
                ? new Reason(
                    ReasonCode.BAD_SIGNATURE,
                    "a signature"
                        + on
                        + (s.keyId().isEmpty() ? "" : " claiming key " + s.keyId())
                        + " does not verify with any key of role "
                        + role)
                : new Reason(
                    ReasonCode.UNKNOWN_KEY,
                    "a signature"
                        + on
                        + " claims key "
                        + s.keyId()
                        + ", which the manifest does not list"));
        continue;
      }
      if (!verifiedBy.hasRole(role)) {
        specific.add(
            new Reason(
                ReasonCode.KEY_NOT_AUTHORIZED,
                "key "
                    + verifiedBy.keyId()
                    + signedPhrase(signed)
                    + (Role.ROOT.equals(role)
                        ? " but is not a root key"
                        : " but does not hold role " + role)));
        continue;
      }
      Optional<ReasonCode> unusable = verifiedBy.unusableAt(at);
      if (unusable.isPresent()) {
        specific.add(
            new Reason(unusable.get(), unusableMessage(verifiedBy, unusable.get(), signed)));
        continue;
      }
      signers.add(verifiedBy.keyId());
    }
    List<Reason> problems = new ArrayList<>(specific);
    problems.addAll(general);
    return new SignatureCount(signers, problems);
  }

  /** Why a key that signed does not count: revoked, not yet valid or expired at {@code at}. */
  public static String unusableMessage(ManifestKey k, ReasonCode code, Instant at) {
    return unusableMessage(k, code, (String) null);
  }

  private static String unusableMessage(ManifestKey k, ReasonCode code, String signed) {
    String key = "key " + k.keyId() + signedPhrase(signed);
    switch (code) {
      case KEY_REVOKED:
        return String.format(
            Locale.ROOT,
            "%s but was revoked at %s (%s)",
            key,
            k.revoked().at(),
            k.revoked().reason());
      case KEY_NOT_YET_VALID:
        return key + " but is not valid before " + k.notBefore();
      default:
        return key + " but expired at " + k.notAfter();
    }
  }

  private static String signedPhrase(String signed) {
    return signed == null ? " signed" : " signed " + signed;
  }

  /** The signers counted. */
  public int count() {
    return signers.size();
  }
}
