package org.opentransparency.verifier.signature;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;

/**
 * A parsed detached signature of a format that signs the update's bytes (OpenPGP, minisign,
 * signify, CMS), checked in the update's one read: the verifier asks for the digests and sinks the
 * check needs, reads the update once, then lets the check judge and report.
 *
 * <p>Each format's {@code parse} makes one from the signature file and the manifest's keys; a
 * signature that does not parse is an {@link org.opentransparency.verifier.InvalidInputException}
 * (reported as {@code MALFORMED_SIGNATURE}). A check reports through {@link CheckOutcome} only: it
 * never decides the threshold itself.
 */
interface DetachedCheck {
  /** The digests of the update this check needs once it has been read. */
  Set<DigestAlgorithm> digests();

  /**
   * Sinks that must see every byte of the update during its one read (streaming signature
   * verifiers; {@link UpdateContent#wholeMessage} for schemes that sign the whole message).
   */
  List<UpdateContent.Sink> sinks();

  /**
   * Judges the signatures after the read: every signature that verifies is reported with {@link
   * CheckOutcome#verifiedBy}, every failure with {@link CheckOutcome#problem}. Runtime exceptions
   * from the cryptographic code must be caught and reported as failures (fail closed).
   */
  void finish(Map<DigestAlgorithm, Digest> digests, CheckOutcome out);

  /**
   * How many distinct signatures this format can carry at most: 1 for minisign and signify, so a
   * threshold above 1 cannot be met and says why; OpenPGP and CMS files may hold several.
   */
  int maxSignatures();

  /**
   * A check that needs nothing of the update and reports one problem for the whole file (a
   * signature file that parsed but cannot count: no key of the right kind, a variant refused).
   */
  static DetachedCheck refusal(ReasonCode code, String message, int maxSignatures) {
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
        out.problem(code, message);
      }

      @Override
      public int maxSignatures() {
        return maxSignatures;
      }
    };
  }
}
