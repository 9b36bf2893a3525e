package org.opentransparency.verifier.signature;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.manifest.ManifestKey;

/**
 * Certification paths from a signer's certificate to an {@code x509-ca} key of the manifest: the
 * path is built by name and signature through the signature's own certificate set, then validated
 * by the JDK's PKIX validator with the manifest CA as trust anchor, at the time given, with
 * revocation checking off (the verifier is offline). The CA certificate's own validity is checked
 * too, since PKIX does not check a trust anchor's dates. Every certificate signature on the path
 * must meet the same algorithm policy as a SignerInfo's ({@link CmsSignatures#signaturePolicy}): a
 * certificate signed with SHA-1 or MD5 is {@code WEAK_DIGEST}, whoever signed it. Every signature
 * check costs the file's {@link CmsSignatures.Budget}.
 */
final class CmsChains {
  private CmsChains() {}

  /** No path is longer than this many certificates below the CA. */
  static final int MAX_DEPTH = 8;

  /** A path found to a manifest CA, or why none was. */
  static final class Result {
    final ManifestKey ca;
    final ReasonCode code;
    final String message;

    private Result(ManifestKey ca, ReasonCode code, String message) {
      this.ca = ca;
      this.code = code;
      this.message = message;
    }

    boolean ok() {
      return ca != null;
    }
  }

  /** The manifest keys of scheme x509-ca, with their certificates. */
  static List<ManifestKey> cas(List<ManifestKey> keys) {
    return keys.stream().filter(k -> k.key().scheme() == KeyScheme.X509_CA).toList();
  }

  static CmsKeys.Ca ca(ManifestKey k) {
    return k.key().material(KeyScheme.X509_CA, CmsKeys.Ca.class);
  }

  /**
   * A validated path from {@code leaf} through certificates of {@code pool} to one of {@code cas}
   * at {@code at}; the first that validates wins. A path that reaches a CA but does not validate
   * gives its reason; reaching none is {@code UNKNOWN_KEY}.
   */
  static Result validate(
      X509Certificate leaf,
      List<X509Certificate> pool,
      List<ManifestKey> cas,
      Instant at,
      CmsSignatures.Budget budget) {
    List<Result> failures = new ArrayList<>();
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    Result ok = search(path, pool, cas, at, failures, budget);
    if (ok != null) {
      return ok;
    }
    if (budget.exhausted()) {
      CmsSignatures.Refusal r = budget.refusal();
      return new Result(null, r.code(), r.message());
    }
    if (!failures.isEmpty()) {
      return failures.get(0);
    }
    return new Result(
        null,
        ReasonCode.UNKNOWN_KEY,
        "certificate " + CmsKeys.name(leaf) + " does not chain to an x509-ca key of the manifest");
  }

  private static Result search(
      List<X509Certificate> path,
      List<X509Certificate> pool,
      List<ManifestKey> cas,
      Instant at,
      List<Result> failures,
      CmsSignatures.Budget budget) {
    X509Certificate cur = path.get(path.size() - 1);
    for (ManifestKey k : cas) {
      X509Certificate caCert = ca(k).cert;
      if (!caCert.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) {
        continue;
      }
      CmsSignatures.Refusal weak = policy(cur, caCert.getPublicKey());
      if (weak != null) {
        failures.add(new Result(null, weak.code(), weak.message()));
        continue;
      }
      if (!budget.take(1)) {
        return null;
      }
      if (signedBy(cur, caCert.getPublicKey())) {
        Result r = check(path, k, at, budget);
        if (r.ok()) {
          return r;
        }
        failures.add(r);
      }
    }
    if (path.size() > MAX_DEPTH) {
      return null;
    }
    for (X509Certificate c : pool) {
      if (path.contains(c) || !c.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) {
        continue;
      }
      CmsSignatures.Refusal weak = policy(cur, c.getPublicKey());
      if (weak != null) {
        failures.add(new Result(null, weak.code(), weak.message()));
        continue;
      }
      if (!budget.take(1)) {
        return null;
      }
      if (signedBy(cur, c.getPublicKey())) {
        path.add(c);
        Result r = search(path, pool, cas, at, failures, budget);
        if (r != null) {
          return r;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }

  /**
   * Why the signature on {@code c}, if made by {@code issuerKey}, is refused by the algorithm
   * policy of SignerInfos (SHA-256 or stronger, RSA of 2048 bits or more, PSS with strong hashes,
   * ECDSA on P-256/384/521, Ed25519), or null. A certificate's signature algorithm names its
   * digest, so the bare rsaEncryption a SignerInfo may name is refused here.
   */
  static CmsSignatures.Refusal policy(X509Certificate c, PublicKey issuerKey) {
    String what = "the signature on certificate " + CmsKeys.name(c);
    try {
      AlgorithmIdentifier alg = Certificate.getInstance(c.getEncoded()).getSignatureAlgorithm();
      if (PKCSObjectIdentifiers.rsaEncryption.equals(alg.getAlgorithm())) {
        return new CmsSignatures.Refusal(
            ReasonCode.UNSUPPORTED_FORMAT, what + " names rsaEncryption without a digest");
      }
      return CmsSignatures.signaturePolicy(alg, issuerKey, what);
    } catch (GeneralSecurityException | RuntimeException e) {
      return new CmsSignatures.Refusal(
          ReasonCode.MALFORMED_SIGNATURE, what + " has an unreadable signature algorithm");
    }
  }

  private static boolean signedBy(X509Certificate c, PublicKey key) {
    try {
      c.verify(key);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static Result check(
      List<X509Certificate> path, ManifestKey k, Instant at, CmsSignatures.Budget budget) {
    X509Certificate caCert = ca(k).cert;
    Date when = Date.from(at);
    String caName = "CA certificate " + ca(k).subject;
    try {
      caCert.checkValidity(when);
    } catch (CertificateExpiredException e) {
      return new Result(
          null, ReasonCode.KEY_EXPIRED, caName + " expired " + caCert.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      return new Result(
          null,
          ReasonCode.KEY_NOT_YET_VALID,
          caName + " is valid from " + caCert.getNotBefore().toInstant());
    }
    // PKIX verifies every certificate signature of the path again.
    if (!budget.take(path.size())) {
      CmsSignatures.Refusal r = budget.refusal();
      return new Result(null, r.code(), r.message());
    }
    try {
      CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(caCert, null)));
      params.setRevocationEnabled(false);
      params.setDate(when);
      CertPathValidator.getInstance("PKIX").validate(cp, params);
      return new Result(k, null, null);
    } catch (CertPathValidatorException e) {
      int i = e.getIndex();
      String who =
          i >= 0 && i < path.size()
              ? "certificate " + CmsKeys.name(path.get(i))
              : "the certificate path";
      CertPathValidatorException.Reason reason = e.getReason();
      if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
        return new Result(
            null,
            ReasonCode.KEY_EXPIRED,
            who
                + " expired "
                + (i >= 0 ? path.get(i).getNotAfter().toInstant() : "")
                + ", at "
                + at);
      }
      if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
        return new Result(
            null,
            ReasonCode.KEY_NOT_YET_VALID,
            who + " is valid from " + (i >= 0 ? path.get(i).getNotBefore().toInstant() : ""));
      }
      if (reason == PKIXReason.NOT_CA_CERT
          || reason == PKIXReason.INVALID_KEY_USAGE
          || reason == PKIXReason.PATH_TOO_LONG
          || reason == PKIXReason.INVALID_NAME
          || reason == PKIXReason.INVALID_POLICY) {
        return new Result(
            null,
            ReasonCode.KEY_NOT_AUTHORIZED,
            who + " may not be used in this path: " + e.getMessage());
      }
      return new Result(
          null,
          ReasonCode.BAD_SIGNATURE,
          who + " does not validate under " + caName + ": " + e.getMessage());
    } catch (GeneralSecurityException | RuntimeException e) {
      return new Result(
          null,
          ReasonCode.BAD_SIGNATURE,
          "the certificate path cannot be validated: " + e.getClass().getSimpleName());
    }
  }
}
