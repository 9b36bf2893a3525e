package org.opentransparency.verifier.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.dsse.Envelope;

/** SPEC 3.5: each rule refused with its reason code, beside the valid case accepted. */
class ManifestVerifierTest {
  private static ManifestVerification verify(Envelope env) throws Exception {
    return ManifestVerifier.verify(env.toJson(), AT, Limits.defaults());
  }

  private static ManifestVerification verifyPayload(String payload, String... signers)
      throws Exception {
    Envelope env =
        ManifestFixture.sign(
            new Envelope(KeyManifest.PAYLOAD_TYPE, payload.getBytes(UTF_8), List.of()), signers);
    return verify(env);
  }

  private static List<ReasonCode> codes(ManifestVerification v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void verify_thresholdOfRootKeys_valid() throws Exception {
    ManifestVerification v = verify(ManifestFixture.standard().signedBy("r1", "r3"));

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(2, v.signers().size());
  }

  @Test
  void verify_belowRootThreshold_manifestThresholdNotMet() throws Exception {
    ManifestVerification v = verify(ManifestFixture.standard().signedBy("r1"));

    assertEquals(List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET), codes(v));
  }

  @Test
  void verify_sameKeyTwice_countsOnce() throws Exception {
    ManifestVerification v = verify(ManifestFixture.standard().signedBy("r1", "r1"));

    assertEquals(List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET), codes(v));
  }

  @Test
  void verify_sameKeyUnderTwoKeyIdHints_countsOnce() throws Exception {
    Envelope env = ManifestFixture.standard().signedBy("r1");
    byte[] sig = ManifestFixture.key("r1").sign(env.pae());
    env = env.withSignature(new Envelope.Signature("", sig));
    env =
        env.withSignature(
            new Envelope.Signature(ManifestFixture.key("r2").publicKey().keyId(), sig));

    ManifestVerification v = verify(env);

    assertFalse(v.isValid());
    assertEquals(1, v.signers().size());
    assertTrue(codes(v).contains(ReasonCode.MANIFEST_THRESHOLD_NOT_MET));
  }

  @Test
  void verify_signedByNonRootKey_notCountedAndNamed() throws Exception {
    ManifestVerification v = verify(ManifestFixture.standard().signedBy("r1", "s1"));

    assertEquals(
        List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET, ReasonCode.KEY_NOT_AUTHORIZED), codes(v));
  }

  @Test
  void verify_signatureByUnknownKey_ignored() throws Exception {
    ManifestVerification v = verify(ManifestFixture.standard().signedBy("r1", "stranger", "r2"));

    assertTrue(v.isValid(), v.reasons().toString());
  }

  @Test
  void verify_emptyKeyIdHint_triedAgainstEveryRootKey() throws Exception {
    Envelope env = ManifestFixture.standard().unsigned();
    for (String s : List.of("r2", "r3")) {
      env = env.withSignature(new Envelope.Signature("", ManifestFixture.key(s).sign(env.pae())));
    }

    assertTrue(verify(env).isValid());
  }

  @Test
  void verify_revokedRootKey_keyRevokedBeforeThreshold() throws Exception {
    ManifestFixture f =
        new ManifestFixture()
            .role("root", 2)
            .key("r1", "root")
            .key(
                "r2",
                null,
                null,
                new ManifestKey.Revocation(AT.plusSeconds(86_400), "key-compromise"),
                "root")
            .key("r3", "root");

    // Revoked in the future still means revoked: native signatures carry no trusted time.
    ManifestVerification v = verify(f.signedBy("r1", "r2"));

    assertEquals(List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET, ReasonCode.KEY_REVOKED), codes(v));
  }

  @Test
  void verify_rootKeyOutsideWindow_notYetValidOrExpired() throws Exception {
    ManifestFixture f =
        new ManifestFixture()
            .role("root", 2)
            .key("r1", AT.plusSeconds(1), null, null, "root")
            .key("r2", null, AT, null, "root")
            .key("r3", AT.minusSeconds(10), AT.plusSeconds(10), null, "root");

    ManifestVerification early = verify(f.signedBy("r1", "r3"));
    ManifestVerification late = verify(f.signedBy("r2", "r3"));

    assertEquals(
        List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET, ReasonCode.KEY_NOT_YET_VALID), codes(early));
    assertEquals(
        List.of(ReasonCode.MANIFEST_THRESHOLD_NOT_MET, ReasonCode.KEY_EXPIRED), codes(late));
  }

  @Test
  void verify_expired_manifestExpired() throws Exception {
    ManifestFixture f = ManifestFixture.standard();
    f.expiresAt = AT;

    ManifestVerification v = verify(f.signedBy("r1", "r2"));

    assertEquals(List.of(ReasonCode.MANIFEST_EXPIRED), codes(v));
  }

  @Test
  void verify_tamperedPayload_badSignatures() throws Exception {
    Envelope good = ManifestFixture.standard().signedBy("r1", "r2");
    String payload = new String(good.payload(), UTF_8).replace("Example Security", "Evil Security");
    Envelope tampered =
        new Envelope(good.payloadType(), payload.getBytes(UTF_8), good.signatures());

    ManifestVerification v = verify(tampered);

    assertEquals(
        List.of(
            ReasonCode.MANIFEST_THRESHOLD_NOT_MET,
            ReasonCode.BAD_SIGNATURE,
            ReasonCode.BAD_SIGNATURE),
        codes(v));
  }

  @Test
  void verify_keyIdNotMatchingPublicKey_manifestInvalid() throws Exception {
    String payload = new String(ManifestFixture.standard().unsigned().payload(), UTF_8);
    String id = ManifestFixture.key("r1").publicKey().keyId();
    String wrong = "0".repeat(64);

    ManifestVerification v = verifyPayload(payload.replace(id, wrong), "r2", "r3");

    assertEquals(List.of(ReasonCode.MANIFEST_INVALID), codes(v));
    assertTrue(v.reasons().get(0).message().contains("keyId does not match"));
  }

  @Test
  void verify_duplicateMemberInPayload_manifestInvalid() throws Exception {
    String payload = new String(ManifestFixture.standard().unsigned().payload(), UTF_8);
    String dup = payload.replaceFirst("\"version\" : 1", "\"version\" : 1, \"version\" : 2");

    ManifestVerification v = verifyPayload(dup, "r1", "r2");

    assertEquals(List.of(ReasonCode.MANIFEST_INVALID), codes(v));
    assertTrue(v.reasons().get(0).message().contains("Duplicate"), v.reasons().toString());
  }

  @Test
  void verify_duplicateMemberInEnvelope_manifestInvalid() throws Exception {
    String json = new String(ManifestFixture.standard().signedBy("r1", "r2").toJson(), UTF_8);
    String dup = json.replaceFirst("\"payloadType\"", "\"payloadType\" : \"x\", \"payloadType\"");

    ManifestVerification v = ManifestVerifier.verify(dup.getBytes(UTF_8), AT, Limits.defaults());

    assertEquals(List.of(ReasonCode.MANIFEST_INVALID), codes(v));
  }

  @Test
  void verify_wrongPayloadType_manifestInvalid() throws Exception {
    Envelope good = ManifestFixture.standard().unsigned();
    Envelope other =
        ManifestFixture.sign(
            new Envelope("application/json", good.payload(), List.of()), "r1", "r2");

    assertEquals(List.of(ReasonCode.MANIFEST_INVALID), codes(verify(other)));
  }

  @Test
  void verify_structuralRules_eachManifestInvalid() throws Exception {
    String base = new String(ManifestFixture.standard().unsigned().payload(), UTF_8);
    List<String> broken =
        List.of(
            base.replace("\"version\" : 1", "\"version\" : 0"),
            base.replace("\"version\" : 1", "\"version\" : 1.5"),
            base.replace("\"version\" : 1", "\"version\" : \"1\""),
            base.replace("\"key-manifest/v1\"", "\"key-manifest/v2\""),
            base.replace("\"threshold\" : 2", "\"threshold\" : 4"),
            base.replace("\"threshold\" : 2", "\"threshold\" : 0"),
            base.replace("\"root\" : {", "\"Root\" : {"),
            base.replaceFirst("\"threat-rules\" ]", "\"no-such-role\" ]"),
            base.replaceFirst("\"scheme\" : \"ed25519\"", "\"scheme\" : \"ecdsa-p256-sha256\""),
            base.replaceFirst("\"scheme\" : \"ed25519\"", "\"scheme\" : \"rsa-pss-sha256\""),
            base.replaceFirst("\"expiresAt\" : \"[^\"]+\"", "\"expiresAt\" : \"next year\""),
            base + "{}");

    for (String payload : broken) {
      assertEquals(
          List.of(ReasonCode.MANIFEST_INVALID), codes(verifyPayload(payload, "r1", "r2")), payload);
    }
  }

  @Test
  void verify_unknownMembers_ignored() throws Exception {
    String base = new String(ManifestFixture.standard().unsigned().payload(), UTF_8);
    String extended = base.replaceFirst("\\{", "{ \"futureField\" : [1, 2],");

    assertTrue(verifyPayload(extended, "r1", "r2").isValid());
  }

  @Test
  void verifySuccessor_signedByPreviousRootThreshold_valid() throws Exception {
    KeyManifest v1 = ManifestFixture.parse(ManifestFixture.standard().signedBy("r1", "r2"));
    ManifestFixture next = ManifestFixture.standard();
    next.version = 2;

    ManifestVerification v =
        ManifestVerifier.verifySuccessor(
            v1, ManifestFixture.parse(next.signedBy("r2", "r3")), AT, true);

    assertTrue(v.isValid(), v.reasons().toString());
  }

  @Test
  void verifySuccessor_signedOnlyByNewRootKeys_thresholdNotMet() throws Exception {
    KeyManifest v1 = ManifestFixture.parse(ManifestFixture.standard().signedBy("r1", "r2"));
    ManifestFixture next =
        new ManifestFixture().role("root", 2).key("n1", "root").key("n2", "root");
    next.version = 2;

    ManifestVerification v =
        ManifestVerifier.verifySuccessor(
            v1, ManifestFixture.parse(next.signedBy("n1", "n2")), AT, true);

    assertEquals(
        List.of(
            ReasonCode.MANIFEST_THRESHOLD_NOT_MET, ReasonCode.UNKNOWN_KEY, ReasonCode.UNKNOWN_KEY),
        codes(v));
    assertTrue(
        v.reasons()
            .get(0)
            .message()
            .startsWith(
                "key manifest v2 is not a trusted rotation: signed by 0 of the 2 distinct root"
                    + " keys of the trusted v1; a signature on the key manifest claims key "),
        v.reasons().get(0).message());
  }

  @Test
  void verifySuccessor_rotationToNewKeysCosignedByOld_valid() throws Exception {
    KeyManifest v1 = ManifestFixture.parse(ManifestFixture.standard().signedBy("r1", "r2"));
    ManifestFixture next =
        new ManifestFixture().role("root", 2).key("n1", "root").key("n2", "root");
    next.version = 2;

    ManifestVerification v =
        ManifestVerifier.verifySuccessor(
            v1, ManifestFixture.parse(next.signedBy("n1", "n2", "r1", "r3")), AT, true);

    assertTrue(v.isValid(), v.reasons().toString());
  }

  @Test
  void verifySuccessor_skippedVersion_manifestInvalid() throws Exception {
    KeyManifest v1 = ManifestFixture.parse(ManifestFixture.standard().signedBy("r1", "r2"));
    ManifestFixture next = ManifestFixture.standard();
    next.version = 3;

    ManifestVerification v =
        ManifestVerifier.verifySuccessor(
            v1, ManifestFixture.parse(next.signedBy("r1", "r2")), AT, true);

    assertEquals(List.of(ReasonCode.MANIFEST_INVALID), codes(v));
  }

  @Test
  void verifySuccessor_olderVersion_manifestRollback() throws Exception {
    ManifestFixture f2 = ManifestFixture.standard();
    f2.version = 2;
    KeyManifest v2 = ManifestFixture.parse(f2.signedBy("r1", "r2"));
    KeyManifest v1 = ManifestFixture.parse(ManifestFixture.standard().signedBy("r1", "r2"));

    assertEquals(
        List.of(ReasonCode.MANIFEST_ROLLBACK),
        codes(ManifestVerifier.verifySuccessor(v2, v1, AT, true)));
  }

  @Test
  void verifySuccessor_sameVersionOtherBytes_manifestRollback() throws Exception {
    KeyManifest v1 = ManifestFixture.parse(ManifestFixture.standard().signedBy("r1", "r2"));
    ManifestFixture other = ManifestFixture.standard();
    other.publisher = "Someone Else";

    ManifestVerification v =
        ManifestVerifier.verifySuccessor(
            v1, ManifestFixture.parse(other.signedBy("r1", "r2")), AT, true);

    assertEquals(List.of(ReasonCode.MANIFEST_ROLLBACK), codes(v));
  }

  @Test
  void verifySuccessor_sameManifest_valid() throws Exception {
    Envelope env = ManifestFixture.standard().signedBy("r1", "r2");

    ManifestVerification v =
        ManifestVerifier.verifySuccessor(
            ManifestFixture.parse(env), ManifestFixture.parse(env), AT, true);

    assertTrue(v.isValid());
  }

  @Test
  void verifySuccessor_expiredIntermediate_acceptedOnlyWhenNotFinal() throws Exception {
    KeyManifest v1 = ManifestFixture.parse(ManifestFixture.standard().signedBy("r1", "r2"));
    ManifestFixture f2 = ManifestFixture.standard();
    f2.version = 2;
    f2.expiresAt = AT.minusSeconds(1);
    KeyManifest v2 = ManifestFixture.parse(f2.signedBy("r1", "r2"));

    assertTrue(ManifestVerifier.verifySuccessor(v1, v2, AT, false).isValid());
    assertEquals(
        List.of(ReasonCode.MANIFEST_EXPIRED),
        codes(ManifestVerifier.verifySuccessor(v1, v2, AT, true)));
  }

  @Test
  void verify_manyHintlessSignatures_boundedWork() throws Exception {
    Envelope env = ManifestFixture.standard().unsigned();
    byte[] junk = new byte[64];
    for (int i = 0; i < KeyManifest.MAX_SIGNATURES; i++) {
      env = env.withSignature(new Envelope.Signature("", junk));
    }

    ManifestVerification v = verify(env);

    assertFalse(v.isValid());
    assertEquals(ReasonCode.MANIFEST_THRESHOLD_NOT_MET, codes(v).get(0));
  }

  @Test
  void verify_tooManySignatures_manifestInvalid() throws Exception {
    Envelope env = ManifestFixture.standard().unsigned();
    for (int i = 0; i <= KeyManifest.MAX_SIGNATURES; i++) {
      env = env.withSignature(new Envelope.Signature("", new byte[64]));
    }

    assertEquals(List.of(ReasonCode.MANIFEST_INVALID), codes(verify(env)));
  }
}
