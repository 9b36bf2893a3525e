package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * An immutable digest value: an algorithm and its output bytes. Prints as lowercase hex, as
 * sha256sum does; equality compares algorithm and bytes in constant time.
 */
public final class Digest {
  private static final HexFormat HEX = HexFormat.of();

  private final DigestAlgorithm algorithm;
  private final byte[] bytes;

  private Digest(DigestAlgorithm algorithm, byte[] bytes) {
    this.algorithm = algorithm;
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if the length is not the algorithm's digest length
   */
  public static Digest of(DigestAlgorithm algorithm, byte[] bytes) {
    requireNonNull(algorithm, "algorithm");
    if (bytes.length != algorithm.length()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s digest must be %d bytes, got %d",
              algorithm.id(),
              algorithm.length(),
              bytes.length));
    }
    return new Digest(algorithm, bytes.clone());
  }

  /**
   * Parses hex in either case; empty when {@code hex} is not exactly the algorithm's digest length
   * in hex digits.
   */
  public static Optional<Digest> parseHex(DigestAlgorithm algorithm, CharSequence hex) {
    if (hex.length() != algorithm.length() * 2) {
      return Optional.empty();
    }
    for (int i = 0; i < hex.length(); i++) {
      // ASCII only: Character.digit also takes other scripts' digits, which HexFormat refuses.
      if (!HexFormat.isHexDigit(hex.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(new Digest(algorithm, HEX.parseHex(hex)));
  }

  public DigestAlgorithm algorithm() {
    return algorithm;
  }

  /** A copy of the digest bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lowercase hex. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest
        && ((Digest) o).algorithm == algorithm
        && MessageDigest.isEqual(((Digest) o).bytes, bytes);
  }

  @Override
  public int hashCode() {
    // The first four bytes of a digest are as good a hash as any.
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | bytes[3] & 0xff;
  }

  /** Lowercase hex, like the first column of sha256sum. */
  @Override
  public String toString() {
    return hex();
  }
}
