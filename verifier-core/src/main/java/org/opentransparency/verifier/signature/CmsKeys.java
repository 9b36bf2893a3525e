package org.opentransparency.verifier.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/**
 * X.509 CA certificates in a manifest (scheme {@code x509-ca}, docs/signatures-cms.md). The
 * manifest's {@code publicKey} is the certificate's DER; the key id is the lowercase hex SHA-256 of
 * that DER. Only CA certificates are accepted: basicConstraints cA=true and, when keyUsage is
 * present, keyCertSign.
 */
final class CmsKeys {
  private CmsKeys() {}

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

  /** A decoded CA certificate: its DER, the JDK's view for path validation, and its subject. */
  static final class Ca {
    final byte[] der;
    final X509Certificate cert;
    final String subject;

    Ca(byte[] der, X509Certificate cert, String subject) {
      this.der = der;
      this.cert = cert;
      this.subject = subject;
    }
  }

  /** A certificate's subject, as {@code manifest show} and every message print it. */
  static String name(X509Certificate c) {
    try {
      return org.bouncycastle.asn1.x500.X500Name.getInstance(
              c.getSubjectX500Principal().getEncoded())
          .toString();
    } catch (RuntimeException e) {
      return c.getSubjectX500Principal().getName();
    }
  }

  /** The JDK's reading of a certificate's DER. */
  static X509Certificate jdk(byte[] der) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  /** Reads a CA certificate from its DER, refusing other encodings and non-CA certificates. */
  static Ca read(byte[] der) throws InvalidInputException {
    Certificate c;
    try {
      c = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
      if (c == null || !Arrays.equals(c.getEncoded(ASN1Encoding.DER), der)) {
        throw new InvalidInputException("X.509 certificate is not in canonical DER form");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("not an X.509 certificate", e);
    }
    String subject = c.getSubject().toString();
    Extensions ext = c.getTBSCertificate().getExtensions();
    BasicConstraints bc;
    KeyUsage ku;
    try {
      bc = ext == null ? null : BasicConstraints.fromExtensions(ext);
      ku = ext == null ? null : KeyUsage.fromExtensions(ext);
    } catch (RuntimeException e) {
      throw new InvalidInputException("X.509 certificate " + subject + " has bad extensions", e);
    }
    if (bc == null || !bc.isCA()) {
      throw new InvalidInputException(
          "X.509 certificate "
              + subject
              + " is not a CA certificate (basicConstraints cA=true is required); give the CA"
              + " that issues the signing certificates");
    }
    if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
      throw new InvalidInputException(
          "X.509 CA certificate " + subject + " lacks the keyCertSign key usage");
    }
    try {
      return new Ca(der.clone(), jdk(der), subject);
    } catch (CertificateException | RuntimeException e) {
      throw new InvalidInputException("X.509 certificate " + subject + " cannot be read", e);
    }
  }

  /** The DER of every certificate block of a PEM file, or the file itself when it is DER. */
  static List<byte[]> certificates(byte[] file) throws InvalidInputException {
    String text = new String(file, StandardCharsets.ISO_8859_1);
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      return List.of(file);
    }
    List<byte[]> out = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      try {
        out.add(Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", "")));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("bad base64 in a PEM certificate block", e);
      }
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("no complete PEM certificate block");
    }
    return out;
  }

  static final KeyKind KIND =
      new KeyKind() {
        @Override
        public KeyScheme scheme() {
          return KeyScheme.X509_CA;
        }

        @Override
        public Object decode(byte[] encoded) throws InvalidInputException {
          return read(encoded);
        }

        @Override
        public String keyId(Object material) {
          return MultiDigester.digest(((Ca) material).der, List.of(DigestAlgorithm.SHA256))
              .get(DigestAlgorithm.SHA256)
              .hex();
        }

        @Override
        public List<byte[]> keyMaterial(Object material) {
          // The CA's SubjectPublicKeyInfo: a certificate renewed on the same key is the same CA.
          return List.of(((Ca) material).cert.getPublicKey().getEncoded());
        }

        @Override
        public String describe(Object material) {
          return ((Ca) material).subject;
        }

        @Override
        public boolean recognizes(byte[] file) {
          if (new String(file, StandardCharsets.ISO_8859_1)
              .contains("-----BEGIN CERTIFICATE-----")) {
            return true;
          }
          if (file.length < 16 || file[0] != 0x30) {
            return false;
          }
          try {
            return Certificate.getInstance(ASN1Primitive.fromByteArray(file)) != null;
          } catch (IOException | RuntimeException e) {
            return false;
          }
        }

        @Override
        public List<byte[]> importFile(byte[] file) throws InvalidInputException {
          List<byte[]> out = new ArrayList<>();
          for (byte[] der : certificates(file)) {
            out.add(read(der).der);
          }
          return out;
        }
      };
}
