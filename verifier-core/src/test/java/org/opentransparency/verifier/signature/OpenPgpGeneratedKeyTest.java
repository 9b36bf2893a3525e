package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.manifest.ManifestFixture;

/**
 * OpenPGP cases no tool makes on purpose, built here with BouncyCastle from fresh Ed25519 keys: a
 * key or subkey revoked by a SHA-1 or MD5 revocation (what older gpg versions made), and a data
 * signature without a hashed creation time.
 */
class OpenPgpGeneratedKeyTest {
  static final Date CREATED = Date.from(Instant.parse("2026-01-01T00:00:00Z"));
  static final Date SIGNED = Date.from(Instant.parse("2026-02-01T00:00:00Z"));
  static final Date REVOKED = Date.from(Instant.parse("2026-03-01T00:00:00Z"));
  static final byte[] DATA = "release 1.0\n".getBytes(StandardCharsets.UTF_8);
  static final String UID = "Carol <c@example.org>";

  static PGPKeyPair newKey() throws Exception {
    Ed25519KeyPairGenerator kpg = new Ed25519KeyPairGenerator();
    kpg.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
    return new BcPGPKeyPair(
        PublicKeyPacket.VERSION_4,
        PublicKeyAlgorithmTags.EDDSA_LEGACY,
        kpg.generateKeyPair(),
        CREATED);
  }

  /** A v4 signature generator by {@code k}: creation time, issuer fingerprint, optional flags. */
  static PGPSignatureGenerator gen(PGPKeyPair k, int type, int hash, Date when, int flags)
      throws Exception {
    PGPSignatureGenerator g =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(k.getPublicKey().getAlgorithm(), hash), k.getPublicKey());
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

  /** The primary with a SHA-512 user-id self-signature giving it the given flags. */
  static PGPPublicKey certified(PGPKeyPair k, int flags) throws Exception {
    PGPPublicKey pub = k.getPublicKey();
    return PGPPublicKey.addCertification(
        pub,
        UID,
        gen(k, PGPSignature.POSITIVE_CERTIFICATION, HashAlgorithmTags.SHA512, CREATED, flags)
            .generateCertification(UID, pub));
  }

  static byte[] sign(PGPKeyPair k) throws Exception {
    PGPSignatureGenerator g =
        gen(k, PGPSignature.BINARY_DOCUMENT, HashAlgorithmTags.SHA512, SIGNED, 0);
    g.update(DATA);
    return g.generate().getEncoded();
  }

  static UpdateVerification verify(PGPPublicKeyRing ring, byte[] signature) throws Exception {
    VerificationKey k = VerificationKey.decode(ring.getEncoded(), KeyScheme.OPENPGP);
    byte[] manifest =
        new ManifestFixture()
            .role("root", 2)
            .role("software", 1)
            .key("r1", "root")
            .key("r2", "root")
            .key("r3", "root")
            .key(k, "software")
            .signedBy("r1", "r2")
            .toJson();
    return UpdateVerifier.options()
        .build()
        .verify(
            new ByteArrayInputStream(DATA),
            "release.txt",
            signature,
            manifest,
            "software",
            TestData.AT);
  }

  static List<ReasonCode> codes(UpdateVerification v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  static final List<ReasonCode> REVOKED_CODES =
      List.of(ReasonCode.KEY_REVOKED, ReasonCode.THRESHOLD_NOT_MET);

  private static void assertPrimaryRevokedBy(int hash) throws Exception {
    PGPKeyPair a = newKey();
    PGPPublicKey pub = certified(a, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
    assertTrue(verify(new PGPPublicKeyRing(List.of(pub)), sign(a)).isValid(), "before revoking");
    pub =
        PGPPublicKey.addCertification(
            pub, gen(a, PGPSignature.KEY_REVOCATION, hash, REVOKED, 0).generateCertification(pub));
    UpdateVerification v = verify(new PGPPublicKeyRing(List.of(pub)), sign(a));
    assertFalse(v.isValid());
    assertEquals(REVOKED_CODES, codes(v));
  }

  @Test
  void sha1KeyRevocation_after2013_stillRevokes() throws Exception {
    assertPrimaryRevokedBy(HashAlgorithmTags.SHA1);
  }

  @Test
  void md5KeyRevocation_stillRevokes() throws Exception {
    assertPrimaryRevokedBy(HashAlgorithmTags.MD5);
  }

  @Test
  void sha1SubkeyRevocation_stillRevokes() throws Exception {
    PGPKeyPair primary = newKey();
    PGPKeyPair sub = newKey().asSubkey(new BcKeyFingerprintCalculator());
    PGPPublicKey pub = certified(primary, KeyFlags.CERTIFY_OTHER);
    // The binding (0x18) with the signing flag, embedding the subkey's back-signature (0x19).
    PGPSignatureGenerator back =
        gen(sub, PGPSignature.PRIMARYKEY_BINDING, HashAlgorithmTags.SHA512, CREATED, 0);
    PGPSignature backSig = back.generateCertification(pub, sub.getPublicKey());
    PGPSignatureGenerator bind =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA512), pub);
    bind.init(PGPSignature.SUBKEY_BINDING, primary.getPrivateKey());
    PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
    h.setSignatureCreationTime(true, CREATED);
    h.setIssuerFingerprint(true, pub);
    h.setKeyFlags(true, KeyFlags.SIGN_DATA);
    h.addEmbeddedSignature(false, backSig);
    bind.setHashedSubpackets(h.generate());
    PGPPublicKey subPub =
        PGPPublicKey.addCertification(
            sub.getPublicKey(), bind.generateCertification(pub, sub.getPublicKey()));
    assertTrue(verify(new PGPPublicKeyRing(List.of(pub, subPub)), sign(sub)).isValid(), "bound");
    PGPSignatureGenerator rev =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA1), pub);
    rev.init(PGPSignature.SUBKEY_REVOCATION, primary.getPrivateKey());
    PGPSignatureSubpacketGenerator r = new PGPSignatureSubpacketGenerator();
    r.setSignatureCreationTime(true, REVOKED);
    r.setIssuerFingerprint(true, pub);
    rev.setHashedSubpackets(r.generate());
    PGPPublicKey revokedSub =
        PGPPublicKey.addCertification(subPub, rev.generateCertification(pub, sub.getPublicKey()));
    UpdateVerification v = verify(new PGPPublicKeyRing(List.of(pub, revokedSub)), sign(sub));
    assertEquals(REVOKED_CODES, codes(v));
  }

  @Test
  void dataSignatureWithoutHashedCreationTime_malformed() throws Exception {
    PGPKeyPair a = newKey();
    PGPPublicKeyRing ring =
        new PGPPublicKeyRing(List.of(certified(a, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA)));
    // BouncyCastle adds a creation time to every signature it makes; this generator does not.
    PGPSignatureGenerator g =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(
                a.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
            a.getPublicKey()) {
          @Override
          protected void prepareSignatureSubpackets() {}
        };
    g.init(PGPSignature.BINARY_DOCUMENT, a.getPrivateKey());
    PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
    h.setIssuerFingerprint(true, a.getPublicKey());
    g.setHashedSubpackets(h.generate());
    g.update(DATA);
    PGPSignature undated = g.generate();
    assertFalse(undated.getHashedSubPackets().hasSubpacket(2), "no creation-time subpacket");
    // It verifies, and BouncyCastle dates it 1970, not null.
    undated.init(OpenPgpCert.VERIFIERS, a.getPublicKey());
    undated.update(DATA);
    assertTrue(undated.verify());
    assertEquals(Instant.EPOCH, undated.getCreationTime().toInstant());
    UpdateVerification v = verify(ring, undated.getEncoded());
    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE, ReasonCode.THRESHOLD_NOT_MET), codes(v));
  }
}
