package org.opentransparency.verifier.signature;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PBKDF2Config;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.opentransparency.verifier.InvalidInputException;

/**
 * A private key with its scheme and public half, for {@code keygen}, {@code sign} and {@code
 * manifest sign}. Private keys are PKCS#8 PEM, encrypted (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC)
 * when a passphrase is given. Immutable and thread-safe; signing uses a fresh signer per call.
 */
public final class SigningKey {
  /** The key types {@code keygen} makes. */
  public enum Kind {
    ED25519("ed25519", KeyScheme.ED25519),
    ECDSA_P256("ecdsa-p256", KeyScheme.ECDSA_P256_SHA256),
    ECDSA_P384("ecdsa-p384", KeyScheme.ECDSA_P384_SHA384),
    RSA_PSS_3072("rsa-pss-3072", KeyScheme.RSA_PSS_SHA256),
    RSA_PSS_4096("rsa-pss-4096", KeyScheme.RSA_PSS_SHA256);

    private final String id;
    private final KeyScheme scheme;

    Kind(String id, KeyScheme scheme) {
      this.id = id;
      this.scheme = scheme;
    }

    public String id() {
      return id;
    }

    public KeyScheme scheme() {
      return scheme;
    }
  }

  /** PBKDF2 iterations for encrypted keys (OWASP's 2023 figure for HMAC-SHA256). */
  static final int PBKDF2_ITERATIONS = 600_000;

  private final AsymmetricKeyParameter privateKey;
  private final VerificationKey publicKey;

  private SigningKey(AsymmetricKeyParameter privateKey, VerificationKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A new key of the given kind. */
  public static SigningKey generate(Kind kind, SecureRandom random) {
    requireNonNull(random, "random");
    AsymmetricCipherKeyPair pair;
    switch (kind) {
      case ED25519:
        Ed25519KeyPairGenerator ed = new Ed25519KeyPairGenerator();
        ed.init(new Ed25519KeyGenerationParameters(random));
        pair = ed.generateKeyPair();
        break;
      case ECDSA_P256:
      case ECDSA_P384:
        var oid =
            kind == Kind.ECDSA_P256
                ? SECObjectIdentifiers.secp256r1
                : SECObjectIdentifiers.secp384r1;
        X9ECParameters x9 = ECNamedCurveTable.getByOID(oid);
        ECKeyPairGenerator ec = new ECKeyPairGenerator();
        ec.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(oid, x9), random));
        pair = ec.generateKeyPair();
        break;
      default:
        int bits = kind == Kind.RSA_PSS_3072 ? 3072 : 4096;
        RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
        rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), random, bits, 112));
        pair = rsa.generateKeyPair();
    }
    try {
      byte[] spki =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic())
              .getEncoded(ASN1Encoding.DER);
      return new SigningKey(pair.getPrivate(), VerificationKey.fromSpki(spki, kind.scheme()));
    } catch (IOException e) {
      throw new IllegalStateException("a freshly generated key did not encode", e);
    }
  }

  /**
   * Reads a PKCS#8 private key PEM ({@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}). RSA keys
   * sign with {@code scheme}, which defaults to {@code rsa-pss-sha256}.
   *
   * @param passphrase for an encrypted key; null for a plain one
   * @param scheme the scheme to sign with, or null for the one the key implies
   * @throws InvalidInputException if the PEM is not a supported private key, the passphrase is
   *     missing or wrong, or the key does not fit the scheme
   */
  public static SigningKey readPem(String pem, char[] passphrase, KeyScheme scheme)
      throws InvalidInputException {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("not a PEM private key", e);
    }
    PrivateKeyInfo info;
    if (parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
      if (passphrase == null) {
        throw new InvalidInputException("the private key is encrypted; give its passphrase file");
      }
      try {
        info =
            ((PKCS8EncryptedPrivateKeyInfo) parsed)
                .decryptPrivateKeyInfo(
                    new JcePKCSPBEInputDecryptorProviderBuilder()
                        .setProvider(new BouncyCastleProvider())
                        .build(passphrase));
      } catch (PKCSException | RuntimeException e) {
        throw new InvalidInputException("cannot decrypt the private key: wrong passphrase?", e);
      }
    } else if (parsed instanceof PrivateKeyInfo) {
      info = (PrivateKeyInfo) parsed;
    } else {
      throw new InvalidInputException("not a PKCS#8 private key (PRIVATE KEY PEM)");
    }
    try {
      AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(info);
      AsymmetricKeyParameter pub = publicOf(priv);
      byte[] spki =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded(ASN1Encoding.DER);
      return new SigningKey(priv, VerificationKey.fromSpki(spki, scheme));
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("unsupported private key: " + e.getMessage(), e);
    }
  }

  private static AsymmetricKeyParameter publicOf(AsymmetricKeyParameter priv)
      throws InvalidInputException {
    if (priv instanceof Ed25519PrivateKeyParameters) {
      return ((Ed25519PrivateKeyParameters) priv).generatePublicKey();
    }
    if (priv instanceof ECPrivateKeyParameters) {
      ECPrivateKeyParameters ec = (ECPrivateKeyParameters) priv;
      return new org.bouncycastle.crypto.params.ECPublicKeyParameters(
          ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
    }
    if (priv instanceof RSAPrivateCrtKeyParameters) {
      RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) priv;
      return new org.bouncycastle.crypto.params.RSAKeyParameters(
          false, rsa.getModulus(), rsa.getPublicExponent());
    }
    throw new InvalidInputException("unsupported private key type");
  }

  /** The public half, with the scheme this key signs with. */
  public VerificationKey publicKey() {
    return publicKey;
  }

  public KeyScheme scheme() {
    return publicKey.scheme();
  }

  /** Signs {@code message}: ECDSA signatures are DER, deterministic (RFC 6979). */
  public byte[] sign(byte[] message) {
    try {
      switch (scheme()) {
        case ED25519:
          Ed25519Signer ed = new Ed25519Signer();
          ed.init(true, privateKey);
          ed.update(message, 0, message.length);
          return ed.generateSignature();
        case ECDSA_P256_SHA256:
          return ecdsa(new SHA256Digest(), new SHA256Digest(), message);
        case ECDSA_P384_SHA384:
          return ecdsa(new SHA384Digest(), new SHA384Digest(), message);
        case RSA_PSS_SHA256:
          PSSSigner pss =
              new PSSSigner(
                  new RSABlindedEngine(),
                  new SHA256Digest(),
                  new SHA256Digest(),
                  Signatures.PSS_SALT_BYTES,
                  PSSSigner.TRAILER_IMPLICIT);
          pss.init(true, new ParametersWithRandom(privateKey, new SecureRandom()));
          pss.update(message, 0, message.length);
          return pss.generateSignature();
        default:
          RSADigestSigner pkcs1 = new RSADigestSigner(new SHA256Digest());
          pkcs1.init(true, privateKey);
          pkcs1.update(message, 0, message.length);
          return pkcs1.generateSignature();
      }
    } catch (CryptoException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** RFC 6979 derives k with HMAC over the message's own hash function. */
  private byte[] ecdsa(Digest digest, Digest forK, byte[] message) {
    byte[] hash = new byte[digest.getDigestSize()];
    digest.update(message, 0, message.length);
    digest.doFinal(hash, 0);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(forK));
    signer.init(true, privateKey);
    BigInteger[] rs = signer.generateSignature(hash);
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PKCS#8 PEM of the private key; encrypted when {@code passphrase} is not null. */
  public String privatePem(char[] passphrase, SecureRandom random) {
    try {
      PrivateKeyInfo info =
          privateKey instanceof Ed25519PrivateKeyParameters
              // RFC 8410's version 1 form, without the public key: OpenSSL 3.0 reads only this.
              ? new PrivateKeyInfo(
                  new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                  new DEROctetString(((Ed25519PrivateKeyParameters) privateKey).getEncoded()))
              : PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey);
      if (passphrase == null) {
        return pem("PRIVATE KEY", info.getEncoded(ASN1Encoding.DER));
      }
      var encryptor =
          new JcePKCSPBEOutputEncryptorBuilder(
                  new PBKDF2Config.Builder()
                      .withPRF(PBKDF2Config.PRF_SHA256)
                      .withIterationCount(PBKDF2_ITERATIONS)
                      .withSaltLength(16)
                      .build(),
                  NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(new BouncyCastleProvider())
              .setRandom(random)
              .build(passphrase);
      PKCS8EncryptedPrivateKeyInfo enc =
          new PKCS8EncryptedPrivateKeyInfoBuilder(info).build(encryptor);
      return pem("ENCRYPTED PRIVATE KEY", enc.getEncoded());
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot encode the private key", e);
    }
  }

  /** SubjectPublicKeyInfo PEM of the public key. */
  public String publicPem() {
    return pem("PUBLIC KEY", publicKey.spki());
  }

  static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Hides the private key from logs and debuggers' toString. */
  @Override
  public String toString() {
    return "private " + publicKey;
  }
}
