package org.opentransparency.verifier.signature;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * Signature verification on BouncyCastle's own implementations, called by name: never the JDK's
 * providers (SunEC accepts encodings Wycheproof shows must be refused) and never a provider chosen
 * by what a signature file claims. Callers catch every RuntimeException as "not valid".
 */
final class Signatures {
  static final int PSS_SALT_BYTES = 32;

  private Signatures() {}

  static boolean verify(VerificationKey key, byte[] message, byte[] signature) {
    switch (key.scheme()) {
      case ED25519:
        return ed25519(key, message, signature);
      case ECDSA_P256_SHA256:
        return ecdsa(key, new SHA256Digest(), message, signature);
      case ECDSA_P384_SHA384:
        return ecdsa(key, new SHA384Digest(), message, signature);
      case RSA_PSS_SHA256:
        return rsaPss(key, message, signature);
      case RSA_PKCS1_SHA256:
        return rsaPkcs1(key, message, signature);
      default:
        return false;
    }
  }

  private static boolean ed25519(VerificationKey key, byte[] message, byte[] signature) {
    // BouncyCastle refuses S >= L and non-canonical point encodings (Wycheproof tcIds 63-...).
    if (signature.length != 64) {
      return false;
    }
    Ed25519Signer v = new Ed25519Signer();
    v.init(false, key.parameters());
    v.update(message, 0, message.length);
    return v.verifySignature(signature);
  }

  private static boolean ecdsa(
      VerificationKey key, Digest digest, byte[] message, byte[] signature) {
    byte[] hash = new byte[digest.getDigestSize()];
    digest.update(message, 0, message.length);
    digest.doFinal(hash, 0);
    return ecdsaHash(key, hash, signature);
  }

  /** ECDSA over a message already hashed with the scheme's hash. */
  static boolean ecdsaHash(VerificationKey key, byte[] hash, byte[] signature) {
    ECPublicKeyParameters pub = (ECPublicKeyParameters) key.parameters();
    BigInteger n = pub.getParameters().getN();
    int size = (n.bitLength() + 7) / 8;
    // IEEE P1363 (r || s, fixed width) and DER are both accepted; a signature of exactly 2n bytes
    // could in principle be either, and each reading is checked on its own.
    if (signature.length == 2 * size) {
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, size));
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, size, 2 * size));
      if (ecdsa(pub, n, hash, r, s)) {
        return true;
      }
    }
    BigInteger[] rs;
    try {
      rs = VerificationKey.derSignature(signature);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return ecdsa(pub, n, hash, rs[0], rs[1]);
  }

  private static boolean ecdsa(
      ECPublicKeyParameters pub, BigInteger n, byte[] hash, BigInteger r, BigInteger s) {
    // r and s must lie in [1, n-1]: r = 0 or s = 0 would make some implementations accept anything.
    if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      return false;
    }
    ECDSASigner v = new ECDSASigner();
    v.init(false, pub);
    return v.verifySignature(hash, r, s);
  }

  private static boolean rsaPss(VerificationKey key, byte[] message, byte[] signature) {
    Signer v = rsaVerifier(key);
    v.update(message, 0, message.length);
    return signature.length == modulusBytes(key) && v.verifySignature(signature);
  }

  private static boolean rsaPkcs1(VerificationKey key, byte[] message, byte[] signature) {
    Signer v = rsaVerifier(key);
    v.update(message, 0, message.length);
    return signature.length == modulusBytes(key) && v.verifySignature(signature);
  }

  /** A BouncyCastle verifier for an RSA key's scheme, ready for {@code update}. */
  static Signer rsaVerifier(VerificationKey key) {
    Signer v =
        key.scheme() == KeyScheme.RSA_PSS_SHA256
            ? new PSSSigner(
                new RSABlindedEngine(),
                new SHA256Digest(),
                new SHA256Digest(),
                PSS_SALT_BYTES,
                PSSSigner.TRAILER_IMPLICIT)
            : new RSADigestSigner(new SHA256Digest());
    v.init(false, key.parameters());
    return v;
  }

  static int modulusBytes(VerificationKey key) {
    return (((RSAKeyParameters) key.parameters()).getModulus().bitLength() + 7) / 8;
  }
}
