package org.opentransparency.verifier.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.Signer;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.manifest.ManifestKey;

/**
 * Raw signatures over an update's bytes (SPEC 3.9): the signature file is read as binary, then as
 * hex text, then as base64 text, and each reading is tried with a key only when its length (and,
 * for ECDSA DER, its form) fits the key's scheme. Every (key, reading) pair is checked in one read
 * of the update: ECDSA from its SHA-256/384, RSA by streaming, Ed25519 from the whole message,
 * which pure Ed25519 needs in memory and is therefore bounded.
 */
final class RawSignatures {
  private RawSignatures() {}

  /** One key and one reading of the signature, with its streaming verifier when it needs one. */
  static final class Check {
    final ManifestKey key;
    final byte[] sig;
    final Signer rsa;

    Check(ManifestKey key, byte[] sig) {
      this.key = key;
      this.sig = sig;
      this.rsa = key.key().scheme().isRsa() ? Signatures.rsaVerifier(key.key()) : null;
    }
  }

  /** The readings of a signature file, most literal first. */
  static List<byte[]> readings(byte[] file) {
    List<byte[]> out = new ArrayList<>();
    out.add(file);
    String text = new String(file, StandardCharsets.US_ASCII).strip();
    if (!text.isEmpty() && text.length() % 2 == 0 && text.chars().allMatch(RawSignatures::isHex)) {
      out.add(HexFormat.of().parseHex(text));
    }
    String compact = text.replaceAll("[\\r\\n]", "");
    if (!compact.isEmpty() && compact.chars().allMatch(RawSignatures::isBase64)) {
      try {
        out.add(Base64.getDecoder().decode(compact));
      } catch (IllegalArgumentException e) {
        // Not base64 after all.
      }
    }
    return out;
  }

  private static boolean isHex(int c) {
    return HexFormat.isHexDigit(c);
  }

  private static boolean isBase64(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  /** The (key, reading) pairs worth checking, keys in the order given. */
  static List<Check> checks(List<ManifestKey> keys, List<byte[]> readings) {
    List<Check> out = new ArrayList<>();
    for (ManifestKey k : keys) {
      for (byte[] r : readings) {
        if (fits(k.key(), r)) {
          out.add(new Check(k, r));
        }
      }
    }
    return out;
  }

  private static boolean fits(VerificationKey key, byte[] sig) {
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
   * The check of a raw signature file against the manifest's keys (role holders first): the first
   * (key, reading) pair that verifies is the one signer.
   */
  static DetachedCheck parse(byte[] file, List<ManifestKey> keys) {
    List<Check> checks = checks(keys, readings(file));
    UpdateContent.WholeMessage message =
        checks.stream().anyMatch(c -> c.key.key().scheme() == KeyScheme.ED25519)
            ? UpdateContent.wholeMessage("sign a statement (verifier sign) instead")
            : null;
    return new DetachedCheck() {
      @Override
      public Set<DigestAlgorithm> digests() {
        // SHA-256 is always computed (the result reports it); SHA-384 only for P-384 keys.
        return checks.stream().anyMatch(c -> c.key.key().scheme() == KeyScheme.ECDSA_P384_SHA384)
            ? EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384)
            : EnumSet.of(DigestAlgorithm.SHA256);
      }

      @Override
      public List<UpdateContent.Sink> sinks() {
        List<UpdateContent.Sink> sinks = new ArrayList<>();
        for (Check c : checks) {
          if (c.rsa != null) {
            sinks.add(c.rsa::update);
          }
        }
        if (message != null) {
          sinks.add(message);
        }
        return sinks;
      }

      @Override
      public void finish(Map<DigestAlgorithm, Digest> digests, CheckOutcome out) {
        byte[] whole = message == null ? null : message.bytes();
        for (Check c : checks) {
          if (verifies(c, digests, whole)) {
            out.verifiedBy(c.key);
            return;
          }
        }
        if (!checks.isEmpty()) {
          out.problem(
              ReasonCode.BAD_SIGNATURE,
              "the signature does not verify with any key of role " + out.role());
        } else {
          out.problem(
              ReasonCode.MALFORMED_SIGNATURE,
              "not a signature of any key of role "
                  + out.role()
                  + " (read as binary, hex and base64; wrong length or encoding)");
        }
      }

      @Override
      public int maxSignatures() {
        return 1;
      }
    };
  }

  /** Whether a check's signature verifies, once the update has been streamed through it. */
  static boolean verifies(Check c, Map<DigestAlgorithm, Digest> digests, byte[] message) {
    try {
      switch (c.key.key().scheme()) {
        case ED25519:
          return c.key.key().verify(message, c.sig);
        case ECDSA_P256_SHA256:
          return Signatures.ecdsaHash(
              c.key.key(), digests.get(DigestAlgorithm.SHA256).bytes(), c.sig);
        case ECDSA_P384_SHA384:
          return Signatures.ecdsaHash(
              c.key.key(), digests.get(DigestAlgorithm.SHA384).bytes(), c.sig);
        default:
          return c.sig.length == Signatures.modulusBytes(c.key.key())
              && c.rsa.verifySignature(c.sig);
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
