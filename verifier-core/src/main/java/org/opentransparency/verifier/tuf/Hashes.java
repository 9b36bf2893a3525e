package org.opentransparency.verifier.tuf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.tuf.Metadata.MetaFile;

/**
 * Length and hash checks of fetched files. Every hash listed must be of an algorithm known here
 * (sha256, sha384, sha512) and must match: one unknown or weak algorithm is refused, never skipped.
 */
final class Hashes {
  private Hashes() {}

  /** Checks metadata bytes against what timestamp or snapshot says of them (each part optional). */
  static void checkMeta(byte[] data, MetaFile expected, String what) throws TufException {
    if (expected.length() != null && data.length != expected.length()) {
      throw new TufException(
          ReasonCode.DIGEST_MISMATCH,
          String.format(
              Locale.ROOT, "%s: length %d, expected %d", what, data.length, expected.length()));
    }
    if (expected.hashes() != null) {
      List<DigestAlgorithm> algs = algorithms(expected.hashes(), what);
      check(MultiDigester.digest(data, algs), expected.hashes(), what);
    }
  }

  /** The algorithms of {@code hashes}, refusing any unknown one. */
  static List<DigestAlgorithm> algorithms(Map<String, String> hashes, String what)
      throws TufException {
    List<DigestAlgorithm> out = new ArrayList<>();
    for (String name : hashes.keySet()) {
      Optional<DigestAlgorithm> a = algorithm(name);
      if (a.isEmpty()) {
        throw new TufException(
            ReasonCode.UNSUPPORTED_FORMAT,
            what + ": hash algorithm " + Metadata.shorten(name) + " is not supported");
      }
      out.add(a.get());
    }
    return out;
  }

  private static Optional<DigestAlgorithm> algorithm(String name) {
    switch (name) {
      case "sha256":
        return Optional.of(DigestAlgorithm.SHA256);
      case "sha384":
        return Optional.of(DigestAlgorithm.SHA384);
      case "sha512":
        return Optional.of(DigestAlgorithm.SHA512);
      default:
        return Optional.empty();
    }
  }

  /** Every expected hash must equal the computed one. */
  static void check(Map<DigestAlgorithm, Digest> actual, Map<String, String> expected, String what)
      throws TufException {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      DigestAlgorithm alg = algorithm(e.getKey()).orElseThrow();
      Optional<Digest> want = Digest.parseHex(alg, e.getValue());
      Digest got = actual.get(alg);
      if (want.isEmpty() || !want.get().equals(got)) {
        throw new TufException(
            ReasonCode.DIGEST_MISMATCH,
            what
                + ": "
                + e.getKey()
                + " is "
                + got.hex()
                + ", expected "
                + Metadata.shorten(e.getValue()));
      }
    }
  }

  /**
   * Whether a file's bytes have the target's length and every one of its hashes.
   *
   * @throws TufException if they do not, or an algorithm is unknown
   */
  static void checkTarget(InputStream in, TargetFile target, String what)
      throws IOException, TufException {
    List<DigestAlgorithm> algs = algorithms(target.hashes(), what);
    MultiDigester d = MultiDigester.of(algs);
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buf)) != -1; ) {
      total += n;
      if (total > target.length()) {
        break;
      }
      d.update(buf, 0, n);
    }
    if (total != target.length()) {
      throw new TufException(
          ReasonCode.DIGEST_MISMATCH,
          total > target.length()
              ? String.format(
                  Locale.ROOT,
                  "%s: longer than the %d bytes the targets metadata lists",
                  what,
                  target.length())
              : String.format(
                  Locale.ROOT,
                  "%s: %d bytes, the targets metadata lists %d",
                  what,
                  total,
                  target.length()));
    }
    check(d.finish(), target.hashes(), what);
  }
}
