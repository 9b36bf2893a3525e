package org.opentransparency.verifier.signature;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/**
 * A public key bound to one {@link KeyScheme}, with its key id. For the SubjectPublicKeyInfo
 * schemes the id is the lowercase hex SHA-256 of the SPKI DER (SPEC 3.4); the other kinds (OpenPGP,
 * minisign, signify, X.509 CA certificates) define theirs in {@link KeyKind}. Only the one
 * canonical encoding of a key is accepted (DER, uncompressed EC points, {@code rsaEncryption} for
 * RSA; each kind's own rule for the others), so one key has exactly one id and cannot be listed
 * twice under two ids to be counted twice.
 *
 * <p>Immutable and thread-safe.
 */
public final class VerificationKey {
  /** The smallest RSA modulus accepted, in bits (SPEC 3.4). */
  public static final int MIN_RSA_BITS = 2048;

  private final KeyScheme scheme;
  private final byte[] encoded;
  private final String keyId;
  private final AsymmetricKeyParameter key;
  private final Object material;

  private VerificationKey(KeyScheme scheme, byte[] spki, AsymmetricKeyParameter key) {
    this.scheme = scheme;
    this.encoded = spki;
    this.key = key;
    this.material = null;
    this.keyId = keyIdOf(spki);
  }

  private VerificationKey(KeyKind kind, byte[] encoded, Object material) {
    this.scheme = kind.scheme();
    this.encoded = encoded;
    this.key = null;
    this.material = material;
    this.keyId = kind.keyId(material);
  }

  /** The kinds of key that are not SubjectPublicKeyInfo keys, by scheme. */
  private static KeyKind kind(KeyScheme scheme) {
    switch (scheme) {
      case OPENPGP:
        return OpenPgpKeys.KIND;
      case MINISIGN:
        return MinisignKeys.MINISIGN;
      case SIGNIFY:
        return MinisignKeys.SIGNIFY;
      case X509_CA:
        return CmsKeys.KIND;
      default:
        throw new IllegalArgumentException(scheme + " is a SubjectPublicKeyInfo scheme");
    }
  }

  private static final List<KeyScheme> OTHER_KINDS =
      List.of(KeyScheme.OPENPGP, KeyScheme.MINISIGN, KeyScheme.SIGNIFY, KeyScheme.X509_CA);

  /**
   * Reads a key as a manifest stores it ({@code publicKey}, decoded from base64) for its scheme.
   *
   * @throws InvalidInputException if the bytes are not the canonical encoding of a key of that
   *     scheme
   */
  public static VerificationKey decode(byte[] encoded, KeyScheme scheme)
      throws InvalidInputException {
    requireNonNull(encoded, "encoded");
    requireNonNull(scheme, "scheme");
    if (scheme.isSpki()) {
      return fromSpki(encoded, scheme);
    }
    KeyKind kind = kind(scheme);
    return new VerificationKey(kind, encoded.clone(), kind.decode(encoded));
  }

  /**
   * Reads every key of a key file, detected by content (SPEC 3.5 {@code manifest create}):
   * SubjectPublicKeyInfo PEM or DER, OpenPGP public keys (armored or binary, several in a KEYS
   * file), minisign and signify public key files, X.509 CA certificates (PEM or DER).
   *
   * @param scheme the scheme asked for, or null for the one the file implies; only RSA keys may be
   *     given another scheme than the implied one
   * @throws InvalidInputException if the file is none of these, or its key does not fit {@code
   *     scheme}
   */
  public static List<VerificationKey> readAll(byte[] file, KeyScheme scheme)
      throws InvalidInputException {
    requireNonNull(file, "file");
    if (scheme != null && !scheme.isSpki()) {
      // minisign and signify key files look alike: the scheme asked for decides.
      KeyKind kind = kind(scheme);
      if (!kind.recognizes(file)) {
        throw new InvalidInputException("not a " + scheme.id() + " key file");
      }
      return importAll(kind, file);
    }
    for (KeyScheme other : OTHER_KINDS) {
      KeyKind kind = kind(other);
      if (kind.recognizes(file)) {
        if (scheme != null) {
          throw new InvalidInputException(
              "a key file of scheme " + other.id() + " cannot be used with scheme " + scheme.id());
        }
        return importAll(kind, file);
      }
    }
    return List.of(read(file, scheme));
  }

  /** The key id of a SubjectPublicKeyInfo DER encoding: lowercase hex SHA-256. */
  public static String keyIdOf(byte[] spkiDer) {
    return MultiDigester.digest(spkiDer, List.of(DigestAlgorithm.SHA256))
        .get(DigestAlgorithm.SHA256)
        .hex();
  }

  /**
   * Reads a SubjectPublicKeyInfo DER encoding, with the scheme the key implies: Ed25519 keys are
   * {@code ed25519}, EC keys {@code ecdsa-p256-sha256} or {@code ecdsa-p384-sha384} by curve, RSA
   * keys {@code rsa-pss-sha256}.
   *
   * @throws InvalidInputException if the bytes are not a canonical encoding of a supported key
   */
  public static VerificationKey fromSpki(byte[] der) throws InvalidInputException {
    return fromSpki(der, null);
  }

  /**
   * Reads a SubjectPublicKeyInfo DER encoding for the given scheme, or the scheme the key implies
   * when {@code scheme} is null.
   *
   * @throws InvalidInputException if the bytes are not a canonical encoding of a supported key, or
   *     the key does not fit the scheme
   */
  public static VerificationKey fromSpki(byte[] der, KeyScheme scheme)
      throws InvalidInputException {
    requireNonNull(der, "der");
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      if (!Arrays.equals(info.getEncoded(ASN1Encoding.DER), der)) {
        throw new InvalidInputException("public key is not in canonical DER form");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("not a SubjectPublicKeyInfo public key", e);
    }
    AlgorithmIdentifier alg = info.getAlgorithm();
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    KeyScheme implied;
    AsymmetricKeyParameter key;
    try {
      if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
        if (alg.getParameters() != null) {
          throw new InvalidInputException("Ed25519 key with algorithm parameters");
        }
        implied = KeyScheme.ED25519;
        // PublicKeyFactory's Ed25519 converter, called directly: the factory's initializer makes
        // converters, and their object identifiers, for every algorithm BouncyCastle reads (~3 ms
        // of a small verify, interpreted; VerificationKeySpkiTest holds the two to one outcome).
        key = new Ed25519PublicKeyParameters(info.getPublicKeyData().getOctets());
      } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        implied = ecScheme(alg);
        byte[] point = info.getPublicKeyData().getOctets();
        if (point.length == 0 || point[0] != 0x04) {
          throw new InvalidInputException("EC public key must be an uncompressed point");
        }
        // Validates the key too: the point must lie on the curve.
        key = PublicKeyFactory.createKey(info);
      } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        if (!DERNull.INSTANCE.equals(alg.getParameters())) {
          throw new InvalidInputException("RSA key must have NULL algorithm parameters");
        }
        implied = KeyScheme.RSA_PSS_SHA256;
        key = PublicKeyFactory.createKey(info);
      } else {
        throw new InvalidInputException("unsupported public key algorithm " + oid.getId());
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("invalid public key: " + e.getMessage(), e);
    }
    KeyScheme chosen = scheme == null ? implied : scheme;
    boolean fits = chosen == implied || (implied == KeyScheme.RSA_PSS_SHA256 && chosen.isRsa());
    if (!fits) {
      throw new InvalidInputException(
          "a " + describe(implied) + " key cannot be used with scheme " + chosen.id());
    }
    if (chosen.isRsa()) {
      int bits = ((RSAKeyParameters) key).getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "RSA modulus of %d bits is under the %d required",
                bits,
                MIN_RSA_BITS));
      }
    }
    return new VerificationKey(chosen, der.clone(), key);
  }

  private static List<VerificationKey> importAll(KeyKind kind, byte[] file)
      throws InvalidInputException {
    List<VerificationKey> keys = new java.util.ArrayList<>();
    for (byte[] encoded : kind.importFile(file)) {
      keys.add(decode(encoded, kind.scheme()));
    }
    return List.copyOf(keys);
  }

  /**
   * Reads a public key file: SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) or DER,
   * detected by content.
   *
   * @param scheme the scheme to bind, or null for the one the key implies
   * @throws InvalidInputException if it is neither, or the key is not supported
   */
  public static VerificationKey read(byte[] file, KeyScheme scheme) throws InvalidInputException {
    String text = new String(file, java.nio.charset.StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN")) {
      return fromSpki(file, scheme);
    }
    return fromSpki(pemPublicKey(text), scheme);
  }

  /**
   * The DER content of the one {@code PUBLIC KEY} PEM block in {@code text}. Nothing but whitespace
   * may follow the block: a second key after it would otherwise be dropped without a word, and the
   * reader of the file could take it for one that counts.
   *
   * @throws InvalidInputException if there is no such block, it does not decode, or anything
   *     follows it
   */
  public static byte[] pemPublicKey(String text) throws InvalidInputException {
    try (org.bouncycastle.util.io.pem.PemReader r =
        new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(text))) {
      org.bouncycastle.util.io.pem.PemObject o = r.readPemObject();
      if (o == null || !o.getType().equals("PUBLIC KEY")) {
        throw new InvalidInputException(
            "not a public key PEM (expected -----BEGIN PUBLIC KEY-----)");
      }
      StringBuilder rest = new StringBuilder();
      for (int c; (c = r.read()) != -1; ) {
        rest.append((char) c);
      }
      if (!rest.toString().isBlank()) {
        throw new InvalidInputException("public key PEM has content after its block");
      }
      return o.getContent();
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("not a public key PEM: " + e.getMessage(), e);
    }
  }

  private static KeyScheme ecScheme(AlgorithmIdentifier alg) throws InvalidInputException {
    if (!(alg.getParameters() instanceof ASN1ObjectIdentifier)) {
      throw new InvalidInputException("EC key must name its curve");
    }
    ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) alg.getParameters();
    if (curve.equals(SECObjectIdentifiers.secp256r1)) {
      return KeyScheme.ECDSA_P256_SHA256;
    }
    if (curve.equals(SECObjectIdentifiers.secp384r1)) {
      return KeyScheme.ECDSA_P384_SHA384;
    }
    throw new InvalidInputException("unsupported EC curve " + curve.getId());
  }

  private static String describe(KeyScheme implied) {
    switch (implied) {
      case ED25519:
        return "Ed25519";
      case ECDSA_P256_SHA256:
        return "P-256";
      case ECDSA_P384_SHA384:
        return "P-384";
      case RSA_PSS_SHA256:
      case RSA_PKCS1_SHA256:
        return "RSA";
      default:
        return implied.id();
    }
  }

  public KeyScheme scheme() {
    return scheme;
  }

  /** Lowercase hex SHA-256 of the SubjectPublicKeyInfo DER. */
  public String keyId() {
    return keyId;
  }

  /**
   * A copy of the SubjectPublicKeyInfo DER.
   *
   * @throws IllegalStateException if the key's scheme is not a SubjectPublicKeyInfo scheme
   */
  public byte[] spki() {
    if (!scheme.isSpki()) {
      throw new IllegalStateException(scheme.id() + " keys have no SubjectPublicKeyInfo");
    }
    return encoded.clone();
  }

  /** A copy of the encoding the manifest stores ({@code publicKey}): SPKI DER or the kind's own. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Identities of the public key material this key verifies with (lowercase hex SHA-256 of each
   * piece, see {@link KeyKind#keyMaterial}): for SPKI keys the key id itself. Two keys of one
   * scheme that share one are the same key listed twice.
   */
  public List<String> materialIds() {
    if (scheme.isSpki()) {
      return List.of(keyId);
    }
    List<String> ids = new java.util.ArrayList<>();
    for (byte[] m : kind(scheme).keyMaterial(material)) {
      ids.add(keyIdOf(m));
    }
    return List.copyOf(ids);
  }

  /** A short description for people: the key's user id, key number or certificate subject. */
  public String describe() {
    return scheme.isSpki() ? describe(scheme) + " key" : kind(scheme).describe(material);
  }

  /**
   * The parsed key of a kind that is not SPKI, as its {@link KeyKind#decode} returned it.
   *
   * @throws IllegalStateException if the key is of another scheme
   */
  <T> T material(KeyScheme expected, Class<T> type) {
    if (scheme != expected) {
      throw new IllegalStateException(this + " is not a " + expected.id() + " key");
    }
    return type.cast(material);
  }

  /** The lengths a raw signature by this key may have, in bytes (none for the non-SPKI kinds). */
  int[] rawSignatureLengths() {
    if (!scheme.isSpki()) {
      return new int[0];
    }
    switch (scheme) {
      case ED25519:
        return new int[] {64};
      case ECDSA_P256_SHA256:
        return new int[] {64};
      case ECDSA_P384_SHA384:
        return new int[] {96};
      default:
        return new int[] {(((RSAKeyParameters) key).getModulus().bitLength() + 7) / 8};
    }
  }

  AsymmetricKeyParameter parameters() {
    return key;
  }

  /**
   * Whether {@code signature} is a valid signature of {@code message} by this key under its scheme.
   * Fails closed: a malformed signature, or any failure inside the cryptographic code, is {@code
   * false}.
   */
  public boolean verify(byte[] message, byte[] signature) {
    requireNonNull(message, "message");
    requireNonNull(signature, "signature");
    try {
      return Signatures.verify(this, message, signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  static BigInteger[] derSignature(byte[] sig) throws IOException {
    ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sig));
    if (seq.size() != 2) {
      throw new IOException("not two integers");
    }
    BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    if (!Arrays.equals(seq.getEncoded(ASN1Encoding.DER), sig)) {
      throw new IOException("not DER");
    }
    return new BigInteger[] {r, s};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationKey
        && ((VerificationKey) o).scheme == scheme
        && Arrays.equals(((VerificationKey) o).encoded, encoded);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return scheme.id() + " key " + keyId;
  }
}
