package org.opentransparency.verifier.signature;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The signature schemes a key manifest binds keys to (SPEC 3.4). The scheme of a key is the
 * manifest's word, never a signature file's.
 */
public enum KeyScheme {
  /** RFC 8032 pure Ed25519. */
  ED25519("ed25519"),
  /** ECDSA on P-256 with SHA-256; DER or IEEE P1363 signatures. */
  ECDSA_P256_SHA256("ecdsa-p256-sha256"),
  /** ECDSA on P-384 with SHA-384; DER or IEEE P1363 signatures. */
  ECDSA_P384_SHA384("ecdsa-p384-sha384"),
  /** RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt, modulus of at least 2048 bits. */
  RSA_PSS_SHA256("rsa-pss-sha256"),
  /** RSASSA-PKCS1-v1_5 with SHA-256 (legacy), modulus of at least 2048 bits. */
  RSA_PKCS1_SHA256("rsa-pkcs1-sha256"),
  /**
   * An OpenPGP primary key with its subkeys, self-signatures and revocations (RFC 4880, RFC 9580);
   * verifies OpenPGP detached signatures only.
   */
  OPENPGP("openpgp"),
  /** A minisign Ed25519 public key; verifies minisign signatures only. */
  MINISIGN("minisign"),
  /** An OpenBSD signify Ed25519 public key; verifies signify signatures only. */
  SIGNIFY("signify"),
  /**
   * An X.509 CA certificate; verifies CMS/PKCS#7 signatures whose signer certificate chains to it.
   */
  X509_CA("x509-ca");

  private final String id;

  KeyScheme(String id) {
    this.id = id;
  }

  /** The stable id used in manifests and on the command line. */
  public String id() {
    return id;
  }

  public static Optional<KeyScheme> fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  /** The ids of all schemes, comma separated, for messages. */
  public static String knownIds() {
    return Arrays.stream(values()).map(KeyScheme::id).collect(Collectors.joining(", "));
  }

  /**
   * Whether keys of this scheme are SubjectPublicKeyInfo keys (SPEC 3.4), which sign statements,
   * manifests and raw signatures; the other schemes verify only their own signature format.
   */
  public boolean isSpki() {
    return ordinal() <= RSA_PKCS1_SHA256.ordinal();
  }

  boolean isRsa() {
    return this == RSA_PSS_SHA256 || this == RSA_PKCS1_SHA256;
  }

  boolean isEcdsa() {
    return this == ECDSA_P256_SHA256 || this == ECDSA_P384_SHA384;
  }
}
