package org.opentransparency.verifier.signature;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestFixture;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.Role;
import org.opentransparency.verifier.report.UpdateReport;

/**
 * minisign and signify signatures made by the real tools (testdata/signatures/{minisign,signify}/
 * make.sh): every accepted case, every refusal with its reason code.
 */
class MinisignSignaturesTest {
  private static final String MS = "signatures/minisign/";
  private static final String SF = "signatures/signify/";

  @TempDir Path dir;

  static VerificationKey key(String fixture, KeyScheme scheme) throws IOException {
    try {
      List<VerificationKey> keys =
          VerificationKey.readAll(Files.readAllBytes(TestData.path(fixture)), scheme);
      assertEquals(1, keys.size());
      return keys.get(0);
    } catch (InvalidInputException e) {
      throw new AssertionError(e);
    }
  }

  static ManifestKey holding(VerificationKey k, String... roles) {
    return new ManifestKey(k, Set.of(roles), null, null, null);
  }

  /** A manifest signed by r1 and r2 (root 2) whose role software has this threshold. */
  static byte[] manifest(int threshold, ManifestKey... keys) {
    List<ManifestKey> all = new ArrayList<>();
    all.add(holding(ManifestFixture.key("r1").publicKey(), "root"));
    all.add(holding(ManifestFixture.key("r2").publicKey(), "root"));
    all.addAll(List.of(keys));
    return ManifestFixture.sign(
            KeyManifest.unsigned(
                "Example Security Ltd",
                1,
                AT.minusSeconds(86_400),
                AT.plusSeconds(365L * 86_400),
                List.of(new Role("root", 2), new Role("software", threshold)),
                all),
            "r1",
            "r2")
        .toJson();
  }

  static byte[] minisignManifest() throws IOException {
    return manifest(1, holding(key(MS + "minisign.pub", null), "software"));
  }

  static byte[] signifyManifest() throws IOException {
    return manifest(1, holding(key(SF + "signify.pub", null), "software"));
  }

  static UpdateVerification verify(byte[] manifest, Path file, Path sig) throws IOException {
    return UpdateVerifier.options().build().verify(file, sig, manifest, "software", AT);
  }

  private UpdateVerification verifyMinisign(String file, String sig) throws IOException {
    return verify(minisignManifest(), TestData.path(MS + file), TestData.path(MS + sig));
  }

  private UpdateVerification verifySignify(String file, String sig) throws IOException {
    return verify(signifyManifest(), TestData.path(SF + file), TestData.path(SF + sig));
  }

  /** A signature file of our own making beside the fixture message. */
  private UpdateVerification verifyBytes(byte[] manifest, String file, byte[] sig)
      throws IOException {
    Path s = Files.write(dir.resolve("sig"), sig);
    return verify(manifest, TestData.path(file), s);
  }

  private static ReasonCode first(UpdateVerification v) {
    assertFalse(v.isValid(), v.toString());
    return v.reasons().get(0).code();
  }

  private static String trustedComment(String sig) {
    return TestData.lines(MS + sig).get(2).substring("trusted comment: ".length());
  }

  private static byte[] bytes(String fixture) throws IOException {
    return Files.readAllBytes(TestData.path(fixture));
  }

  // --- keys

  @Test
  void minisignKeyFile_importedAsMinisign_idAndDescription() throws Exception {
    VerificationKey k = key(MS + "minisign.pub", null);
    assertEquals(KeyScheme.MINISIGN, k.scheme());
    byte[] decoded = Base64.getDecoder().decode(TestData.lines(MS + "minisign.pub").get(1));
    assertEquals(42, decoded.length);
    assertTrue(java.util.Arrays.equals(decoded, k.encoded()));
    assertEquals(VerificationKey.keyIdOf(decoded), k.keyId());
    // minisign names the key in its comment: "minisign public key <ID>".
    String comment = TestData.lines(MS + "minisign.pub").get(0);
    String id = comment.substring(comment.lastIndexOf(' ') + 1);
    assertEquals("minisign key " + id, k.describe());
    assertEquals(k, VerificationKey.decode(k.encoded(), KeyScheme.MINISIGN));
  }

  @Test
  void signifyKeyFile_importedAsSignify_withHexKeyNumber() throws Exception {
    VerificationKey k = key(SF + "signify.pub", null);
    assertEquals(KeyScheme.SIGNIFY, k.scheme());
    byte[] decoded = Base64.getDecoder().decode(TestData.lines(SF + "signify.pub").get(1));
    assertEquals(VerificationKey.keyIdOf(decoded), k.keyId());
    assertEquals("signify key " + java.util.HexFormat.of().formatHex(decoded, 2, 10), k.describe());
    assertEquals(KeyScheme.SIGNIFY, key(SF + "other.pub", null).scheme());
  }

  @Test
  void minisignKeyFile_withSchemeSignify_isSignifyKey() throws Exception {
    VerificationKey k = key(MS + "minisign.pub", KeyScheme.SIGNIFY);
    assertEquals(KeyScheme.SIGNIFY, k.scheme());
    assertEquals(key(MS + "minisign.pub", null).keyId(), k.keyId());
  }

  @Test
  void signifyKeyFile_withSchemeMinisign_refused() {
    assertThrows(
        () -> VerificationKey.readAll(bytes(SF + "signify.pub"), KeyScheme.MINISIGN),
        "not a minisign key file");
  }

  @Test
  void decode_refusesOtherLengthsAndAlgorithms() throws Exception {
    byte[] good = key(MS + "minisign.pub", null).encoded();
    for (KeyScheme s : List.of(KeyScheme.MINISIGN, KeyScheme.SIGNIFY)) {
      assertThrows(() -> VerificationKey.decode(java.util.Arrays.copyOf(good, 41), s), "42");
      assertThrows(() -> VerificationKey.decode(java.util.Arrays.copyOf(good, 43), s), "42");
      byte[] ed = good.clone();
      ed[1] = 'D';
      assertThrows(() -> VerificationKey.decode(ed, s), "algorithm");
      // y = 0x02...02 is not on the curve.
      byte[] offCurve = good.clone();
      java.util.Arrays.fill(offCurve, 10, 42, (byte) 2);
      assertThrows(() -> VerificationKey.decode(offCurve, s), "invalid");
    }
  }

  @Test
  void keyFile_extraLineOrBadBase64_refused() throws Exception {
    byte[] pub = bytes(MS + "minisign.pub");
    byte[] extra = (new String(pub, US_ASCII) + "more\n").getBytes(US_ASCII);
    assertThrows(() -> VerificationKey.readAll(extra, null), "two lines");
    // A secret key file has the same first-line shape but is no public key.
    byte[] secret = bytes(MS + "minisign.key");
    assertThrows(() -> VerificationKey.readAll(secret, KeyScheme.MINISIGN), "not a minisign");
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertThrows(Call c, String messagePart) {
    InvalidInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, c::run);
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  // --- minisign signatures

  @Test
  void minisign_prehashedDefault_valid_trustedCommentShown() throws IOException {
    UpdateVerification v = verifyMinisign("message.txt", "message.txt.minisig");
    assertTrue(v.isValid(), v.toString());
    assertEquals("minisign", v.format());
    assertEquals(List.of(key(MS + "minisign.pub", null).keyId()), v.signers());
    String comment = trustedComment("message.txt.minisig");
    assertTrue(comment.startsWith("timestamp:"), comment);
    assertEquals(Map.of("trusted comment", comment), v.details());
  }

  @Test
  void minisign_legacy_valid() throws IOException {
    assertTrue(new String(bytes(MS + "message.txt.legacy.minisig"), UTF_8).contains("\nRW"));
    UpdateVerification v = verifyMinisign("message.txt", "message.txt.legacy.minisig");
    assertTrue(v.isValid(), v.toString());
    assertEquals(trustedComment("message.txt.legacy.minisig"), v.details().get("trusted comment"));
  }

  @Test
  void minisign_customTrustedComment_shownInTextAndJson() throws IOException {
    UpdateVerification v = verifyMinisign("message.txt", "message.txt.comment.minisig");
    assertTrue(v.isValid(), v.toString());
    String comment = "release 1.2.3 of example, built 2026-11-20";
    assertEquals(
        "OK message.txt: role software, signed by "
            + v.signers().get(0)
            + "\n  trusted comment: "
            + comment,
        UpdateReport.text(v));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    UpdateReport.json(v, json);
    assertTrue(
        json.toString(UTF_8).contains("\"details\":{\"trusted comment\":\"" + comment + "\"}"),
        json.toString(UTF_8));
  }

  @Test
  void minisign_otherKey_unknownKey() throws IOException {
    UpdateVerification v = verifyMinisign("message.txt", "message.txt.other.minisig");
    assertEquals(ReasonCode.UNKNOWN_KEY, first(v));
    String other = TestData.lines(MS + "other.pub").get(0);
    assertTrue(
        v.reasons().get(0).message().contains(other.substring(other.lastIndexOf(' ') + 1)),
        v.reasons().toString());
    assertTrue(v.details().isEmpty());
  }

  @Test
  void minisign_tamperedFile_badSignature() throws IOException {
    assertEquals(
        ReasonCode.BAD_SIGNATURE,
        first(verifyMinisign("message-tampered.txt", "message.txt.minisig")));
    assertEquals(
        ReasonCode.BAD_SIGNATURE,
        first(verifyMinisign("message-tampered.txt", "message.txt.legacy.minisig")));
  }

  @Test
  void minisign_tamperedTrustedComment_badSignature_commentNotShown() throws IOException {
    UpdateVerification v = verifyMinisign("message.txt", "message.txt.tampered-comment.minisig");
    assertEquals(ReasonCode.BAD_SIGNATURE, first(v));
    assertTrue(v.reasons().get(0).message().contains("trusted comment"), v.toString());
    assertTrue(v.details().isEmpty());
  }

  @Test
  void minisign_thresholdTwo_thresholdNotMet() throws IOException {
    byte[] m =
        manifest(
            2,
            holding(key(MS + "minisign.pub", null), "software"),
            holding(key(MS + "other.pub", null), "software"));
    UpdateVerification v =
        verify(m, TestData.path(MS + "message.txt"), TestData.path(MS + "message.txt.minisig"));
    assertFalse(v.isValid());
    assertEquals(ReasonCode.THRESHOLD_NOT_MET, v.reasons().get(v.reasons().size() - 1).code());
    assertTrue(v.reasons().toString().contains("carries only 1"), v.reasons().toString());
  }

  @Test
  void minisign_keyWithoutRole_notAuthorized() throws IOException {
    byte[] m =
        manifest(
            1,
            holding(key(MS + "other.pub", null), "software"),
            holding(key(MS + "minisign.pub", null), "root"));
    UpdateVerification v =
        verify(m, TestData.path(MS + "message.txt"), TestData.path(MS + "message.txt.minisig"));
    assertEquals(ReasonCode.KEY_NOT_AUTHORIZED, first(v));
  }

  @Test
  void minisign_sameKeyListedAsSignify_unknownKey() throws IOException {
    byte[] m = manifest(1, holding(key(MS + "minisign.pub", KeyScheme.SIGNIFY), "software"));
    UpdateVerification v =
        verify(m, TestData.path(MS + "message.txt"), TestData.path(MS + "message.txt.minisig"));
    assertEquals(ReasonCode.UNKNOWN_KEY, first(v));
    assertTrue(v.reasons().get(0).message().contains("listed as signify"), v.toString());
  }

  @Test
  void minisign_crlfAndMissingFinalNewline_valid() throws IOException {
    String sig = new String(bytes(MS + "message.txt.comment.minisig"), UTF_8);
    UpdateVerification crlf =
        verifyBytes(
            minisignManifest(), MS + "message.txt", sig.replace("\n", "\r\n").getBytes(UTF_8));
    assertTrue(crlf.isValid(), crlf.toString());
    assertEquals(
        "release 1.2.3 of example, built 2026-11-20", crlf.details().get("trusted comment"));
    UpdateVerification bare =
        verifyBytes(minisignManifest(), MS + "message.txt", sig.strip().getBytes(UTF_8));
    assertTrue(bare.isValid(), bare.toString());
  }

  @Test
  void minisign_trailingGarbageOrMissingLine_malformed() throws IOException {
    String sig = new String(bytes(MS + "message.txt.minisig"), UTF_8);
    List<String> bad =
        List.of(
            sig + "garbage\n",
            sig + "\n",
            sig.substring(0, sig.indexOf("trusted comment:")),
            sig.replace("untrusted comment: ", "untrusted comment:"),
            sig.replace("trusted comment: t", "trusted comment:t"),
            "\n" + sig);
    for (String b : bad) {
      assertEquals(
          ReasonCode.MALFORMED_SIGNATURE,
          first(verifyBytes(minisignManifest(), MS + "message.txt", b.getBytes(UTF_8))),
          b);
    }
  }

  @Test
  void minisign_nonCanonicalBase64OrWrongLength_malformed() throws IOException {
    List<String> lines = TestData.lines(MS + "message.txt.minisig");
    String global = lines.get(3);
    String unpadded = global.replace("=", "");
    byte[] sigLine = Base64.getDecoder().decode(lines.get(1));
    String shortLine =
        Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sigLine, sigLine.length - 1));
    List<String> bad =
        List.of(
            String.join("\n", lines.get(0), lines.get(1), lines.get(2), unpadded),
            String.join("\n", lines.get(0), lines.get(1) + " ", lines.get(2), global),
            String.join("\n", lines.get(0), shortLine, lines.get(2), global));
    for (String b : bad) {
      assertEquals(
          ReasonCode.MALFORMED_SIGNATURE,
          first(verifyBytes(minisignManifest(), MS + "message.txt", b.getBytes(UTF_8))),
          b);
    }
  }

  @Test
  void minisign_unknownAlgorithm_unsupportedFormat() throws IOException {
    List<String> lines = TestData.lines(MS + "message.txt.minisig");
    byte[] sigLine = Base64.getDecoder().decode(lines.get(1));
    sigLine[1] = 'X';
    String b =
        String.join(
            "\n",
            lines.get(0),
            Base64.getEncoder().encodeToString(sigLine),
            lines.get(2),
            lines.get(3));
    UpdateVerification v = verifyBytes(minisignManifest(), MS + "message.txt", b.getBytes(UTF_8));
    assertEquals(ReasonCode.UNSUPPORTED_FORMAT, first(v));
  }

  @Test
  void minisign_prehashedMarkedLegacy_badSignature() throws IOException {
    // "ED" relabelled "Ed": the signature is over the hash, not the file, so it must fail.
    List<String> lines = TestData.lines(MS + "message.txt.minisig");
    byte[] sigLine = Base64.getDecoder().decode(lines.get(1));
    sigLine[1] = 'd';
    String b =
        String.join(
            "\n",
            lines.get(0),
            Base64.getEncoder().encodeToString(sigLine),
            lines.get(2),
            lines.get(3));
    UpdateVerification v = verifyBytes(minisignManifest(), MS + "message.txt", b.getBytes(UTF_8));
    assertEquals(ReasonCode.BAD_SIGNATURE, first(v));
  }

  @Test
  void display_escapesControlCharactersButTab() {
    assertEquals(
        "a\tb\\x1b[31mc\\x7f", MinisignSignatures.display("a\tb\u001b[31mc\u007f".getBytes(UTF_8)));
  }

  // --- signify signatures

  @Test
  void signify_valid_noDetails() throws IOException {
    UpdateVerification v = verifySignify("message.txt", "message.txt.sig");
    assertTrue(v.isValid(), v.toString());
    assertEquals("signify", v.format());
    assertEquals(List.of(key(SF + "signify.pub", null).keyId()), v.signers());
    assertTrue(v.details().isEmpty());
  }

  @Test
  void signify_tamperedFile_badSignature() throws IOException {
    assertEquals(
        ReasonCode.BAD_SIGNATURE, first(verifySignify("message-tampered.txt", "message.txt.sig")));
  }

  @Test
  void signify_otherKey_unknownKey() throws IOException {
    assertEquals(
        ReasonCode.UNKNOWN_KEY, first(verifySignify("message.txt", "message.txt.other.sig")));
  }

  @Test
  void signify_embeddedMessage_unsupportedFormat() throws IOException {
    assertEquals(
        ReasonCode.UNSUPPORTED_FORMAT,
        first(verifySignify("message.txt", "message.txt.embedded.sig")));
  }

  @Test
  void signify_thresholdTwo_thresholdNotMet() throws IOException {
    byte[] m =
        manifest(
            2,
            holding(key(SF + "signify.pub", null), "software"),
            holding(key(SF + "other.pub", null), "software"));
    UpdateVerification v =
        verify(m, TestData.path(SF + "message.txt"), TestData.path(SF + "message.txt.sig"));
    assertEquals(ReasonCode.THRESHOLD_NOT_MET, v.reasons().get(v.reasons().size() - 1).code());
  }

  @Test
  void signify_sameKeyListedAsMinisign_unknownKey() throws IOException {
    // A minisign-commented copy of the signify key: imported as minisign, it must not verify
    // signify signatures.
    List<String> pub = TestData.lines(SF + "signify.pub");
    byte[] file = ("untrusted comment: minisign public key\n" + pub.get(1) + "\n").getBytes(UTF_8);
    VerificationKey asMinisign;
    try {
      asMinisign = VerificationKey.readAll(file, null).get(0);
    } catch (InvalidInputException e) {
      throw new AssertionError(e);
    }
    assertEquals(KeyScheme.MINISIGN, asMinisign.scheme());
    UpdateVerification v =
        verify(
            manifest(1, holding(asMinisign, "software")),
            TestData.path(SF + "message.txt"),
            TestData.path(SF + "message.txt.sig"));
    assertEquals(ReasonCode.UNKNOWN_KEY, first(v));
  }

  @Test
  void signify_badSignatureLineOrAlgorithm_refused() throws IOException {
    List<String> lines = TestData.lines(SF + "message.txt.sig");
    assertEquals(
        ReasonCode.MALFORMED_SIGNATURE,
        first(
            verifyBytes(
                signifyManifest(),
                SF + "message.txt",
                (lines.get(0) + "\n" + lines.get(1).substring(4) + "\n").getBytes(UTF_8))));
    assertEquals(
        ReasonCode.MALFORMED_SIGNATURE,
        first(
            verifyBytes(
                signifyManifest(), SF + "message.txt", (lines.get(0) + "\n").getBytes(UTF_8))));
    byte[] sigLine = Base64.getDecoder().decode(lines.get(1));
    sigLine[1] = 'D';
    assertEquals(
        ReasonCode.UNSUPPORTED_FORMAT,
        first(
            verifyBytes(
                signifyManifest(),
                SF + "message.txt",
                (lines.get(0) + "\n" + Base64.getEncoder().encodeToString(sigLine) + "\n")
                    .getBytes(UTF_8))));
  }

  @Test
  void signify_noFinalNewline_malformedAsSignifySays() throws IOException {
    String sig = new String(bytes(SF + "message.txt.sig"), UTF_8);
    assertEquals(
        ReasonCode.MALFORMED_SIGNATURE,
        first(verifyBytes(signifyManifest(), SF + "message.txt", sig.strip().getBytes(UTF_8))));
  }

  @Test
  void signify_crlf_valid() throws IOException {
    String sig = new String(bytes(SF + "message.txt.sig"), UTF_8);
    UpdateVerification v =
        verifyBytes(
            signifyManifest(), SF + "message.txt", sig.replace("\n", "\r\n").getBytes(UTF_8));
    assertTrue(v.isValid(), v.toString());
  }

  @Test
  void bothKindsInOneManifest_eachFormatFindsItsOwnKey() throws IOException {
    // Both keys in one manifest: each format finds only its own scheme's key.
    byte[] m =
        manifest(
            1,
            holding(key(MS + "minisign.pub", null), "software"),
            holding(key(SF + "signify.pub", null), "software"));
    assertTrue(
        verify(m, TestData.path(MS + "message.txt"), TestData.path(MS + "message.txt.minisig"))
            .isValid());
    assertTrue(
        verify(m, TestData.path(SF + "message.txt"), TestData.path(SF + "message.txt.sig"))
            .isValid());
  }
}
