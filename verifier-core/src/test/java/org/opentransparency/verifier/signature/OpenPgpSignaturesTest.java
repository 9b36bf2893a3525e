package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestFixture;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.Role;

/** OpenPGP keys and detached signatures (SPEC 3.5, 3.7, 3.9) on the gpg and BC fixtures. */
class OpenPgpSignaturesTest {
  static final String DIR = "signatures/openpgp/";
  static final Instant KEYGEN = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path tmp;

  static byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(TestData.path(DIR + name));
  }

  /** The fingerprints make.sh wrote, by name. */
  static Map<String, String> fingerprints() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : TestData.lines(DIR + "fingerprints.txt")) {
      String[] f = line.split(" ");
      m.put(f[0], f[1].toLowerCase(java.util.Locale.ROOT));
    }
    return m;
  }

  static VerificationKey key(String name) throws IOException {
    List<VerificationKey> l = VerificationKey.readAll(bytes(name + ".pub.asc"), null);
    assertEquals(1, l.size());
    return l.get(0);
  }

  /** A manifest: root 2-of-3 native keys, role software with the given openpgp keys. */
  private byte[] manifest(
      int threshold, List<VerificationKey> software, List<VerificationKey> other)
      throws IOException {
    List<ManifestKey> keys = new ArrayList<>();
    for (String r : List.of("r1", "r2", "r3")) {
      keys.add(
          new ManifestKey(ManifestFixture.key(r).publicKey(), Set.of("root"), null, null, null));
    }
    for (VerificationKey k : software) {
      keys.add(new ManifestKey(k, Set.of("software"), null, null, null));
    }
    for (VerificationKey k : other) {
      keys.add(new ManifestKey(k, Set.of("other"), null, null, null));
    }
    List<Role> roles =
        new ArrayList<>(List.of(new Role("root", 2), new Role("software", threshold)));
    if (!other.isEmpty()) {
      roles.add(new Role("other", 1));
    }
    return ManifestFixture.sign(
            KeyManifest.unsigned(
                "Example", 1, AT.minusSeconds(86_400), AT.plusSeconds(86_400 * 365L), roles, keys),
            "r1",
            "r2")
        .toJson();
  }

  private byte[] allKeys() throws IOException {
    return manifest(
        1,
        List.of(
            key("alice"),
            key("bob"),
            key("carol"),
            key("dave"),
            key("erin"),
            key("hank"),
            key("frank-v6"),
            key("gus-v6")),
        List.of());
  }

  private UpdateVerification verify(byte[] manifest, String data, String sig, Instant at)
      throws IOException {
    return UpdateVerifier.options()
        .build()
        .verify(TestData.path(DIR + data), TestData.path(DIR + sig), manifest, "software", at);
  }

  private UpdateVerification verify(String data, String sig) throws IOException {
    return verify(allKeys(), data, sig, AT);
  }

  private static List<ReasonCode> codes(UpdateVerification v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  /** A refusal: the reason, then the THRESHOLD_NOT_MET it causes. */
  private static List<ReasonCode> refused(ReasonCode code) {
    return List.of(code, ReasonCode.THRESHOLD_NOT_MET);
  }

  private static void assertValid(UpdateVerification v, String... signers) {
    assertEquals(List.of(), v.reasons(), "reasons");
    assertTrue(v.isValid());
    assertEquals(List.of(signers), v.signers());
    assertEquals("openpgp", v.format());
  }

  // ---- keys ----

  @Test
  void armoredAndBinaryKey_sameCanonicalKey_idIsFingerprint() throws IOException {
    VerificationKey armored = key("alice");
    List<VerificationKey> binary = VerificationKey.readAll(bytes("alice.pub.gpg"), null);
    assertEquals(1, binary.size());
    assertEquals(fingerprints().get("alice"), armored.keyId());
    assertEquals(40, armored.keyId().length());
    assertArrayEquals(armored.encoded(), binary.get(0).encoded());
    assertEquals(KeyScheme.OPENPGP, armored.scheme());
    assertEquals(
        armored.keyId(), VerificationKey.decode(armored.encoded(), KeyScheme.OPENPGP).keyId());
  }

  @Test
  void v6Key_idIs64HexFingerprint() throws IOException {
    VerificationKey k = key("frank-v6");
    assertEquals(fingerprints().get("frank-v6"), k.keyId());
    assertEquals(64, k.keyId().length());
  }

  @Test
  void keysFile_everyArmoredBlock_threeKeys() throws IOException {
    List<VerificationKey> l = VerificationKey.readAll(bytes("KEYS"), null);
    Map<String, String> f = fingerprints();
    assertEquals(
        List.of(f.get("alice"), f.get("bob"), f.get("erin")),
        l.stream().map(VerificationKey::keyId).toList());
  }

  @Test
  void keysFile_damagedBlock_refusedWhole() throws IOException {
    String keys = text(bytes("KEYS"));
    int second = keys.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----", keys.indexOf("-----END"));
    int at = keys.indexOf('\n', keys.indexOf("\n\n", second) + 2) - 5;
    char c = keys.charAt(at);
    String damaged = keys.substring(0, at) + (c == 'A' ? 'B' : 'A') + keys.substring(at + 1);
    assertThrows(
        InvalidInputException.class,
        () -> VerificationKey.readAll(damaged.getBytes(StandardCharsets.US_ASCII), null));
  }

  @Test
  void describe_firstUserIdAndLongKeyId() throws IOException {
    String d = key("alice").describe();
    assertTrue(d.contains("Alice Example <alice@example.org>"), d);
    String longId = fingerprints().get("alice").substring(24).toUpperCase(java.util.Locale.ROOT);
    assertTrue(d.contains(longId), d);
  }

  @Test
  void decode_refusesOtherEncodings() throws IOException {
    byte[] canonical = key("alice").encoded();
    assertThrows(
        InvalidInputException.class,
        () -> VerificationKey.decode(bytes("alice.pub.asc"), KeyScheme.OPENPGP));
    byte[] two = concat(canonical, key("bob").encoded());
    assertThrows(InvalidInputException.class, () -> VerificationKey.decode(two, KeyScheme.OPENPGP));
    byte[] trailing = concat(canonical, new byte[] {0});
    assertThrows(
        InvalidInputException.class, () -> VerificationKey.decode(trailing, KeyScheme.OPENPGP));
    byte[] cut = java.util.Arrays.copyOf(canonical, canonical.length - 1);
    assertThrows(InvalidInputException.class, () -> VerificationKey.decode(cut, KeyScheme.OPENPGP));
  }

  @Test
  void importOfNonKey_refused() {
    assertThrows(
        InvalidInputException.class,
        () -> VerificationKey.readAll(bytes("alice.txt.sig"), KeyScheme.OPENPGP));
  }

  // ---- accepted ----

  @Test
  void ed25519_armored_valid() throws IOException {
    UpdateVerification v = verify("data.txt", "alice.txt.asc");
    assertValid(v, fingerprints().get("alice"));
    assertEquals("2026-02-01T00:00:00Z", v.details().get("signed"));
  }

  @Test
  void ed25519_binary_valid() throws IOException {
    assertValid(verify("data.txt", "alice.txt.sig"), fingerprints().get("alice"));
  }

  @Test
  void rsa3072_valid() throws IOException {
    assertValid(verify("data.txt", "bob.txt.asc"), fingerprints().get("bob"));
  }

  @Test
  void textSignature_lfAndCrlfFile_bothValid() throws IOException {
    assertValid(verify("data.txt", "alice-text.txt.asc"), fingerprints().get("alice"));
    assertValid(verify("data-crlf.txt", "alice-text.txt.asc"), fingerprints().get("alice"));
  }

  @Test
  void binarySignature_crlfFile_bad() throws IOException {
    assertEquals(
        refused(ReasonCode.BAD_SIGNATURE), codes(verify("data-crlf.txt", "alice.txt.asc")));
  }

  @Test
  void signingSubkey_countsAsPrimary() throws IOException {
    assertValid(verify("data.txt", "erin.txt.asc"), fingerprints().get("erin"));
  }

  @Test
  void v6_armoredAndBinary_valid() throws IOException {
    assertValid(verify("data.txt", "frank-v6.txt.asc"), fingerprints().get("frank-v6"));
    assertValid(verify("data.txt", "frank-v6.txt.sig"), fingerprints().get("frank-v6"));
  }

  @Test
  void noIssuerSubpacket_everyKeyTried() throws IOException {
    assertValid(verify("data.txt", "frank-v6-noissuer.txt.asc"), fingerprints().get("frank-v6"));
    assertEquals(
        refused(ReasonCode.BAD_SIGNATURE),
        codes(verify("data-tampered.txt", "frank-v6-noissuer.txt.asc")));
    byte[] m = manifest(1, List.of(key("alice"), key("bob")), List.of());
    assertEquals(
        refused(ReasonCode.UNKNOWN_KEY),
        codes(verify(m, "data.txt", "frank-v6-noissuer.txt.asc", AT)));
  }

  @Test
  void twoSignatures_threshold2_bothCount() throws IOException {
    byte[] m = manifest(2, List.of(key("alice"), key("bob")), List.of());
    UpdateVerification v = verify(m, "data.txt", "alice-bob.txt.asc", AT);
    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(
        Set.of(fingerprints().get("alice"), fingerprints().get("bob")), Set.copyOf(v.signers()));
  }

  @Test
  void oneSigner_threshold2_notMet() throws IOException {
    byte[] m = manifest(2, List.of(key("alice"), key("bob")), List.of());
    assertEquals(
        List.of(ReasonCode.THRESHOLD_NOT_MET), codes(verify(m, "data.txt", "alice.txt.asc", AT)));
  }

  @Test
  void expiredKey_validBeforeItsExpiry() throws IOException {
    assertValid(
        verify(allKeys(), "data.txt", "dave.txt.asc", Instant.parse("2026-03-01T00:00:00Z")),
        fingerprints().get("dave"));
  }

  @Test
  void keysFromKeysFile_verify() throws IOException {
    byte[] m = manifest(1, VerificationKey.readAll(bytes("KEYS"), null), List.of());
    assertValid(verify(m, "data.txt", "erin.txt.asc", AT), fingerprints().get("erin"));
  }

  // ---- refused ----

  @Test
  void tamperedFile_badSignature() throws IOException {
    assertEquals(
        refused(ReasonCode.BAD_SIGNATURE), codes(verify("data-tampered.txt", "alice.txt.asc")));
    assertEquals(
        refused(ReasonCode.BAD_SIGNATURE), codes(verify("data-tampered.txt", "frank-v6.txt.sig")));
  }

  @Test
  void sha1_weakDigest() throws IOException {
    assertEquals(refused(ReasonCode.WEAK_DIGEST), codes(verify("data.txt", "bob-sha1.txt.asc")));
  }

  @Test
  void sha224_weakDigest() throws IOException {
    assertEquals(refused(ReasonCode.WEAK_DIGEST), codes(verify("data.txt", "bob-sha224.txt.asc")));
  }

  @Test
  void revokedKey_keyRevoked() throws IOException {
    assertEquals(refused(ReasonCode.KEY_REVOKED), codes(verify("data.txt", "carol.txt.asc")));
  }

  @Test
  void expiredKey_keyExpired() throws IOException {
    UpdateVerification v = verify("data.txt", "dave.txt.asc");
    assertEquals(refused(ReasonCode.KEY_EXPIRED), codes(v));
    assertTrue(v.reasons().get(0).message().contains("2026-06-01"), v.reasons().toString());
  }

  @Test
  void expiredSignature_updateExpired() throws IOException {
    assertEquals(
        refused(ReasonCode.UPDATE_EXPIRED), codes(verify("data.txt", "alice-expiring.txt.asc")));
    assertValid(
        verify(
            allKeys(), "data.txt", "alice-expiring.txt.asc", Instant.parse("2026-02-15T00:00:00Z")),
        fingerprints().get("alice"));
  }

  @Test
  void signatureAfterT_keyNotYetValid() throws IOException {
    assertEquals(
        refused(ReasonCode.KEY_NOT_YET_VALID),
        codes(
            verify(allKeys(), "data.txt", "alice.txt.asc", Instant.parse("2026-01-15T00:00:00Z"))));
  }

  @Test
  void keyNotInManifest_unknownKey() throws IOException {
    byte[] m = manifest(1, List.of(key("bob")), List.of());
    assertEquals(
        refused(ReasonCode.UNKNOWN_KEY), codes(verify(m, "data.txt", "alice.txt.asc", AT)));
  }

  @Test
  void keyWithoutRole_keyNotAuthorized() throws IOException {
    byte[] m = manifest(1, List.of(key("bob")), List.of(key("alice")));
    assertEquals(
        refused(ReasonCode.KEY_NOT_AUTHORIZED), codes(verify(m, "data.txt", "alice.txt.asc", AT)));
  }

  @Test
  void expiredSubkey_keyExpired_validBeforeItsExpiry() throws IOException {
    UpdateVerification v = verify("data.txt", "hank-expired-subkey.txt.asc");
    assertEquals(refused(ReasonCode.KEY_EXPIRED), codes(v));
    assertTrue(v.reasons().get(0).message().startsWith("subkey "), v.reasons().toString());
    assertValid(
        verify(
            allKeys(),
            "data.txt",
            "hank-expired-subkey.txt.asc",
            Instant.parse("2026-04-01T00:00:00Z")),
        fingerprints().get("hank"));
  }

  @Test
  void revokedSubkey_keyRevoked() throws IOException {
    UpdateVerification v = verify("data.txt", "hank-revoked-subkey.txt.asc");
    assertEquals(refused(ReasonCode.KEY_REVOKED), codes(v));
    assertTrue(
        v.reasons()
            .get(0)
            .message()
            .startsWith("subkey " + fingerprints().get("hank-revoked-subkey")),
        v.reasons().toString());
  }

  @Test
  void subkeyWithoutSigningFlag_keyNotAuthorized() throws IOException {
    assertEquals(
        refused(ReasonCode.KEY_NOT_AUTHORIZED), codes(verify("data.txt", "frank-v6-auth.txt.asc")));
  }

  @Test
  void primaryWithoutSigningFlag_keyNotAuthorized() throws IOException {
    UpdateVerification v = verify("data.txt", "gus-v6.txt.asc");
    assertEquals(refused(ReasonCode.KEY_NOT_AUTHORIZED), codes(v), v.reasons().toString());
    assertTrue(v.reasons().get(0).message().contains("signing flag"), v.reasons().toString());
  }

  @Test
  void subkeyWithoutBackSignature_unknownKey() throws IOException {
    assertEquals(
        refused(ReasonCode.UNKNOWN_KEY), codes(verify("data.txt", "frank-v6-unbound.txt.asc")));
  }

  @Test
  void garbageArmor_malformed() throws IOException {
    Path sig =
        Files.writeString(
            tmp.resolve("x.asc"),
            "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n");
    UpdateVerification v =
        UpdateVerifier.options()
            .build()
            .verify(TestData.path(DIR + "data.txt"), sig, allKeys(), "software", AT);
    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(v));
  }

  private UpdateVerification verifyArmor(String armor) throws IOException {
    Path sig = Files.writeString(tmp.resolve("tail.asc"), armor, StandardCharsets.ISO_8859_1);
    return UpdateVerifier.options()
        .build()
        .verify(TestData.path(DIR + "data.txt"), sig, allKeys(), "software", AT);
  }

  @Test
  void armor_whitespaceAroundBlock_valid() throws IOException {
    String alice = new String(bytes("alice.txt.asc"), StandardCharsets.ISO_8859_1);
    assertValid(verifyArmor("\n \t\r\n" + alice + "\r\n\n  \t\n"), fingerprints().get("alice"));
  }

  @Test
  void armor_textAfterEndLine_malformed() throws IOException {
    String alice = new String(bytes("alice.txt.asc"), StandardCharsets.ISO_8859_1);
    assertEquals(
        List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verifyArmor(alice + "not signed\n")));
    String sameLine = alice.replace("-----END PGP SIGNATURE-----", "-----END PGP SIGNATURE-----x");
    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verifyArmor(sameLine)));
  }

  @Test
  void armor_secondBlock_malformed() throws IOException {
    // Bob's signature in a second armored block: it would otherwise be read, or silently dropped.
    String two =
        new String(bytes("alice.txt.asc"), StandardCharsets.ISO_8859_1)
            + new String(bytes("bob.txt.asc"), StandardCharsets.ISO_8859_1);
    assertEquals(List.of(ReasonCode.MALFORMED_SIGNATURE), codes(verifyArmor(two)));
  }

  /** The binary packets of an armored fixture. */
  static byte[] dearmored(String name) throws IOException {
    try (org.bouncycastle.bcpg.ArmoredInputStream a =
        org.bouncycastle.bcpg.ArmoredInputStream.builder()
            .build(new java.io.ByteArrayInputStream(bytes(name)))) {
      return a.readAllBytes();
    }
  }

  @Test
  void candidateBudget_perFile_issuerHintedFirst() throws IOException {
    // 15 signatures naming no issuer (each would try every v6 Ed25519 key of the manifest), then
    // one naming Alice: at most MAX_CANDIDATES (signature, key) pairs in all, Alice's among them.
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] noIssuer = dearmored("frank-v6-noissuer.txt.asc");
    for (int i = 0; i < OpenPgpSignatures.MAX_SIGNATURES - 1; i++) {
      b.write(noIssuer);
    }
    b.write(bytes("alice.txt.sig"));
    KeyManifest m = KeyManifest.parse(allKeys(), org.opentransparency.verifier.Limits.defaults());
    List<ManifestKey> keys = new ArrayList<>(m.keys());
    DetachedCheck check = OpenPgpSignatures.parse(b.toByteArray(), keys);
    assertEquals(OpenPgpSignatures.MAX_CANDIDATES, check.sinks().size());
    Path sig = Files.write(tmp.resolve("many.sig"), b.toByteArray());
    UpdateVerification v =
        UpdateVerifier.options()
            .build()
            .verify(TestData.path(DIR + "data.txt"), sig, allKeys(), "software", AT);
    assertTrue(v.isValid());
    assertTrue(v.signers().contains(fingerprints().get("alice")), "the hinted signature counted");
    assertTrue(v.signers().contains(fingerprints().get("frank-v6")), v.signers().toString());
    // Without the update's bytes nothing verifies: the starved signatures say why they failed.
    CheckOutcome out = new CheckOutcome("software", AT);
    check.finish(Map.of(), out);
    List<Reason> starved =
        out.problems().stream().filter(r -> r.code() == ReasonCode.UNKNOWN_KEY).toList();
    assertEquals(8, starved.size(), out.problems().toString());
    assertTrue(starved.get(0).message().contains("at most 32"), starved.get(0).message());
  }

  @Test
  void tooManySignaturePackets_malformed() throws IOException {
    byte[] one = bytes("alice.txt.sig");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i <= OpenPgpSignatures.MAX_SIGNATURES; i++) {
      b.write(one);
    }
    assertThrows(
        InvalidInputException.class, () -> OpenPgpSignatures.parse(b.toByteArray(), List.of()));
  }

  @Test
  void certificationAsDetachedSignature_unsupported() throws IOException {
    PGPPublicKey alice = ring(key("alice")).getPublicKey();
    PGPSignature cert = alice.getSignatures().next();
    Path sig = Files.write(tmp.resolve("cert.sig"), cert.getEncoded());
    UpdateVerification v =
        UpdateVerifier.options()
            .build()
            .verify(TestData.path(DIR + "data.txt"), sig, allKeys(), "software", AT);
    assertEquals(refused(ReasonCode.UNSUPPORTED_FORMAT), codes(v));
  }

  // ---- self-signatures that do not verify never count ----

  static PGPPublicKeyRing ring(VerificationKey k) {
    return k.material(KeyScheme.OPENPGP, PGPPublicKeyRing.class);
  }

  static VerificationKey rebuilt(PGPPublicKey primary, PGPPublicKeyRing rest) throws IOException {
    List<PGPPublicKey> keys = new ArrayList<>();
    keys.add(primary);
    Iterator<PGPPublicKey> it = rest.getPublicKeys();
    it.next();
    it.forEachRemaining(keys::add);
    return VerificationKey.decode(new PGPPublicKeyRing(keys).getEncoded(), KeyScheme.OPENPGP);
  }

  @Test
  void foreignRevocation_doesNotRevoke() throws IOException {
    PGPSignature carolsRevocation =
        ring(key("carol")).getPublicKey().getSignaturesOfType(PGPSignature.KEY_REVOCATION).next();
    PGPPublicKeyRing alice = ring(key("alice"));
    PGPPublicKey revokedLooking =
        PGPPublicKey.addCertification(alice.getPublicKey(), carolsRevocation);
    assertTrue(revokedLooking.hasRevocation(), "BouncyCastle reads the unverified revocation");
    VerificationKey k = rebuilt(revokedLooking, alice);
    assertValid(
        verify(manifest(1, List.of(k), List.of()), "data.txt", "alice.txt.asc", AT), k.keyId());
  }

  @Test
  void foreignSelfSignatureWithoutExpiry_doesNotExtendExpiredKey() throws IOException {
    PGPPublicKeyRing dave = ring(key("dave"));
    PGPPublicKey alice = ring(key("alice")).getPublicKey();
    PGPSignature alicesCert = alice.getSignaturesForID("Alice Example <alice@example.org>").next();
    PGPPublicKey extended =
        PGPPublicKey.addCertification(
            dave.getPublicKey(), "Dave Expired <dave@example.org>", alicesCert);
    VerificationKey k = rebuilt(extended, dave);
    assertEquals(
        refused(ReasonCode.KEY_EXPIRED),
        codes(verify(manifest(1, List.of(k), List.of()), "data.txt", "dave.txt.asc", AT)));
  }

  @Test
  void subkeyMovedToAnotherPrimary_unknownKey() throws IOException {
    // Erin's signing subkey, with its binding, attached to Alice's key: the binding does not
    // verify with Alice's primary, so the subkey is not Alice's.
    PGPPublicKeyRing erin = ring(key("erin"));
    PGPPublicKeyRing alice = ring(key("alice"));
    List<PGPPublicKey> keys = new ArrayList<>();
    alice.getPublicKeys().forEachRemaining(keys::add);
    Iterator<PGPPublicKey> it = erin.getPublicKeys();
    it.next();
    it.forEachRemaining(keys::add);
    VerificationKey k =
        VerificationKey.decode(new PGPPublicKeyRing(keys).getEncoded(), KeyScheme.OPENPGP);
    assertEquals(
        refused(ReasonCode.UNKNOWN_KEY),
        codes(verify(manifest(1, List.of(k), List.of()), "data.txt", "erin.txt.asc", AT)));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
