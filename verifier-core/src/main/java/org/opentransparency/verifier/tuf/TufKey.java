package org.opentransparency.verifier.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.internal.json.StrictJson;
import org.opentransparency.verifier.signature.KeyScheme;
import org.opentransparency.verifier.signature.VerificationKey;

/**
 * A key of TUF metadata ({@code keytype}, {@code scheme}, {@code keyval.public}) read into the
 * project's {@link VerificationKey}. Supported: {@code ed25519} (hex of the 32 raw bytes), {@code
 * ecdsa}/{@code ecdsa-sha2-nistp256}/{@code ecdsa-sha2-nistp384} (PEM SubjectPublicKeyInfo) and
 * {@code rsa} with {@code rsassa-pss-sha256} or {@code rsa-pkcs1v15-sha256} (PEM). A key of any
 * other type or scheme is kept as unsupported: it verifies nothing, so it never counts toward a
 * threshold, but metadata that lists it stays readable.
 *
 * @param key the key, or null when unsupported
 * @param why why the key is unsupported, or null
 */
record TufKey(VerificationKey key, String why) {
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo, before the 32 key bytes. */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  static TufKey parse(JsonNode key, String what) throws InvalidInputException {
    if (!key.isObject()) {
      throw new InvalidInputException(what + ": a key must be an object");
    }
    String type = StrictJson.string(key, "keytype", what);
    String scheme = StrictJson.string(key, "scheme", what);
    String pub = StrictJson.string(StrictJson.object(key, "keyval", what), "public", what);
    try {
      return new TufKey(read(type, scheme, pub), null);
    } catch (InvalidInputException e) {
      return new TufKey(null, e.getMessage());
    }
  }

  private static VerificationKey read(String type, String scheme, String pub)
      throws InvalidInputException {
    switch (scheme) {
      case "ed25519":
        requireType(type, scheme, "ed25519");
        if (!pub.matches("[0-9a-f]{64}")) {
          throw new InvalidInputException("ed25519 public key must be 64 lowercase hex digits");
        }
        byte[] raw = HexFormat.of().parseHex(pub);
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        return VerificationKey.fromSpki(spki, KeyScheme.ED25519);
      case "ecdsa-sha2-nistp256":
        requireType(type, scheme, "ecdsa", "ecdsa-sha2-nistp256");
        return pem(pub, KeyScheme.ECDSA_P256_SHA256);
      case "ecdsa-sha2-nistp384":
        requireType(type, scheme, "ecdsa", "ecdsa-sha2-nistp384");
        return pem(pub, KeyScheme.ECDSA_P384_SHA384);
      case "rsassa-pss-sha256":
        requireType(type, scheme, "rsa");
        return pem(pub, KeyScheme.RSA_PSS_SHA256);
      case "rsa-pkcs1v15-sha256":
        requireType(type, scheme, "rsa");
        return pem(pub, KeyScheme.RSA_PKCS1_SHA256);
      default:
        throw new InvalidInputException("unsupported key scheme " + scheme);
    }
  }

  /** A PEM SubjectPublicKeyInfo, as TUF's ecdsa and rsa keys are written, for {@code scheme}. */
  private static VerificationKey pem(String pub, KeyScheme scheme) throws InvalidInputException {
    return VerificationKey.fromSpki(VerificationKey.pemPublicKey(pub), scheme);
  }

  private static void requireType(String type, String scheme, String... allowed)
      throws InvalidInputException {
    for (String a : allowed) {
      if (a.equals(type)) {
        return;
      }
    }
    throw new InvalidInputException("key type " + type + " does not fit scheme " + scheme);
  }

  /** Whether this key verifies {@code sig} over {@code message}; never throws. */
  boolean verifies(byte[] message, byte[] sig) {
    return key != null && key.verify(message, sig);
  }
}
