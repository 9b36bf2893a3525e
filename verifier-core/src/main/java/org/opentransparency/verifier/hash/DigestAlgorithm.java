package org.opentransparency.verifier.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentransparency.verifier.internal.SuppressForbidden;

/**
 * The digest algorithms the verifier computes, each with its stable wire id ({@code "sha3-256"})
 * and its BSD tag ({@code "SHA3-256"}).
 *
 * <p>SHA-2 and SHA-3 run on the JDK's {@link MessageDigest}, whose SHA-2 implementations the JIT
 * replaces with the CPU's SHA instructions where they exist; BLAKE2b and BLAKE3, which the JDK
 * lacks, run on BouncyCastle.
 */
public enum DigestAlgorithm {
  SHA256("sha256", "SHA256", 32, "SHA-256"),
  SHA384("sha384", "SHA384", 48, "SHA-384"),
  SHA512("sha512", "SHA512", 64, "SHA-512"),
  SHA3_256("sha3-256", "SHA3-256", 32, "SHA3-256"),
  SHA3_512("sha3-512", "SHA3-512", 64, "SHA3-512"),
  BLAKE2B_512("blake2b-512", "BLAKE2b", 64, null),
  BLAKE3("blake3", "BLAKE3", 32, null),
  /**
   * Too weak to prove integrity: computed only to check digests a statement lists beside a strong
   * one (SPEC 3.9), never offered by {@code hash} or accepted alone.
   */
  MD5("md5", "MD5", 16, "MD5"),
  /** Too weak to prove integrity; see {@link #MD5}. */
  SHA1("sha1", "SHA1", 20, "SHA-1");

  private final String id;
  private final String bsdTag;
  private final int length;
  private final String jdkName;

  /**
   * A digest made once and never updated, which {@link #newMessageDigest} copies; null until the
   * first one is asked for, or when the provider's digests cannot be copied.
   */
  private volatile MessageDigest prototype;

  DigestAlgorithm(String id, String bsdTag, int length, String jdkName) {
    this.id = id;
    this.bsdTag = bsdTag;
    this.length = length;
    this.jdkName = jdkName;
  }

  /** The stable lowercase id used on the command line and in JSON, e.g. {@code "blake2b-512"}. */
  public String id() {
    return id;
  }

  /** The tag of BSD-style checksum lines, e.g. {@code "SHA3-256"} in {@code SHA3-256 (f) = ...}. */
  public String bsdTag() {
    return bsdTag;
  }

  /** The digest length in bytes. */
  public int length() {
    return length;
  }

  /** Whether the algorithm still resists collisions: false for md5 and sha1. */
  public boolean isStrong() {
    return this != MD5 && this != SHA1;
  }

  /** Returns the algorithm whose {@link #id()} is {@code id}, ignoring case. */
  public static Optional<DigestAlgorithm> fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    for (DigestAlgorithm a : values()) {
      if (a.id.equals(wanted)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the algorithm named by a BSD tag or an OpenSSL digest name ({@code SHA256}, {@code
   * SHA2-256}, {@code BLAKE2b}, {@code BLAKE2b-512}, {@code BLAKE2B-512}), ignoring case.
   */
  public static Optional<DigestAlgorithm> fromTag(String tag) {
    String t = tag.toUpperCase(Locale.ROOT);
    switch (t) {
      case "SHA2-256":
      case "SHA-256":
        return Optional.of(SHA256);
      case "SHA2-384":
      case "SHA-384":
        return Optional.of(SHA384);
      case "SHA2-512":
      case "SHA-512":
        return Optional.of(SHA512);
      case "SHA-1":
        return Optional.of(SHA1);
      case "BLAKE2B-512":
      case "BLAKE2B512":
        return Optional.of(BLAKE2B_512);
      default:
        break;
    }
    for (DigestAlgorithm a : values()) {
      if (a.bsdTag.toUpperCase(Locale.ROOT).equals(t)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The ids of the strong algorithms, comma separated, for messages. */
  public static String knownIds() {
    return Arrays.stream(values())
        .filter(DigestAlgorithm::isStrong)
        .map(DigestAlgorithm::id)
        .collect(Collectors.joining(", "));
  }

  /**
   * A fresh, single-threaded hasher for this algorithm. BouncyCastle types stay out of this class
   * so that SHA-2 hashing never loads BouncyCastle.
   */
  Hasher newHasher() {
    if (this == SHA3_256 || this == SHA3_512) {
      // JDK 17 has no SHA-3 intrinsic: BouncyCastle's Keccak is ~40% faster (JMH
      // ProviderBenchmark: SHA3-256 315 against 224, SHA3-512 164 against 116 MiB/s).
      return BouncyCastleHasher.sha3(this == SHA3_256 ? 256 : 512);
    }
    if (jdkName != null) {
      return new JdkHasher(newMessageDigest());
    }
    switch (this) {
      case BLAKE2B_512:
        return BouncyCastleHasher.blake2b512();
      case BLAKE3:
        return BouncyCastleHasher.blake3();
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * A new JDK digest: a copy of this algorithm's prototype. Looking one up by name goes through the
   * providers, the algorithm constraints and reflection for every archive entry; the JIT inlined
   * all of that into the loops that hash entries (for a 33,000-entry jar pair, one C2 compilation
   * of 95 KB of code, 0.3 s, and a third of the compiler's peak memory: docs/benchmarks.md). A copy
   * is a field-by-field clone. The prototype is never updated, so copies made on several threads at
   * once read only state that does not change.
   */
  @SuppressForbidden(reason = "the one place digests are instantiated")
  private MessageDigest newMessageDigest() {
    MessageDigest p = prototype;
    if (p != null) {
      try {
        return (MessageDigest) p.clone();
      } catch (CloneNotSupportedException e) {
        // Not for the JDK's own digests; another provider's: look each one up.
      }
    }
    MessageDigest made;
    try {
      made = MessageDigest.getInstance(jdkName);
    } catch (NoSuchAlgorithmException e) {
      // Every Java 17 runtime must provide SHA-2 and SHA-3 (JDK 9+ security requirements).
      throw new IllegalStateException(jdkName + " is missing from this Java runtime", e);
    }
    if (p == null) {
      try {
        prototype = (MessageDigest) made.clone();
      } catch (CloneNotSupportedException e) {
        // Stays null: every digest is looked up.
      }
    }
    return made;
  }
}
