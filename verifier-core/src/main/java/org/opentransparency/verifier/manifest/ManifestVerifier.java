package org.opentransparency.verifier.manifest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.Verdict;

/**
 * Decides whether a key manifest is valid at a time (SPEC 3.5), and whether a new manifest is a
 * valid rotation of a trusted one. Stateless and thread-safe.
 *
 * {@snippet :
 * ManifestVerification v = ManifestVerifier.verify(Files.readAllBytes(path), at, Limits.defaults());
 * if (!v.isValid()) {
 *   v.reasons().forEach(r -> System.err.println(r));
 * }
 * }
 */
public final class ManifestVerifier {
  private ManifestVerifier() {}

  /**
   * Parses and checks a manifest envelope at {@code at}. A manifest that does not parse is invalid
   * with {@link ReasonCode#MANIFEST_INVALID}.
   *
   * @throws LimitExceededException if the document is over the JSON limit (cannot check)
   */
  public static ManifestVerification verify(byte[] envelopeJson, Instant at, Limits limits)
      throws LimitExceededException {
    KeyManifest m;
    try {
      m = KeyManifest.parse(envelopeJson, limits);
    } catch (LimitExceededException e) {
      throw e;
    } catch (IOException e) {
      return ManifestVerification.invalid(
          null, List.of(), List.of(new Reason(ReasonCode.MANIFEST_INVALID, e.getMessage())));
    }
    return verify(m, at);
  }

  /** Checks a parsed manifest: root threshold of usable distinct keys, and not expired. */
  public static ManifestVerification verify(KeyManifest m, Instant at) {
    return verify(m, at, /* mustBeUnexpired= */ true);
  }

  static ManifestVerification verify(KeyManifest m, Instant at, boolean mustBeUnexpired) {
    Failures f = new Failures();
    SignatureCount count = check(m, at, mustBeUnexpired, f);
    List<String> signers = List.copyOf(count.signers());
    return f.isEmpty()
        ? new ManifestVerification(Verdict.VALID, m, signers, List.of())
        : ManifestVerification.invalid(m, signers, f.reasons());
  }

  /** Adds to {@code f} what is wrong with {@code m} by itself; gives its own root signatures. */
  private static SignatureCount check(
      KeyManifest m, Instant at, boolean mustBeUnexpired, Failures f) {
    SignatureCount count = rootSignatures(m, m, at);
    int need = m.roles().get(Role.ROOT).threshold();
    if (count.count() < need) {
      f.notTrusted(
          String.format(
              Locale.ROOT,
              "key manifest v%d is not trusted: signed by %d of the %d distinct root keys it needs",
              m.version(),
              count.count(),
              need),
          count);
    }
    if (mustBeUnexpired && !at.isBefore(m.expiresAt())) {
      f.headline(
          new Reason(
              ReasonCode.MANIFEST_EXPIRED,
              "key manifest v" + m.version() + " expired at " + m.expiresAt()));
    }
    return count;
  }

  /**
   * Checks that {@code next} may replace {@code trusted} (SPEC 3.5, 3.9): the same manifest (same
   * version and payload bytes), or its direct successor, valid by itself and signed by a threshold
   * of {@code trusted}'s root keys. {@code isFinal} says whether {@code next} ends the chain being
   * applied: only the final manifest must be unexpired.
   */
  public static ManifestVerification verifySuccessor(
      KeyManifest trusted, KeyManifest next, Instant at, boolean isFinal) {
    if (next.version() < trusted.version()) {
      return rejected(
          next,
          ReasonCode.MANIFEST_ROLLBACK,
          String.format(
              Locale.ROOT,
              "key manifest v%d is older than the trusted v%d",
              next.version(),
              trusted.version()));
    }
    if (next.version() == trusted.version()) {
      if (next.samePayload(trusted)) {
        return verify(next, at, isFinal);
      }
      return rejected(
          next,
          ReasonCode.MANIFEST_ROLLBACK,
          "key manifest v" + next.version() + " differs from the trusted one of the same version");
    }
    if (next.version() != trusted.version() + 1) {
      return rejected(
          next,
          ReasonCode.MANIFEST_INVALID,
          String.format(
              Locale.ROOT,
              "key manifest v%d skips versions: the trusted one is v%d, and every version between"
                  + " must be applied in turn",
              next.version(),
              trusted.version()));
    }
    SignatureCount byPrevious = rootSignatures(trusted, next, at);
    int need = trusted.roles().get(Role.ROOT).threshold();
    if (byPrevious.count() >= need) {
      return verify(next, at, isFinal);
    }
    Failures f = new Failures();
    List<String> signers = List.copyOf(check(next, at, isFinal, f).signers());
    f.notTrusted(
        String.format(
            Locale.ROOT,
            "key manifest v%d is not a trusted rotation: signed by %d of the %d distinct root keys"
                + " of the trusted v%d",
            next.version(),
            byPrevious.count(),
            need,
            trusted.version()),
        byPrevious);
    return ManifestVerification.invalid(next, signers, f.reasons());
  }

  /**
   * A manifest's failures, its own codes ({@code MANIFEST_*}) first: the headline of a manifest
   * failure must read as the manifest's, never as a fault of the update's signature. The causes
   * (which key is unknown, expired, revoked or not a root key) follow, and the headline says them
   * in short.
   */
  private static final class Failures {
    /** Causes quoted in a headline; the rest are counted. */
    private static final int QUOTED_CAUSES = 2;

    private final List<Reason> headlines = new ArrayList<>();
    private final List<Reason> causes = new ArrayList<>();

    void headline(Reason r) {
      headlines.add(r);
    }

    void notTrusted(String message, SignatureCount count) {
      List<Reason> problems = count.problems();
      StringBuilder why = new StringBuilder(message);
      for (int i = 0; i < Math.min(QUOTED_CAUSES, problems.size()); i++) {
        why.append("; ").append(problems.get(i).message());
      }
      if (problems.size() > QUOTED_CAUSES) {
        why.append("; and ").append(problems.size() - QUOTED_CAUSES).append(" more");
      }
      headlines.add(new Reason(ReasonCode.MANIFEST_THRESHOLD_NOT_MET, why.toString()));
      causes.addAll(problems);
    }

    boolean isEmpty() {
      return headlines.isEmpty();
    }

    List<Reason> reasons() {
      List<Reason> all = new ArrayList<>(headlines);
      all.addAll(causes);
      return all;
    }
  }

  /** Signatures on {@code signed} by root keys of {@code keys}, usable at {@code at}. */
  private static SignatureCount rootSignatures(KeyManifest keys, KeyManifest signed, Instant at) {
    return SignatureCount.of(
        keys,
        signed.envelope().pae(),
        signed.envelope().signatures(),
        Role.ROOT,
        at,
        "the key manifest");
  }

  private static ManifestVerification rejected(KeyManifest m, ReasonCode code, String message) {
    return ManifestVerification.invalid(m, List.of(), List.of(new Reason(code, message)));
  }
}
