package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opentransparency.verifier.TestData.AT;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.manifest.ManifestFixture;
import org.opentransparency.verifier.manifest.ManifestKey;

/** The counting every detached format shares: a check that fails midway counts for nothing. */
class DetachedCountTest {
  private static final ManifestKey KEY =
      new ManifestKey(ManifestFixture.key("s1").publicKey(), Set.of("software"), null, null, null);

  /** A check that counts {@link #KEY}, then throws when {@code fail} says so. */
  private static DetachedCheck check(boolean fail) {
    return new DetachedCheck() {
      @Override
      public Set<DigestAlgorithm> digests() {
        return Set.of();
      }

      @Override
      public List<UpdateContent.Sink> sinks() {
        return List.of();
      }

      @Override
      public void finish(Map<DigestAlgorithm, Digest> digests, CheckOutcome out) {
        out.verifiedBy(KEY);
        if (fail) {
          throw new IllegalStateException("the cryptographic code broke after one signature");
        }
      }

      @Override
      public int maxSignatures() {
        return 1;
      }
    };
  }

  @Test
  void signerCounted_whenTheCheckCompletes() {
    UpdateVerifier.Counted c =
        UpdateVerifier.count(check(false), Map.of(), SignatureFormat.RAW, "software", AT, 1);

    assertEquals(Set.of(KEY.keyId()), c.signers());
    assertEquals(List.of(), c.reasons());
  }

  @Test
  void checkThatThrowsAfterCounting_countsNothing() {
    UpdateVerifier.Counted c =
        UpdateVerifier.count(check(true), Map.of(), SignatureFormat.RAW, "software", AT, 1);

    assertEquals(Set.of(), c.signers());
    assertEquals(
        List.of(ReasonCode.BAD_SIGNATURE, ReasonCode.THRESHOLD_NOT_MET),
        c.reasons().stream().map(Reason::code).toList());
  }

  @Test
  void refusal_reportsItsOneProblem_andNeedsNothing() {
    DetachedCheck r = DetachedCheck.refusal(ReasonCode.UNKNOWN_KEY, "no such key", 1);

    UpdateVerifier.Counted c =
        UpdateVerifier.count(r, Map.of(), SignatureFormat.MINISIGN, "software", AT, 1);

    assertEquals(Set.of(), r.digests());
    assertEquals(
        List.of(ReasonCode.UNKNOWN_KEY, ReasonCode.THRESHOLD_NOT_MET),
        c.reasons().stream().map(Reason::code).toList());
  }
}
