package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.manifest.ManifestFixture;

/**
 * One private key listed twice under two key ids must not count twice: an OpenPGP key re-wrapped
 * with another creation time (another fingerprint), a minisign key under another key number, a CA
 * certificate renewed on the same key. The manifest that lists such a pair is invalid.
 */
class KeyMaterialTest {
  static final Date SIGNED = Date.from(Instant.parse("2026-02-01T00:00:00Z"));

  static PGPSignatureGenerator gen(PGPKeyPair k, int type, Date when, int flags) throws Exception {
    PGPSignatureGenerator g =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(
                k.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
            k.getPublicKey());
    g.init(type, k.getPrivateKey());
    PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
    h.setSignatureCreationTime(true, when);
    h.setIssuerFingerprint(true, k.getPublicKey());
    if (flags != 0) {
      h.setKeyFlags(true, flags);
    }
    g.setHashedSubpackets(h.generate());
    return g;
  }

  static VerificationKey cert(PGPKeyPair k, String uid) throws Exception {
    PGPPublicKey pub = k.getPublicKey();
    PGPSignatureGenerator g =
        gen(
            k,
            PGPSignature.POSITIVE_CERTIFICATION,
            pub.getCreationTime(),
            KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
    pub = PGPPublicKey.addCertification(pub, uid, g.generateCertification(uid, pub));
    byte[] enc = new PGPPublicKeyRing(List.of(pub)).getEncoded();
    return VerificationKey.decode(enc, KeyScheme.OPENPGP);
  }

  static byte[] sign(PGPKeyPair k, byte[] data) throws Exception {
    PGPSignatureGenerator g = gen(k, PGPSignature.BINARY_DOCUMENT, SIGNED, 0);
    g.update(data);
    return g.generate().getEncoded();
  }

  @Test
  void openPgpKeyUnderTwoCreationTimes_manifestInvalid_notCountedTwice() throws Exception {
    Ed25519KeyPairGenerator kpg = new Ed25519KeyPairGenerator();
    kpg.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
    AsymmetricCipherKeyPair kp = kpg.generateKeyPair();
    PGPKeyPair a =
        new BcPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.EDDSA_LEGACY,
            kp,
            Date.from(Instant.parse("2026-01-01T00:00:00Z")));
    PGPKeyPair b =
        new BcPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.EDDSA_LEGACY,
            kp,
            Date.from(Instant.parse("2026-01-01T00:00:01Z")));
    VerificationKey ka = cert(a, "Mallory A <m@example.org>");
    VerificationKey kb = cert(b, "Mallory B <m@example.org>");
    byte[] manifest =
        new ManifestFixture()
            .role("root", 2)
            .role("software", 2)
            .key("r1", "root")
            .key("r2", "root")
            .key("r3", "root")
            .key(ka, "software")
            .key(kb, "software")
            .signedBy("r1", "r2")
            .toJson();
    byte[] data = "release 1.0\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream sig = new ByteArrayOutputStream();
    sig.write(sign(a, data));
    sig.write(sign(b, data));
    UpdateVerification v =
        UpdateVerifier.options()
            .build()
            .verify(
                new ByteArrayInputStream(data),
                "release.txt",
                sig.toByteArray(),
                manifest,
                "software",
                TestData.AT);
    assertFalse(v.isValid(), "one private key met a threshold of 2: signers " + v.signers());
    assertEquals(ReasonCode.MANIFEST_INVALID, v.reasons().get(0).code());
    assertTrue(
        v.reasons().get(0).message().contains("share the same public key material"),
        v.reasons().toString());
    // Each certificate alone is a valid manifest key.
    assertTrue(ka.materialIds().equals(kb.materialIds()));
    assertFalse(ka.keyId().equals(kb.keyId()));
  }

  @Test
  void minisignKeyUnderTwoKeyNumbers_manifestInvalid() throws Exception {
    byte[] file =
        java.nio.file.Files.readAllBytes(TestData.path("signatures/minisign/minisign.pub"));
    String[] lines = new String(file, StandardCharsets.US_ASCII).split("\n");
    byte[] key = java.util.Base64.getDecoder().decode(lines[1].strip());
    byte[] renumbered = key.clone();
    renumbered[2] ^= 1;
    VerificationKey a = VerificationKey.decode(key, KeyScheme.MINISIGN);
    VerificationKey b = VerificationKey.decode(renumbered, KeyScheme.MINISIGN);

    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.opentransparency.verifier.InvalidInputException.class,
            () ->
                parse(
                    new ManifestFixture()
                        .role("root", 1)
                        .key("r1", "root")
                        .key(a, "software")
                        .key(b, "software")
                        .role("software", 1)));

    assertTrue(e.getMessage().contains("share the same public key material"), e.getMessage());
    // The same 42 bytes as a signify key have the same key id: listed twice, refused too.
    org.junit.jupiter.api.Assertions.assertThrows(
        org.opentransparency.verifier.InvalidInputException.class,
        () ->
            parse(
                new ManifestFixture()
                    .role("root", 1)
                    .role("software", 1)
                    .key("r1", "root")
                    .key(a, "software")
                    .key(VerificationKey.decode(key, KeyScheme.SIGNIFY), "software")));
  }

  @Test
  void caCertificateRenewedOnTheSameKey_manifestInvalid() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    java.security.KeyPair pair = g.generateKeyPair();
    VerificationKey old = ca(pair, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    VerificationKey renewed = ca(pair, "2026-06-01T00:00:00Z", "2028-01-01T00:00:00Z");

    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.opentransparency.verifier.InvalidInputException.class,
            () ->
                parse(
                    new ManifestFixture()
                        .role("root", 1)
                        .role("software", 1)
                        .key("r1", "root")
                        .key(old, "software")
                        .key(renewed, "software")));

    assertTrue(e.getMessage().contains("share the same public key material"), e.getMessage());
    assertFalse(old.keyId().equals(renewed.keyId()));
  }

  private static VerificationKey ca(java.security.KeyPair pair, String from, String to)
      throws Exception {
    org.bouncycastle.asn1.x500.X500Name name =
        new org.bouncycastle.asn1.x500.X500Name("CN=Renewed CA");
    org.bouncycastle.cert.X509v3CertificateBuilder b =
        new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
            name,
            java.math.BigInteger.valueOf(Instant.parse(from).getEpochSecond()),
            Date.from(Instant.parse(from)),
            Date.from(Instant.parse(to)),
            name,
            pair.getPublic());
    b.addExtension(
        org.bouncycastle.asn1.x509.Extension.basicConstraints,
        true,
        new org.bouncycastle.asn1.x509.BasicConstraints(true));
    b.addExtension(
        org.bouncycastle.asn1.x509.Extension.keyUsage,
        true,
        new org.bouncycastle.asn1.x509.KeyUsage(
            org.bouncycastle.asn1.x509.KeyUsage.keyCertSign
                | org.bouncycastle.asn1.x509.KeyUsage.digitalSignature));
    byte[] der =
        b.build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate()))
            .getEncoded();
    return VerificationKey.decode(der, KeyScheme.X509_CA);
  }

  private static void parse(ManifestFixture f) throws Exception {
    org.opentransparency.verifier.manifest.KeyManifest.parse(
        f.signedBy("r1").toJson(), org.opentransparency.verifier.Limits.defaults());
  }
}
