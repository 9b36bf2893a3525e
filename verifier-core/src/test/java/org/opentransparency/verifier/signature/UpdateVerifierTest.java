package org.opentransparency.verifier.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.manifest.ManifestFixture;
import org.opentransparency.verifier.manifest.ManifestKey;

/** SPEC 3.7: each rule refused with its reason code, beside the valid case accepted. */
class UpdateVerifierTest {
  @TempDir Path dir;

  private Path file;
  private byte[] manifest;

  @BeforeEach
  void release() throws IOException {
    file = Files.writeString(dir.resolve("rules-2026-11-22.tar.gz"), "pretend this is a tarball\n");
    manifest = ManifestFixture.standard().signedBy("r1", "r2").toJson();
  }

  private UpdateVerification verify(String role) throws IOException {
    return UpdateVerifier.options().build().verify(file, null, manifest, role, AT);
  }

  private UpdateVerification verifyWithState(String role) throws IOException {
    return UpdateVerifier.options()
        .stateDirectory(dir.resolve("state"))
        .build()
        .verify(file, null, manifest, role, AT);
  }

  private void sign(String role, long version, String... signers) throws IOException {
    Envelope env =
        UpdateSigner.sign(
            file, ManifestFixture.key(signers[0]), role, version, AT.minusSeconds(60), null);
    for (int i = 1; i < signers.length; i++) {
      env =
          UpdateSigner.append(
              env,
              file,
              ManifestFixture.key(signers[i]),
              org.opentransparency.verifier.Limits.defaults());
    }
    Files.write(dir.resolve(file.getFileName() + ".dsse"), env.toJson());
  }

  /** Writes a statement with this payload, signed by these keys. */
  private void statement(String payload, String... signers) throws IOException {
    Envelope env = new Envelope("application/vnd.in-toto+json", payload.getBytes(UTF_8), List.of());
    Files.write(
        dir.resolve(file.getFileName() + ".dsse"), ManifestFixture.sign(env, signers).toJson());
  }

  private String sha256() throws IOException {
    return org.opentransparency.verifier.hash.MultiDigester.digest(
            Files.readAllBytes(file),
            List.of(org.opentransparency.verifier.hash.DigestAlgorithm.SHA256))
        .get(org.opentransparency.verifier.hash.DigestAlgorithm.SHA256)
        .hex();
  }

  private String payload(String name, String digests, String role, String extra) {
    return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\""
        + name
        + "\",\"digest\":{"
        + digests
        + "}}],\"predicateType\":\"urn:opentransparency:update:v1\","
        + "\"predicate\":{\"role\":\""
        + role
        + "\",\"version\":7"
        + extra
        + "}}";
  }

  private static List<ReasonCode> codes(UpdateVerification v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void statement_signedByRoleKey_valid() throws IOException {
    sign("threat-rules", 7, "t1");

    UpdateVerification v = verify("threat-rules");

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(List.of(ManifestFixture.key("t1").publicKey().keyId()), v.signers());
    assertEquals(7L, v.version());
    assertEquals("dsse", v.format());
    assertEquals(sha256(), v.sha256());
  }

  @Test
  void statement_tamperedFile_digestMismatch() throws IOException {
    sign("threat-rules", 7, "t1");
    Files.writeString(file, "tampered\n");

    assertEquals(
        List.of(ReasonCode.DIGEST_MISMATCH, ReasonCode.DIGEST_MISMATCH),
        codes(verify("threat-rules")));
  }

  @Test
  void statement_otherFileName_nameMismatch() throws IOException {
    sign("threat-rules", 7, "t1");
    Path renamed = Files.move(file, dir.resolve("other.tar.gz"));
    Files.move(dir.resolve("rules-2026-11-22.tar.gz.dsse"), dir.resolve("other.tar.gz.dsse"));
    file = renamed;

    assertEquals(List.of(ReasonCode.NAME_MISMATCH), codes(verify("threat-rules")));
  }

  @Test
  void statement_otherRole_roleMismatch() throws IOException {
    sign("threat-rules", 7, "s1");

    assertEquals(List.of(ReasonCode.ROLE_MISMATCH), codes(verify("software")));
  }

  @Test
  void statement_keyWithoutRole_notAuthorized() throws IOException {
    sign("software", 7, "t1");

    assertEquals(
        List.of(ReasonCode.KEY_NOT_AUTHORIZED, ReasonCode.THRESHOLD_NOT_MET),
        codes(verify("software")));
  }

  @Test
  void statement_keyNotInManifest_unknownKey() throws IOException {
    sign("threat-rules", 7, "stranger");

    assertEquals(
        List.of(ReasonCode.UNKNOWN_KEY, ReasonCode.THRESHOLD_NOT_MET),
        codes(verify("threat-rules")));
  }

  @Test
  void statement_thresholdTwo_sameKeyTwiceCountsOnce() throws IOException {
    manifest =
        new ManifestFixture()
            .role("root", 1)
            .role("software", 2)
            .key("r1", "root")
            .key("s1", "software")
            .key("s2", "software")
            .signedBy("r1")
            .toJson();
    sign("software", 7, "s1", "s1");

    UpdateVerification once = verify("software");
    sign("software", 7, "s1", "s2");
    UpdateVerification twice = verify("software");

    assertEquals(List.of(ReasonCode.THRESHOLD_NOT_MET), codes(once));
    assertTrue(twice.isValid(), twice.reasons().toString());
    assertEquals(2, twice.signers().size());
  }

  @Test
  void statement_revokedNotYetValidExpiredKeys_eachNamed() throws IOException {
    ManifestKey.Revocation revoked =
        new ManifestKey.Revocation(AT.minusSeconds(5), "key-compromise");
    manifest =
        new ManifestFixture()
            .role("root", 1)
            .role("a", 1)
            .role("b", 1)
            .role("c", 1)
            .key("r1", "root")
            .key("k1", null, null, revoked, "a")
            .key("k2", AT.plusSeconds(5), null, null, "b")
            .key("k3", null, AT.minusSeconds(5), null, "c")
            .signedBy("r1")
            .toJson();

    sign("a", 7, "k1");
    List<ReasonCode> a = codes(verify("a"));
    sign("b", 7, "k2");
    List<ReasonCode> b = codes(verify("b"));
    sign("c", 7, "k3");
    List<ReasonCode> c = codes(verify("c"));

    assertEquals(List.of(ReasonCode.KEY_REVOKED, ReasonCode.THRESHOLD_NOT_MET), a);
    assertEquals(List.of(ReasonCode.KEY_NOT_YET_VALID, ReasonCode.THRESHOLD_NOT_MET), b);
    assertEquals(List.of(ReasonCode.KEY_EXPIRED, ReasonCode.THRESHOLD_NOT_MET), c);
  }

  @Test
  void statement_expired_updateExpired() throws IOException {
    statement(
        payload(
            file.getFileName().toString(),
            "\"sha256\":\"" + sha256() + "\"",
            "threat-rules",
            ",\"expiresAt\":\"" + AT + "\""),
        "t1");

    assertEquals(List.of(ReasonCode.UPDATE_EXPIRED), codes(verify("threat-rules")));
  }

  @Test
  void statement_unexpired_valid() throws IOException {
    statement(
        payload(
            file.getFileName().toString(),
            "\"sha256\":\"" + sha256().toUpperCase(java.util.Locale.ROOT) + "\"",
            "threat-rules",
            ",\"expiresAt\":\"" + AT.plusSeconds(1) + "\""),
        "t1");

    assertTrue(verify("threat-rules").isValid());
  }

  @Test
  void statement_md5AndSha1Only_weakDigest() throws IOException {
    byte[] content = Files.readAllBytes(file);
    String md5 =
        org.opentransparency.verifier.hash.MultiDigester.digest(
                content, List.of(org.opentransparency.verifier.hash.DigestAlgorithm.MD5))
            .get(org.opentransparency.verifier.hash.DigestAlgorithm.MD5)
            .hex();
    String sha1 =
        org.opentransparency.verifier.hash.MultiDigester.digest(
                content, List.of(org.opentransparency.verifier.hash.DigestAlgorithm.SHA1))
            .get(org.opentransparency.verifier.hash.DigestAlgorithm.SHA1)
            .hex();
    statement(
        payload(
            file.getFileName().toString(),
            "\"md5\":\"" + md5 + "\",\"sha1\":\"" + sha1 + "\"",
            "threat-rules",
            ""),
        "t1");

    assertEquals(List.of(ReasonCode.WEAK_DIGEST), codes(verify("threat-rules")));
  }

  @Test
  void statement_wrongMd5BesideRightSha256_digestMismatch() throws IOException {
    statement(
        payload(
            file.getFileName().toString(),
            "\"sha256\":\"" + sha256() + "\",\"md5\":\"00000000000000000000000000000000\"",
            "threat-rules",
            ""),
        "t1");

    assertEquals(List.of(ReasonCode.DIGEST_MISMATCH), codes(verify("threat-rules")));
  }

  @Test
  void statement_inTotoDigestNames_sha3AndBlake2b_checked() throws IOException {
    statement(
        payload(
            file.getFileName().toString(),
            "\"sha3_256\":\"" + "00".repeat(32) + "\"",
            "threat-rules",
            ""),
        "t1");

    assertEquals(List.of(ReasonCode.DIGEST_MISMATCH), codes(verify("threat-rules")));
  }

  @Test
  void statement_otherPredicateOrPayloadType_unsupportedFormat() throws IOException {
    statement(
        payload(
                file.getFileName().toString(),
                "\"sha256\":\"" + sha256() + "\"",
                "threat-rules",
                "")
            .replace("urn:opentransparency:update:v1", "https://slsa.dev/provenance/v1"),
        "t1");
    List<ReasonCode> predicate = codes(verify("threat-rules"));
    Envelope env =
        ManifestFixture.sign(
            new Envelope("application/json", "{}".getBytes(UTF_8), List.of()), "t1");
    Files.write(dir.resolve(file.getFileName() + ".dsse"), env.toJson());
    List<ReasonCode> payloadType = codes(verify("threat-rules"));

    assertEquals(List.of(ReasonCode.UNSUPPORTED_FORMAT), predicate);
    assertEquals(List.of(ReasonCode.UNSUPPORTED_FORMAT), payloadType);
  }

  @Test
  void statement_duplicateMembers_malformedSignature() throws IOException {
    String p =
        payload(
            file.getFileName().toString(), "\"sha256\":\"" + sha256() + "\"", "threat-rules", "");
    statement(
        p.replace("\"role\":\"threat-rules\"", "\"role\":\"software\",\"role\":\"threat-rules\""),
        "t1");

    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verify("threat-rules")));
  }

  @Test
  void garbageSignatureFile_malformedSignature() throws IOException {
    Files.writeString(dir.resolve(file.getFileName() + ".sig"), "this is not a signature");

    assertEquals(
        List.of(ReasonCode.MALFORMED_SIGNATURE, ReasonCode.THRESHOLD_NOT_MET),
        codes(verify("threat-rules")));
  }

  @Test
  void truncatedEnvelope_malformedSignature() throws IOException {
    sign("threat-rules", 7, "t1");
    Path sig = dir.resolve(file.getFileName() + ".dsse");
    byte[] full = Files.readAllBytes(sig);
    Files.write(sig, java.util.Arrays.copyOf(full, full.length / 2));

    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verify("threat-rules")));
  }

  @Test
  void noSignature_missingSignature() throws IOException {
    assertEquals(List.of(ReasonCode.MISSING_SIGNATURE), codes(verify("threat-rules")));
  }

  @Test
  void unknownRole_throws() {
    assertThrows(UnknownRoleException.class, () -> verify("no-such-role"));
  }

  @Test
  void expiredManifest_manifestExpired() throws IOException {
    ManifestFixture f = ManifestFixture.standard();
    f.expiresAt = AT;
    manifest = f.signedBy("r1", "r2").toJson();
    sign("threat-rules", 7, "t1");

    assertEquals(List.of(ReasonCode.MANIFEST_EXPIRED), codes(verify("threat-rules")));
  }

  @Test
  void underSignedManifest_manifestThresholdNotMet() throws IOException {
    manifest = ManifestFixture.standard().signedBy("r1").toJson();
    sign("threat-rules", 7, "t1");

    assertEquals(List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET), codes(verify("threat-rules")));
  }

  @Test
  void state_higherVersionAccepted_lowerIsRollback_sameWithOtherBytesIsConflict()
      throws IOException {
    sign("threat-rules", 7, "t1");
    UpdateVerification first = verifyWithState("threat-rules");
    UpdateVerification again = verifyWithState("threat-rules");
    sign("threat-rules", 6, "t1");
    UpdateVerification older = verifyWithState("threat-rules");
    Files.writeString(file, "other bytes, same version\n");
    sign("threat-rules", 7, "t1");
    UpdateVerification conflict = verifyWithState("threat-rules");
    sign("threat-rules", 8, "t1");
    UpdateVerification newer = verifyWithState("threat-rules");

    assertTrue(first.isValid(), first.reasons().toString());
    assertTrue(again.isValid(), "the same update verifies again");
    assertEquals(List.of(ReasonCode.ROLLBACK), codes(older));
    assertEquals(List.of(ReasonCode.VERSION_CONFLICT), codes(conflict));
    assertTrue(newer.isValid());
  }

  @Test
  void state_manifestReplacedWithoutRotation_refused() throws IOException {
    sign("threat-rules", 7, "t1");
    assertTrue(verifyWithState("threat-rules").isValid());
    ManifestFixture forged =
        new ManifestFixture()
            .role("root", 1)
            .role("threat-rules", 1)
            .key("evil-root", "root")
            .key("evil", "threat-rules");
    forged.version = 2;
    manifest = forged.signedBy("evil-root").toJson();
    sign("threat-rules", 8, "evil");

    UpdateVerification v = verifyWithState("threat-rules");

    assertEquals(List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET, ReasonCode.UNKNOWN_KEY), codes(v));
  }

  @Test
  void state_rawSignature_refusedAsUnversioned() throws IOException {
    Files.write(
        dir.resolve(file.getFileName() + ".sig"),
        ManifestFixture.key("t1").sign(Files.readAllBytes(file)));

    assertEquals(List.of(ReasonCode.UNSUPPORTED_FORMAT), codes(verifyWithState("threat-rules")));
  }

  @Test
  void raw_ed25519Binary_valid_andTamperedBad() throws IOException {
    Files.write(
        dir.resolve(file.getFileName() + ".sig"),
        ManifestFixture.key("t1").sign(Files.readAllBytes(file)));

    UpdateVerification ok = verify("threat-rules");
    Files.writeString(file, "tampered");
    UpdateVerification bad = verify("threat-rules");

    assertTrue(ok.isValid(), ok.reasons().toString());
    assertEquals("raw", ok.format());
    assertEquals(List.of(ReasonCode.BAD_SIGNATURE, ReasonCode.THRESHOLD_NOT_MET), codes(bad));
  }

  @Test
  void raw_hexAndBase64Text_valid() throws IOException {
    byte[] sig = ManifestFixture.key("t1").sign(Files.readAllBytes(file));
    Path sigFile = dir.resolve(file.getFileName() + ".sig");

    Files.writeString(sigFile, java.util.HexFormat.of().formatHex(sig) + "\n");
    UpdateVerification hex = verify("threat-rules");
    Files.writeString(sigFile, java.util.Base64.getMimeEncoder().encodeToString(sig) + "\n");
    UpdateVerification b64 = verify("threat-rules");

    assertTrue(hex.isValid(), hex.reasons().toString());
    assertTrue(b64.isValid(), b64.reasons().toString());
  }

  @Test
  void raw_thresholdTwo_thresholdNotMet() throws IOException {
    manifest =
        new ManifestFixture()
            .role("root", 1)
            .role("software", 2)
            .key("r1", "root")
            .key("s1", "software")
            .key("s2", "software")
            .signedBy("r1")
            .toJson();
    Files.write(
        dir.resolve(file.getFileName() + ".sig"),
        ManifestFixture.key("s1").sign(Files.readAllBytes(file)));

    assertEquals(List.of(ReasonCode.THRESHOLD_NOT_MET), codes(verify("software")));
  }

  @Test
  void raw_ecdsaZeroRAndS_refused() throws IOException {
    manifest =
        new ManifestFixture()
            .role("root", 1)
            .role("software", 1)
            .key("r1", "root")
            .key("ec1", "software")
            .signedBy("r1")
            .toJson();
    Files.write(dir.resolve(file.getFileName() + ".sig"), new byte[64]);
    UpdateVerification zeros = verify("software");
    byte[] der =
        new org.bouncycastle.asn1.DERSequence(
                new org.bouncycastle.asn1.ASN1Integer[] {
                  new org.bouncycastle.asn1.ASN1Integer(BigInteger.ZERO),
                  new org.bouncycastle.asn1.ASN1Integer(BigInteger.ZERO)
                })
            .getEncoded();
    Files.write(dir.resolve(file.getFileName() + ".sig"), der);
    UpdateVerification derZeros = verify("software");

    assertFalse(zeros.isValid());
    assertEquals(ReasonCode.BAD_SIGNATURE, zeros.reasons().get(0).code());
    assertEquals(ReasonCode.BAD_SIGNATURE, derZeros.reasons().get(0).code());
  }

  @Test
  void raw_ecdsaDerAndP1363_bothAccepted() throws IOException {
    manifest =
        new ManifestFixture()
            .role("root", 1)
            .role("software", 1)
            .key("r1", "root")
            .key("ec1", "software")
            .signedBy("r1")
            .toJson();
    byte[] der = ManifestFixture.key("ec1").sign(Files.readAllBytes(file));
    org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
    byte[] p1363 = new byte[64];
    byte[] r =
        org.bouncycastle.util.BigIntegers.asUnsignedByteArray(
            32, ((org.bouncycastle.asn1.ASN1Integer) seq.getObjectAt(0)).getValue());
    byte[] s =
        org.bouncycastle.util.BigIntegers.asUnsignedByteArray(
            32, ((org.bouncycastle.asn1.ASN1Integer) seq.getObjectAt(1)).getValue());
    System.arraycopy(r, 0, p1363, 0, 32);
    System.arraycopy(s, 0, p1363, 32, 32);

    Files.write(dir.resolve(file.getFileName() + ".sig"), der);
    UpdateVerification derResult = verify("software");
    Files.write(dir.resolve(file.getFileName() + ".sig"), p1363);
    UpdateVerification p1363Result = verify("software");

    assertTrue(derResult.isValid(), derResult.reasons().toString());
    assertTrue(p1363Result.isValid(), p1363Result.reasons().toString());
  }

  @Test
  void raw_ed25519NonCanonicalS_refused() throws IOException {
    byte[] sig = ManifestFixture.key("t1").sign(Files.readAllBytes(file));
    // S + L: the same signature with S out of range, which lax implementations accept.
    BigInteger l =
        BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
    byte[] sLe = java.util.Arrays.copyOfRange(sig, 32, 64);
    BigInteger s = new BigInteger(1, reverse(sLe)).add(l);
    byte[] bigS = reverse(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, s));
    System.arraycopy(bigS, 0, sig, 32, 32);
    Files.write(dir.resolve(file.getFileName() + ".sig"), sig);

    assertEquals(
        List.of(ReasonCode.BAD_SIGNATURE, ReasonCode.THRESHOLD_NOT_MET),
        codes(verify("threat-rules")));
  }

  @Test
  void stream_statementAndRaw_sameAnswersAsFile() throws IOException {
    sign("threat-rules", 7, "t1");
    byte[] statement = Files.readAllBytes(dir.resolve(file.getFileName() + ".dsse"));
    byte[] raw = ManifestFixture.key("t1").sign(Files.readAllBytes(file));
    UpdateVerifier v = UpdateVerifier.options().build();
    String name = file.getFileName().toString();

    UpdateVerification dsse =
        v.verify(Files.newInputStream(file), name, statement, manifest, "threat-rules", AT);
    UpdateVerification rawOk =
        v.verify(Files.newInputStream(file), name, raw, manifest, "threat-rules", AT);
    UpdateVerification tampered =
        v.verify(
            new java.io.ByteArrayInputStream("evil".getBytes(UTF_8)),
            name,
            statement,
            manifest,
            "threat-rules",
            AT);

    assertTrue(dsse.isValid(), dsse.reasons().toString());
    assertEquals(sha256(), dsse.sha256());
    assertTrue(rawOk.isValid(), rawOk.reasons().toString());
    assertEquals(ReasonCode.DIGEST_MISMATCH, tampered.reasons().get(0).code());
  }

  @Test
  void raw_rsaPssKeyWithPkcs1Signature_badSignature_andPkcs1KeyAccepts() throws IOException {
    SigningKey rsa =
        SigningKey.generate(SigningKey.Kind.RSA_PSS_3072, new java.security.SecureRandom());
    VerificationKey asPss = rsa.publicKey();
    VerificationKey asPkcs1 = VerificationKey.fromSpki(asPss.spki(), KeyScheme.RSA_PKCS1_SHA256);
    SigningKey pkcs1Signer =
        SigningKey.readPem(
            rsa.privatePem(null, new java.security.SecureRandom()),
            null,
            KeyScheme.RSA_PKCS1_SHA256);
    byte[] pkcs1Sig = pkcs1Signer.sign(Files.readAllBytes(file));
    Files.write(dir.resolve(file.getFileName() + ".sig"), pkcs1Sig);
    ManifestKey root =
        new ManifestKey(
            ManifestFixture.key("r1").publicKey(), java.util.Set.of("root"), null, null, null);

    manifest =
        ManifestFixture.sign(
                org.opentransparency.verifier.manifest.KeyManifest.unsigned(
                    "P",
                    1,
                    AT.minusSeconds(9),
                    AT.plusSeconds(99),
                    List.of(
                        new org.opentransparency.verifier.manifest.Role("root", 1),
                        new org.opentransparency.verifier.manifest.Role("software", 1)),
                    List.of(
                        root,
                        new ManifestKey(asPss, java.util.Set.of("software"), null, null, null))),
                "r1")
            .toJson();
    UpdateVerification underPss = verify("software");
    manifest =
        ManifestFixture.sign(
                org.opentransparency.verifier.manifest.KeyManifest.unsigned(
                    "P",
                    1,
                    AT.minusSeconds(9),
                    AT.plusSeconds(99),
                    List.of(
                        new org.opentransparency.verifier.manifest.Role("root", 1),
                        new org.opentransparency.verifier.manifest.Role("software", 1)),
                    List.of(
                        root,
                        new ManifestKey(asPkcs1, java.util.Set.of("software"), null, null, null))),
                "r1")
            .toJson();
    UpdateVerification underPkcs1 = verify("software");

    assertEquals(List.of(ReasonCode.BAD_SIGNATURE, ReasonCode.THRESHOLD_NOT_MET), codes(underPss));
    assertTrue(underPkcs1.isValid(), underPkcs1.reasons().toString());
  }

  @Test
  void raw_binarySignatureStartingWithBrace_notTakenForJson() throws IOException {
    manifest =
        new ManifestFixture()
            .role("root", 1)
            .role("software", 1)
            .key("r1", "root")
            .key("t1", "software")
            .signedBy("r1")
            .toJson();
    // Ed25519 is deterministic: vary the message until the signature starts with '{'.
    byte[] sig;
    int i = 0;
    do {
      Files.writeString(file, "update " + i++ + "\n");
      sig = ManifestFixture.key("t1").sign(Files.readAllBytes(file));
    } while (sig[0] != '{');
    Files.write(dir.resolve(file.getFileName() + ".sig"), sig);

    UpdateVerification v = verify("software");

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals("raw", v.format());
  }

  private static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }
}
