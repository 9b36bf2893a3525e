package org.opentransparency.verifier.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.Signer;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;

/**
 * Raw signatures over a file's bytes (SPEC 3.9): the signature file is read as binary, then as hex
 * text, then as base64 text, and each reading must have a length the key's scheme allows. The file
 * is streamed, except for Ed25519, whose pure form needs the whole message.
 */
final class RawSignatures {
  /** Largest file a raw Ed25519 signature is checked over (it is held in memory). */
  static final long MAX_ED25519_MESSAGE = 64L << 20;

  private RawSignatures() {}

  /** The readings of a signature file, most literal first, without duplicates. */
  static List<byte[]> readings(byte[] file) {
    List<byte[]> out = new ArrayList<>();
    out.add(file);
    String text = new String(file, StandardCharsets.US_ASCII).strip();
    if (!text.isEmpty() && text.length() % 2 == 0 && text.chars().allMatch(RawSignatures::isHex)) {
      out.add(HexFormat.of().parseHex(text));
    }
    try {
      String compact = text.replaceAll("[\\r\\n]", "");
      if (!compact.isEmpty() && compact.chars().allMatch(RawSignatures::isBase64)) {
        out.add(Base64.getDecoder().decode(compact));
      }
    } catch (IllegalArgumentException e) {
      // Not base64.
    }
    return out;
  }

  private static boolean isHex(int c) {
    return Character.digit(c, 16) >= 0;
  }

  private static boolean isBase64(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  /** Whether a reading has a length (and, for ECDSA DER, a form) the key's scheme allows. */
  static boolean fits(VerificationKey key, byte[] sig) {
    for (int n : key.rawSignatureLengths()) {
      if (sig.length == n) {
        return true;
      }
    }
    if (key.scheme() == KeyScheme.ECDSA_P256_SHA256
        || key.scheme() == KeyScheme.ECDSA_P384_SHA384) {
      try {
        VerificationKey.derSignature(sig);
        return true;
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether {@code sig} is {@code key}'s signature over the file. {@code digests} holds the file's
   * SHA-256 and SHA-384, computed once for every key tried.
   *
   * @throws LimitExceededException if an Ed25519 message is over {@link #MAX_ED25519_MESSAGE}
   * @throws IOException if the file cannot be read
   */
  static boolean verify(
      VerificationKey key, Path file, Map<DigestAlgorithm, Digest> digests, byte[] sig)
      throws IOException {
    try {
      switch (key.scheme()) {
        case ED25519:
          long size = Files.size(file);
          if (size > MAX_ED25519_MESSAGE) {
            throw new LimitExceededException(
                "maxEd25519Message",
                file
                    + " is larger than the "
                    + MAX_ED25519_MESSAGE
                    + " bytes a raw Ed25519 signature is checked over (pure Ed25519 needs the"
                    + " whole file in memory); sign a statement (verifier sign) instead");
          }
          return key.verify(Files.readAllBytes(file), sig);
        case ECDSA_P256_SHA256:
          return Signatures.ecdsaHash(key, digests.get(DigestAlgorithm.SHA256).bytes(), sig);
        case ECDSA_P384_SHA384:
          return Signatures.ecdsaHash(key, digests.get(DigestAlgorithm.SHA384).bytes(), sig);
        default:
          if (sig.length != Signatures.modulusBytes(key)) {
            return false;
          }
          Signer v = Signatures.rsaVerifier(key);
          byte[] buffer = new byte[64 * 1024];
          try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
              v.update(buffer, 0, n);
            }
          }
          return v.verifySignature(sig);
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
