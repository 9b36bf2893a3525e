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
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.manifest.ManifestKey;

/**
 * Certification paths from a signer's certificate to an {@code x509-ca} key of the manifest: the
 * path is built by name and signature through the signature's own certificate set, then validated
 * by the JDK's PKIX validator with the manifest CA as trust anchor, at the time given, with
 * revocation checking off (the verifier is offline). The CA certificate's own validity is checked
 * too, since PKIX does not check a trust anchor's dates.
 */
final class CmsChains {
  private CmsChains() {}

  /** No path is longer than this many certificates below the CA. */
  static final int MAX_DEPTH = 8;

  /**
   * At most this many issuer candidates are examined per path search: certificates cross-signed
   * under one name could otherwise make the search exponential.
   */
  static final int MAX_STEPS = 256;

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
      X509Certificate leaf, List<X509Certificate> pool, List<ManifestKey> cas, Instant at) {
    List<Result> failures = new ArrayList<>();
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    int[] budget = {MAX_STEPS};
    Result ok = search(path, pool, cas, at, failures, budget);
    if (ok != null) {
      return ok;
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
      int[] budget) {
    X509Certificate cur = path.get(path.size() - 1);
    for (ManifestKey k : cas) {
      X509Certificate caCert = ca(k).cert;
      if (caCert.getSubjectX500Principal().equals(cur.getIssuerX500Principal())
          && signedBy(cur, caCert.getPublicKey())) {
        Result r = check(path, k, at);
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
      if (--budget[0] < 0) {
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

  private static boolean signedBy(X509Certificate c, PublicKey key) {
    try {
      c.verify(key);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static Result check(List<X509Certificate> path, ManifestKey k, Instant at) {
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
