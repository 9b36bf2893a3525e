package org.opentransparency.verifier.signature;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.opentransparency.verifier.ReasonCode;

/**
 * Whether a key of an OpenPGP certificate (transferable public key) may make data signatures at a
 * time T, judged from self-signatures that VERIFY only: BouncyCastle's {@code hasRevocation()},
 * {@code getValidSeconds()} and key flags read signatures it never checked, so they are not used.
 *
 * <p>Rules (docs/signatures-openpgp.md): a verified key revocation (0x20) of the primary, or subkey
 * revocation (0x28) of the subkey, revokes it whatever its date; the primary's properties (expiry,
 * key flags) come from its newest verified self-signature (direct-key 0x1F or user-id certification
 * 0x10-0x13) made at or before T; a subkey's from its newest verified binding (0x18), which for a
 * signing subkey must embed a verified primary-key binding (0x19) made by the subkey.
 */
final class OpenPgpCert {
  private OpenPgpCert() {}

  /** SHA-1 self-signatures are accepted when made before this (RFC 9580 section 9.5's cut-off). */
  static final Instant SHA1_SELF_SIGNATURES_UNTIL = Instant.parse("2013-02-01T00:00:00Z");

  /** Subpackets whose meaning we know; an unknown one marked critical voids its signature. */
  private static final Set<Integer> KNOWN_SUBPACKETS =
      Set.of(
          SignatureSubpacketTags.CREATION_TIME,
          SignatureSubpacketTags.EXPIRE_TIME,
          SignatureSubpacketTags.EXPORTABLE,
          SignatureSubpacketTags.TRUST_SIG,
          SignatureSubpacketTags.REG_EXP,
          SignatureSubpacketTags.REVOCABLE,
          SignatureSubpacketTags.KEY_EXPIRE_TIME,
          SignatureSubpacketTags.PREFERRED_SYM_ALGS,
          SignatureSubpacketTags.REVOCATION_KEY,
          SignatureSubpacketTags.ISSUER_KEY_ID,
          SignatureSubpacketTags.PREFERRED_HASH_ALGS,
          SignatureSubpacketTags.PREFERRED_COMP_ALGS,
          SignatureSubpacketTags.KEY_SERVER_PREFS,
          SignatureSubpacketTags.PREFERRED_KEY_SERV,
          SignatureSubpacketTags.PRIMARY_USER_ID,
          SignatureSubpacketTags.POLICY_URL,
          SignatureSubpacketTags.KEY_FLAGS,
          SignatureSubpacketTags.SIGNER_USER_ID,
          SignatureSubpacketTags.REVOCATION_REASON,
          SignatureSubpacketTags.FEATURES,
          SignatureSubpacketTags.EMBEDDED_SIGNATURE,
          SignatureSubpacketTags.ISSUER_FINGERPRINT,
          SignatureSubpacketTags.INTENDED_RECIPIENT_FINGERPRINT,
          SignatureSubpacketTags.PREFERRED_AEAD_ALGORITHMS);

  /** Why a key may not sign at T, or null when it may. */
  record Verdict(ReasonCode code, String message) {}

  static final BcPGPContentVerifierBuilderProvider VERIFIERS =
      new BcPGPContentVerifierBuilderProvider();

  /** Whether {@code signer} (the primary or a subkey of {@code ring}) may sign data at T. */
  static Verdict judge(PGPPublicKeyRing ring, PGPPublicKey signer, Instant at) {
    PGPPublicKey primary = ring.getPublicKey();
    String pid = OpenPgpKeys.fingerprint(primary);
    PGPSignature revocation = verifiedOfType(primary, primary, null, PGPSignature.KEY_REVOCATION);
    if (revocation != null) {
      return new Verdict(ReasonCode.KEY_REVOKED, "openpgp key " + pid + " " + revoked(revocation));
    }
    if (primary.getCreationTime().toInstant().isAfter(at)) {
      return new Verdict(
          ReasonCode.KEY_NOT_YET_VALID,
          "openpgp key "
              + pid
              + " was created "
              + primary.getCreationTime().toInstant()
              + ", after "
              + at);
    }
    PGPSignature self = newestPrimarySelfSignature(primary, at);
    if (self == null) {
      return new Verdict(
          ReasonCode.KEY_NOT_AUTHORIZED,
          "openpgp key " + pid + " has no verified self-signature valid at " + at);
    }
    Verdict expiry = expiry(primary, self, at, "openpgp key " + pid);
    if (expiry != null) {
      return expiry;
    }
    if (Arrays.equals(signer.getFingerprint(), primary.getFingerprint())) {
      PGPSignatureSubpacketVector h = self.getHashedSubPackets();
      boolean may =
          h != null && h.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)
              ? (h.getKeyFlags() & KeyFlags.SIGN_DATA) != 0
              : canSign(primary.getAlgorithm());
      return may
          ? null
          : new Verdict(
              ReasonCode.KEY_NOT_AUTHORIZED,
              "openpgp key " + pid + " lacks the signing flag in its self-signature");
    }
    String sid = "subkey " + OpenPgpKeys.fingerprint(signer) + " of openpgp key " + pid;
    PGPSignature subRevocation =
        verifiedOfType(primary, primary, signer, PGPSignature.SUBKEY_REVOCATION);
    if (subRevocation != null) {
      return new Verdict(ReasonCode.KEY_REVOKED, sid + " " + revoked(subRevocation));
    }
    PGPSignature binding = newestBinding(primary, signer, at);
    if (binding == null) {
      return new Verdict(
          ReasonCode.UNKNOWN_KEY, sid + " is not bound to it by a verified binding signature");
    }
    if (signer.getCreationTime().toInstant().isAfter(at)) {
      return new Verdict(
          ReasonCode.KEY_NOT_YET_VALID,
          sid + " was created " + signer.getCreationTime().toInstant() + ", after " + at);
    }
    expiry = expiry(signer, binding, at, sid);
    if (expiry != null) {
      return expiry;
    }
    PGPSignatureSubpacketVector h = binding.getHashedSubPackets();
    if (h == null || (h.getKeyFlags() & KeyFlags.SIGN_DATA) == 0) {
      return new Verdict(
          ReasonCode.KEY_NOT_AUTHORIZED, sid + " lacks the signing flag in its binding signature");
    }
    if (!hasBackSignature(binding, primary, signer)) {
      return new Verdict(
          ReasonCode.UNKNOWN_KEY,
          sid
              + " has no verified primary-key binding signature (0x19) in its binding: the subkey"
              + " never claimed the primary key");
    }
    return null;
  }

  private static String revoked(PGPSignature revocation) {
    String why = "";
    PGPSignatureSubpacketVector h = revocation.getHashedSubPackets();
    RevocationReason r = h == null ? null : h.getRevocationReason();
    if (r != null && !r.getRevocationDescription().isEmpty()) {
      why = " (" + r.getRevocationDescription() + ")";
    }
    return "is revoked by a revocation signature "
        + (hasCreationTime(revocation)
            ? "made " + revocation.getCreationTime().toInstant()
            : "without a creation time")
        + why;
  }

  private static Verdict expiry(PGPPublicKey key, PGPSignature self, Instant at, String who) {
    PGPSignatureSubpacketVector h = self.getHashedSubPackets();
    long seconds = h == null ? 0 : h.getKeyExpirationTime();
    if (seconds <= 0) {
      return null;
    }
    Instant end = key.getCreationTime().toInstant().plusSeconds(seconds);
    if (!at.isBefore(end)) {
      return new Verdict(
          ReasonCode.KEY_EXPIRED, who + " expired " + end + " (by its self-signature)");
    }
    return null;
  }

  /** Public key algorithms that can make signatures (for a primary without key flags). */
  private static boolean canSign(int alg) {
    switch (alg) {
      case PublicKeyAlgorithmTags.RSA_GENERAL:
      case PublicKeyAlgorithmTags.RSA_SIGN:
      case PublicKeyAlgorithmTags.DSA:
      case PublicKeyAlgorithmTags.ECDSA:
      case PublicKeyAlgorithmTags.EDDSA_LEGACY:
      case PublicKeyAlgorithmTags.Ed25519:
      case PublicKeyAlgorithmTags.Ed448:
        return true;
      default:
        return false;
    }
  }

  /** The newest verified direct-key or user-id self-signature of the primary made by T. */
  private static PGPSignature newestPrimarySelfSignature(PGPPublicKey primary, Instant at) {
    PGPSignature newest = null;
    for (Iterator<PGPSignature> it = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY);
        it.hasNext(); ) {
      PGPSignature s = it.next();
      if (usable(s, primary, at) && verifies(s, primary, primary, null, null)) {
        newest = newer(newest, s);
      }
    }
    for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext(); ) {
      byte[] id = ids.next();
      for (Iterator<PGPSignature> it = primary.getSignaturesForID(id); it.hasNext(); ) {
        PGPSignature s = it.next();
        int t = s.getSignatureType();
        if (t >= PGPSignature.DEFAULT_CERTIFICATION
            && t <= PGPSignature.POSITIVE_CERTIFICATION
            && usable(s, primary, at)
            && verifies(s, primary, primary, null, id)) {
          newest = newer(newest, s);
        }
      }
    }
    return newest;
  }

  private static PGPSignature newestBinding(PGPPublicKey primary, PGPPublicKey sub, Instant at) {
    PGPSignature newest = null;
    for (Iterator<PGPSignature> it = sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        it.hasNext(); ) {
      PGPSignature s = it.next();
      if (usable(s, primary, at) && verifies(s, primary, primary, sub, null)) {
        newest = newer(newest, s);
      }
    }
    return newest;
  }

  private static boolean hasBackSignature(
      PGPSignature binding, PGPPublicKey primary, PGPPublicKey sub) {
    for (PGPSignatureSubpacketVector v :
        new PGPSignatureSubpacketVector[] {
          binding.getHashedSubPackets(), binding.getUnhashedSubPackets()
        }) {
      if (v == null) {
        continue;
      }
      try {
        PGPSignatureList embedded = v.getEmbeddedSignatures();
        for (PGPSignature e : embedded) {
          if (e.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
              && hasCreationTime(e)
              && acceptableHash(e)
              && e.getVersion() == sub.getVersion()
              && !hasUnknownCritical(e)
              && verifies(e, sub, primary, sub, null)) {
            return true;
          }
        }
      } catch (Exception e) {
        // An embedded signature that does not parse binds nothing.
      }
    }
    return false;
  }

  /**
   * A verified revocation of {@code revoked} (the primary, or a subkey when {@code sub} is given)
   * made by the primary key, or null. Its date does not matter (SPEC 3.9: a revoked key never
   * counts; OpenPGP signature times are the signer's claim), nor does its hash: a weak hash lets a
   * forger make a signature count, but honouring a revocation can only refuse more, so a SHA-1 or
   * MD5 revocation (older gpg versions made SHA-1 ones) that verifies still revokes.
   */
  private static PGPSignature verifiedOfType(
      PGPPublicKey primary, PGPPublicKey signer, PGPPublicKey sub, int type) {
    PGPPublicKey holder = sub == null ? primary : sub;
    for (Iterator<PGPSignature> it = holder.getSignaturesOfType(type); it.hasNext(); ) {
      PGPSignature s = it.next();
      if (s.getVersion() == primary.getVersion()
          && !hasUnknownCritical(s)
          && verifies(s, signer, primary, sub, null)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Whether a self-signature may count at T: dated in its hashed area, made by T, not expired,
   * strong enough, same version.
   */
  private static boolean usable(PGPSignature s, PGPPublicKey primary, Instant at) {
    if (s.getVersion() != primary.getVersion()
        || !hasCreationTime(s)
        || !acceptableHash(s)
        || hasUnknownCritical(s)) {
      return false;
    }
    Date created = s.getCreationTime();
    if (created.toInstant().isAfter(at)) {
      return false;
    }
    PGPSignatureSubpacketVector h = s.getHashedSubPackets();
    long exp = h == null ? 0 : h.getSignatureExpirationTime();
    return exp <= 0 || at.isBefore(created.toInstant().plusSeconds(exp));
  }

  /**
   * Whether a signature's hashed area holds its creation time, as RFC 9580 5.2.3.11 requires.
   * BouncyCastle never returns null from {@code getCreationTime()}: without the subpacket it gives
   * 1970-01-01, which would pass every "made by T" test and the SHA-1 cut-off.
   */
  static boolean hasCreationTime(PGPSignature s) {
    PGPSignatureSubpacketVector h = s.getHashedSubPackets();
    return h != null && h.hasSubpacket(SignatureSubpacketTags.CREATION_TIME);
  }

  private static boolean acceptableHash(PGPSignature s) {
    switch (s.getHashAlgorithm()) {
      case HashAlgorithmTags.SHA1:
        return s.getCreationTime().toInstant().isBefore(SHA1_SELF_SIGNATURES_UNTIL);
      case HashAlgorithmTags.SHA224:
      case HashAlgorithmTags.SHA256:
      case HashAlgorithmTags.SHA384:
      case HashAlgorithmTags.SHA512:
      case HashAlgorithmTags.SHA3_256:
      case HashAlgorithmTags.SHA3_512:
        return true;
      default:
        return false;
    }
  }

  /** Whether a signature's hashed area marks a subpacket we do not know as critical. */
  static boolean hasUnknownCritical(PGPSignature s) {
    PGPSignatureSubpacketVector h = s.getHashedSubPackets();
    if (h == null) {
      return false;
    }
    for (int tag : h.getCriticalTags()) {
      if (!KNOWN_SUBPACKETS.contains(tag)) {
        return true;
      }
    }
    return false;
  }

  private static PGPSignature newer(PGPSignature a, PGPSignature b) {
    return a == null || b.getCreationTime().after(a.getCreationTime()) ? b : a;
  }

  /**
   * Verifies a key signature made by {@code by}: over the primary alone (direct-key, key
   * revocation), the primary and a user id, or the primary and a subkey. Any exception is "does not
   * verify". The signature object is initialised afresh, so a shared one is not left half-used.
   */
  private static boolean verifies(
      PGPSignature s, PGPPublicKey by, PGPPublicKey primary, PGPPublicKey sub, byte[] userId) {
    try {
      if (s.getKeyAlgorithm() != by.getAlgorithm()) {
        return false;
      }
      // Third-party certifications name their issuer: skip them without the cryptography (a
      // KEYS file key may carry hundreds). The issuer is only a hint; the check below decides.
      List<KeyIdentifier> issuers = s.getKeyIdentifiers();
      if (!issuers.isEmpty() && !OpenPgpSignatures.names(issuers, by)) {
        return false;
      }
      PGPSignature fresh = OpenPgpSignatures.copy(s);
      fresh.init(VERIFIERS, by);
      if (userId != null) {
        return fresh.verifyCertification(userId, primary);
      }
      if (sub != null) {
        return fresh.verifyCertification(primary, sub);
      }
      return fresh.verifyCertification(primary);
    } catch (Exception e) {
      return false;
    }
  }
}
