package org.opentransparency.verifier.signature;

import java.util.List;
import org.opentransparency.verifier.InvalidInputException;

/**
 * A kind of public key that is not a SubjectPublicKeyInfo key (SPEC 3.5, "other key kinds"): how
 * its manifest encoding is read, what its key id is, and how its files are imported. One instance
 * per {@link KeyScheme}; stateless and thread-safe.
 *
 * <p>The manifest stores one canonical encoding per key ({@code publicKey}, base64). {@link
 * #decode} must refuse any other encoding of the same key, so one key has exactly one id and cannot
 * be listed twice to be counted twice.
 */
interface KeyKind {
  /** The scheme whose keys this kind reads. */
  KeyScheme scheme();

  /**
   * Reads a manifest's {@code publicKey} bytes.
   *
   * @return the parsed key, handed back to this kind's signature checks through {@link
   *     VerificationKey#material}
   * @throws InvalidInputException if the bytes are not the canonical encoding of a supported key
   */
  Object decode(byte[] encoded) throws InvalidInputException;

  /** The key id of a decoded key (documented per scheme in docs/formats.md). */
  String keyId(Object material);

  /**
   * The public key material of every key this entry verifies with (for OpenPGP: the primary and
   * each subkey), without what a key's owner can vary at will — creation times, names, key numbers,
   * validity dates. Two entries of one scheme that share any are refused, so one private key cannot
   * be listed twice (under two fingerprints, say) to count twice toward a threshold.
   */
  List<byte[]> keyMaterial(Object material);

  /** A short human description for {@code manifest show}: user id, key number, subject. */
  String describe(Object material);

  /**
   * Whether a key file (as given to {@code manifest create --key}) is of this kind. Without a
   * scheme asked for, kinds are tried in the order openpgp, minisign, signify, x509-ca, and the
   * first that recognizes the file reads it; with one, only that kind is asked.
   */
  boolean recognizes(byte[] file);

  /**
   * The canonical encodings of every key in a file this kind {@link #recognizes}: an Apache-style
   * KEYS file gives several.
   *
   * @throws InvalidInputException if the file holds no usable key of this kind
   */
  List<byte[]> importFile(byte[] file) throws InvalidInputException;
}
