package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestFixture;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.Role;

/**
 * CMS detached signatures made by openssl (testdata/signatures/cms/make.sh): accepted DER and PEM,
 * each refusal with its reason code, and RFC 3161 tokens that move the validity time.
 */
class CmsSignaturesTest {
  /** After the "expiring" leaf's notAfter (2028-01-01) and after every token's genTime. */
  static final Instant LATER = Instant.parse("2029-01-01T00:00:00Z");

  @TempDir Path dir;

  static Path fixture(String name) {
    return TestData.path("signatures/cms/" + name);
  }

  static VerificationKey ca(String name) throws Exception {
    return VerificationKey.readAll(Files.readAllBytes(fixture(name)), null).get(0);
  }

  /** A manifest: root keys r1..r3, root-ca for software, tsa-ca for timestamp, plus extras. */
  static byte[] manifest(List<ManifestKey> extra, boolean standardCas) throws Exception {
    return manifest(extra, standardCas, 1);
  }

  static byte[] manifest(List<ManifestKey> extra, boolean standardCas, int softwareThreshold)
      throws Exception {
    List<ManifestKey> keys = new ArrayList<>();
    for (String r : List.of("r1", "r2", "r3")) {
      keys.add(
          new ManifestKey(ManifestFixture.key(r).publicKey(), Set.of("root"), null, null, null));
    }
    if (standardCas) {
      keys.add(new ManifestKey(ca("root-ca.pem"), Set.of("software"), null, null, null));
      keys.add(new ManifestKey(ca("tsa-ca.pem"), Set.of("timestamp"), null, null, null));
    }
    keys.addAll(extra);
    List<Role> roles =
        new ArrayList<>(List.of(new Role("root", 2), new Role("software", softwareThreshold)));
    if (keys.stream().anyMatch(k -> k.hasRole("timestamp"))) {
      roles.add(new Role("timestamp", 1));
    }
    if (keys.stream().anyMatch(k -> k.hasRole("threat-rules"))) {
      roles.add(new Role("threat-rules", 1));
    }
    Envelope env =
        KeyManifest.unsigned(
            "Example Security Ltd",
            1,
            AT.minusSeconds(86_400),
            Instant.parse("2030-06-01T00:00:00Z"),
            roles,
            keys);
    return ManifestFixture.sign(env, "r1", "r2").toJson();
  }

  static byte[] manifest() throws Exception {
    return manifest(List.of(), true);
  }

  UpdateVerification verify(String file, String sig, byte[] manifest, Instant at)
      throws IOException {
    return UpdateVerifier.options()
        .build()
        .verify(fixture(file), fixture(sig), manifest, "software", at);
  }

  UpdateVerification verify(String sig, Instant at) throws Exception {
    return verify("release.txt", sig, manifest(), at);
  }

  static List<ReasonCode> codes(UpdateVerification v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  /** The failure, and the threshold the verifier then says is not met. */
  static List<ReasonCode> refused(ReasonCode code) {
    return List.of(code, ReasonCode.THRESHOLD_NOT_MET);
  }

  static String rootCaId() throws Exception {
    return ca("root-ca.pem").keyId();
  }

  @Test
  void der_chainsThroughIntermediate_valid() throws Exception {
    UpdateVerification v = verify("good.p7s", AT);

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals("cms", v.format());
    assertEquals(List.of(rootCaId()), v.signers());
    assertEquals(Map.of(), v.details());
  }

  @Test
  void pem_valid() throws Exception {
    UpdateVerification v = verify("good-pem.p7s", AT);

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(List.of(rootCaId()), v.signers());
  }

  @Test
  void tamperedFile_digestMismatch() throws Exception {
    assertEquals(
        refused(ReasonCode.DIGEST_MISMATCH),
        codes(verify("tampered.txt", "good.p7s", manifest(), AT)));
  }

  @Test
  void tamperedSignatureValue_badSignature() throws Exception {
    byte[] sig = Files.readAllBytes(fixture("good.p7s"));
    sig[sig.length - 1] ^= 1; // the last byte of the ECDSA signature value
    Path p = Files.write(dir.resolve("bad.p7s"), sig);
    UpdateVerification v =
        UpdateVerifier.options()
            .build()
            .verify(fixture("release.txt"), p, manifest(), "software", AT);

    assertEquals(refused(ReasonCode.BAD_SIGNATURE), codes(v));
  }

  @Test
  void leafWithoutCodeSigning_notAuthorized() throws Exception {
    UpdateVerification v = verify("noeku.p7s", AT);

    assertEquals(refused(ReasonCode.KEY_NOT_AUTHORIZED), codes(v));
    assertTrue(v.reasons().get(0).message().contains("codeSigning"), v.reasons().toString());
  }

  @Test
  void leafOfAnotherCa_unknownKey() throws Exception {
    assertEquals(refused(ReasonCode.UNKNOWN_KEY), codes(verify("other-ca.p7s", AT)));
  }

  @Test
  void intermediateMissingFromCertificateSet_unknownKey() throws Exception {
    assertEquals(refused(ReasonCode.UNKNOWN_KEY), codes(verify("no-intermediate.p7s", AT)));
  }

  @Test
  void sha1_weakDigest() throws Exception {
    assertEquals(refused(ReasonCode.WEAK_DIGEST), codes(verify("sha1.p7s", AT)));
  }

  @Test
  void truncated_malformed() throws Exception {
    assertEquals(refused(ReasonCode.MALFORMED_SIGNATURE), codes(verify("malformed.p7s", AT)));
  }

  @Test
  void contentInside_unsupported() throws Exception {
    assertEquals(refused(ReasonCode.UNSUPPORTED_FORMAT), codes(verify("attached.p7s", AT)));
  }

  @Test
  void expiringLeaf_validBeforeExpiry() throws Exception {
    assertTrue(verify("expired.p7s", AT).isValid());
  }

  @Test
  void expiredLeaf_withoutToken_keyExpired() throws Exception {
    assertEquals(refused(ReasonCode.KEY_EXPIRED), codes(verify("expired.p7s", LATER)));
  }

  @Test
  void expiredLeaf_withValidToken_valid_atGenTime() throws Exception {
    UpdateVerification v = verify("expired-ts.p7s", LATER);

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(List.of(rootCaId()), v.signers());
    assertEquals(
        Map.of("timestamp", TestData.lines("signatures/cms/gentime.txt").get(0)), v.details());
  }

  @Test
  void token_genTimeAfterT_refused() throws Exception {
    // The token's genTime (when make.sh ran) is after AT.
    Instant genTime = Instant.parse(TestData.lines("signatures/cms/gentime.txt").get(0));
    assertTrue(genTime.isAfter(AT));

    assertEquals(refused(ReasonCode.BAD_SIGNATURE), codes(verify("expired-ts.p7s", AT)));
  }

  @Test
  void tokenForAnotherSignature_badSignature() throws Exception {
    UpdateVerification v = verify("expired-ts-other.p7s", LATER);

    assertEquals(refused(ReasonCode.BAD_SIGNATURE), codes(v));
    assertTrue(v.reasons().get(0).message().contains("another signature"), v.toString());
  }

  @Test
  void tokenByTsaWithoutRoleTimestamp_notAuthorized() throws Exception {
    UpdateVerification v = verify("expired-ts-rogue.p7s", LATER);

    assertEquals(refused(ReasonCode.KEY_NOT_AUTHORIZED), codes(v));
    assertTrue(v.reasons().get(0).message().contains("role timestamp"), v.toString());
  }

  @Test
  void token_manifestWithoutTsaCa_unknownKey() throws Exception {
    byte[] m =
        manifest(
            List.of(new ManifestKey(ca("root-ca.pem"), Set.of("software"), null, null, null)),
            false);

    assertEquals(
        refused(ReasonCode.UNKNOWN_KEY), codes(verify("release.txt", "expired-ts.p7s", m, LATER)));
  }

  @Test
  void caWithoutRole_notAuthorized() throws Exception {
    byte[] m =
        manifest(
            List.of(
                new ManifestKey(ca("root-ca.pem"), Set.of("threat-rules"), null, null, null),
                new ManifestKey(
                    ManifestFixture.key("s1").publicKey(), Set.of("software"), null, null, null)),
            false);

    assertEquals(
        refused(ReasonCode.KEY_NOT_AUTHORIZED), codes(verify("release.txt", "good.p7s", m, AT)));
  }

  @Test
  void manifestWindowOfCa_expired() throws Exception {
    byte[] m =
        manifest(
            List.of(
                new ManifestKey(
                    ca("root-ca.pem"),
                    Set.of("software"),
                    null,
                    Instant.parse("2026-06-01T00:00:00Z"),
                    null)),
            false);

    assertEquals(refused(ReasonCode.KEY_EXPIRED), codes(verify("release.txt", "good.p7s", m, AT)));
  }

  /** The signing CA root-ca and the TSA CA tsa-ca, with these manifest windows. */
  static byte[] windows(Instant caFrom, Instant caTo, Instant tsaFrom, Instant tsaTo)
      throws Exception {
    return manifest(
        List.of(
            new ManifestKey(ca("root-ca.pem"), Set.of("software"), caFrom, caTo, null),
            new ManifestKey(ca("tsa-ca.pem"), Set.of("timestamp"), tsaFrom, tsaTo, null)),
        false);
  }

  static final Instant Y2027 = Instant.parse("2027-06-01T00:00:00Z");

  @Test
  void manifestWindowOfCa_judgedAtT_notAtGenTime() throws Exception {
    // The CA key's manifest window ends in 2027: after the token's genTime, before LATER. The
    // token moves only the certificates' X.509 validity; the manifest window is judged at T.
    byte[] m = windows(null, Y2027, null, null);

    assertEquals(
        refused(ReasonCode.KEY_EXPIRED), codes(verify("release.txt", "expired-ts.p7s", m, LATER)));
    assertEquals(
        refused(ReasonCode.KEY_EXPIRED), codes(verify("release.txt", "expired.p7s", m, LATER)));
  }

  @Test
  void manifestWindowOfCa_startsAfterGenTime_validAtT() throws Exception {
    // The CA key is listed from 2027 on: after genTime, before LATER.
    UpdateVerification v =
        verify("release.txt", "expired-ts.p7s", windows(Y2027, null, null, null), LATER);

    assertTrue(v.isValid(), v.reasons().toString());
  }

  @Test
  void manifestWindowOfTsaCa_judgedAtT() throws Exception {
    assertEquals(
        refused(ReasonCode.KEY_EXPIRED),
        codes(verify("release.txt", "expired-ts.p7s", windows(null, null, null, Y2027), LATER)));
    UpdateVerification v =
        verify("release.txt", "expired-ts.p7s", windows(null, null, Y2027, null), LATER);
    assertTrue(v.isValid(), v.reasons().toString());
  }

  /** A manifest with extra-ca for software and extra-tsa-ca for timestamp (make-extra.sh). */
  static byte[] extraManifest() throws Exception {
    return manifest(
        List.of(
            new ManifestKey(ca("extra-ca.pem"), Set.of("software"), null, null, null),
            new ManifestKey(ca("extra-tsa-ca.pem"), Set.of("timestamp"), null, null, null)),
        false);
  }

  @Test
  void extraCa_control_valid() throws Exception {
    UpdateVerification v = verify("release.txt", "extra-signer.p7s", extraManifest(), AT);

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(List.of(ca("extra-ca.pem").keyId()), v.signers());
  }

  @Test
  void leafCertificateSignedWithSha1_weakDigest() throws Exception {
    // The SignerInfo is SHA-256, but the manifest CA signed the leaf's certificate with SHA-1.
    UpdateVerification v = verify("release.txt", "sha1-cert.p7s", extraManifest(), AT);

    assertEquals(refused(ReasonCode.WEAK_DIGEST), codes(v));
    assertTrue(
        v.reasons().get(0).message().contains("certificate CN=SHA-1 Certified Signer"),
        v.reasons().toString());
  }

  @Test
  void tsaCertificateSignedWithSha1_weakDigest() throws Exception {
    // extra-signer's good signature, with a token by a TSA whose certificate is SHA-1-signed.
    UpdateVerification v = verify("release.txt", "sha1-tsa.p7s", extraManifest(), LATER);

    assertEquals(refused(ReasonCode.WEAK_DIGEST), codes(v));
    assertTrue(
        v.reasons().get(0).message().contains("certificate CN=SHA-1 Certified TSA"),
        v.reasons().toString());
  }

  @Test
  void certificatePolicy_refusesSha1AndBareRsa_acceptsSha256() throws Exception {
    X509Certificate weak = CmsKeys.jdk(pemDer("sha1-leaf.pem"));
    X509Certificate good = CmsKeys.jdk(pemDer("extra-signer.pem"));
    X509Certificate caCert = CmsKeys.jdk(pemDer("extra-ca.pem"));

    assertEquals(ReasonCode.WEAK_DIGEST, CmsChains.policy(weak, caCert.getPublicKey()).code());
    assertEquals(null, CmsChains.policy(good, caCert.getPublicKey()));
  }

  static byte[] pemDer(String name) throws Exception {
    String text = Files.readString(fixture(name));
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return java.util.Base64.getDecoder().decode(body);
  }

  @Test
  void tooManySignatureChecks_refused() throws Exception {
    // 16 SignerInfos whose issuer name has 20 impostors in the set: 16 x 21 checks > 256.
    UpdateVerification v = verify("release.txt", "many-checks.p7s", extraManifest(), AT);

    assertTrue(codes(v).contains(ReasonCode.MALFORMED_SIGNATURE), v.reasons().toString());
    assertTrue(
        v.reasons().stream().anyMatch(r -> r.message().contains("more than 256 signature checks")),
        v.reasons().toString());
    assertFalse(v.isValid());
  }

  /** expired-ts.p7s with its unsigned attributes replaced. */
  Path withTokenAttributes(boolean twoAttributes) throws Exception {
    CMSSignedData sd = new CMSSignedData(Files.readAllBytes(fixture("expired-ts.p7s")));
    SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    Attribute token = si.getUnsignedAttributes().get(CmsTimestamps.TOKEN_ATTRIBUTE);
    ASN1Encodable value = token.getAttrValues().getObjectAt(0);
    ASN1EncodableVector attrs = new ASN1EncodableVector();
    if (twoAttributes) {
      attrs.add(token);
      attrs.add(token);
    } else {
      attrs.add(
          new Attribute(
              CmsTimestamps.TOKEN_ATTRIBUTE, new DLSet(new ASN1Encodable[] {value, value})));
    }
    SignerInformation changed =
        SignerInformation.replaceUnsignedAttributes(si, new AttributeTable(attrs));
    byte[] out = CMSSignedData.replaceSigners(sd, new SignerInformationStore(changed)).getEncoded();
    return Files.write(dir.resolve("changed.p7s"), out);
  }

  UpdateVerification verifyAt(Path sig, Instant at) throws Exception {
    return UpdateVerifier.options()
        .build()
        .verify(fixture("release.txt"), sig, manifest(), "software", at);
  }

  @Test
  void tokenAttributeWithTwoValues_malformed() throws Exception {
    UpdateVerification v = verifyAt(withTokenAttributes(false), LATER);

    assertEquals(refused(ReasonCode.MALFORMED_SIGNATURE), codes(v));
    assertTrue(v.reasons().get(0).message().contains("timestamp token"), v.toString());
  }

  @Test
  void twoTokenAttributes_malformed() throws Exception {
    assertEquals(
        refused(ReasonCode.MALFORMED_SIGNATURE), codes(verifyAt(withTokenAttributes(true), LATER)));
  }

  @Test
  void tokenAttributesRebuilt_control_valid() throws Exception {
    // The rebuilding itself keeps the signature: one attribute, one value, still valid.
    CMSSignedData sd = new CMSSignedData(Files.readAllBytes(fixture("expired-ts.p7s")));
    SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    ASN1EncodableVector attrs = new ASN1EncodableVector();
    attrs.add(si.getUnsignedAttributes().get(CmsTimestamps.TOKEN_ATTRIBUTE));
    SignerInformation same =
        SignerInformation.replaceUnsignedAttributes(si, new AttributeTable(attrs));
    Path p =
        Files.write(
            dir.resolve("same.p7s"),
            CMSSignedData.replaceSigners(sd, new SignerInformationStore(same)).getEncoded());

    assertTrue(verifyAt(p, LATER).isValid());
  }

  /** good-pem.p7s with {@code edit} applied to its text. */
  Path pem(java.util.function.UnaryOperator<String> edit) throws Exception {
    String text = Files.readString(fixture("good-pem.p7s"));
    return Files.writeString(dir.resolve("edited.p7s"), edit.apply(text));
  }

  @Test
  void pem_strayCharacterInBase64_malformed() throws Exception {
    // A MIME decoder skips the '*': the rest still decodes to the good signature.
    Path p = pem(t -> t.replaceFirst("\n", "\n*"));

    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verifyAt(p, AT)));
  }

  @Test
  void pem_secondBlock_malformed() throws Exception {
    Path p = pem(t -> t + t);

    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verifyAt(p, AT)));
  }

  @Test
  void pem_textAfterEndLine_malformed() throws Exception {
    Path p = pem(t -> t + "trailing words\n");

    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verifyAt(p, AT)));
  }

  @Test
  void pem_crlfAndTrailingWhitespace_valid() throws Exception {
    Path p = pem(t -> t.replace("\n", "\r\n") + "\n\n");

    assertTrue(verifyAt(p, AT).isValid());
  }

  @Test
  void twoSignersUnderTwoCas_countTwice() throws Exception {
    byte[] m =
        manifest(
            List.of(new ManifestKey(ca("other-ca.pem"), Set.of("software"), null, null, null)),
            true,
            2);

    UpdateVerification v = verify("release.txt", "two-signers.p7s", m, AT);

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(Set.of(rootCaId(), ca("other-ca.pem").keyId()), Set.copyOf(v.signers()));
  }

  @Test
  void twoSignersUnderOneCa_countOnce() throws Exception {
    byte[] m =
        manifest(
            List.of(new ManifestKey(ca("other-ca.pem"), Set.of("software"), null, null, null)),
            true,
            2);

    assertEquals(
        List.of(ReasonCode.THRESHOLD_NOT_MET),
        codes(verify("release.txt", "same-ca-twice.p7s", m, AT)));
  }
}
