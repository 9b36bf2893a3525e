package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;
import static org.opentransparency.verifier.hostile.Hostile.attack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.hostile.Hostile;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestFixture;
import org.opentransparency.verifier.manifest.ManifestVerification;
import org.opentransparency.verifier.manifest.ManifestVerifier;

/**
 * Hostile JSON documents (manifests, envelopes, statements) and signature files (SPEC 4, 3.5-3.7):
 * every one refused with its exact reason, none exhausting the 256 MiB heap or hanging.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileDocumentTest {
  @TempDir Path dir;

  /** The manifest the signature cases verify against: the test signer holds "software". */
  static byte[] manifest() throws IOException {
    VerificationKey signer =
        VerificationKey.read(Files.readAllBytes(attack("test-signer.pub")), null);
    return ManifestFixture.sign(
            new ManifestFixture()
                .role("root", 1)
                .role("software", 1)
                .key("r1", "root")
                .key(signer, "software")
                .unsigned(),
            "r1")
        .toJson();
  }

  static UpdateVerification verify(byte[] manifest, byte[] content, byte[] sig) throws IOException {
    return UpdateVerifier.options()
        .build()
        .verify(new ByteArrayInputStream(content), "rules.tar.gz", sig, manifest, "software", AT);
  }

  static byte[] read(String attack) throws IOException {
    return Files.readAllBytes(attack(attack));
  }

  @ParameterizedTest
  @CsvSource({
    "manifest-huge-number.json, 'manifest payload: Number value length (81) exceeds the maximum'",
    "manifest-version-overflow.json, 'manifest payload: \"version\" must be an integer >= 1'",
    "manifest-huge-exponent.json, 'manifest payload: \"version\" must be an integer'",
    "manifest-invalid-utf8.json, 'manifest payload: not valid JSON: malformed UTF-8 at byte offset'",
    "envelope-invalid-utf8.json, 'manifest: not valid JSON: malformed UTF-8 at byte offset 21'",
    "manifest-bom.json, 'manifest: not valid JSON: starts with a byte order mark'",
    "manifest-payload-bom.json, 'manifest payload: not valid JSON: starts with a byte order mark'",
    "manifest-utf16.json, 'manifest: not valid JSON: not UTF-8 (UTF-16 or UTF-32?)'",
    "manifest-duplicate-member.json, 'manifest payload: not valid JSON: Duplicate field ''version'''",
    "manifest-trailing-garbage.json, 'manifest: not valid JSON: Unrecognized token ''garbage'''",
  })
  void hostileManifest(String name, String message) throws IOException {
    byte[] m = read(name);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> KeyManifest.parse(m, Limits.defaults()));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    ManifestVerification v = ManifestVerifier.verify(m, AT, Limits.defaults());
    assertFalse(v.isValid());
    assertEquals(ReasonCode.MANIFEST_INVALID, v.reasons().get(0).code());
    // And as the manifest of an update check: MANIFEST_INVALID, never a verdict of valid.
    UpdateVerification u = verify(m, read("rules.tar.gz"), read("rules.tar.gz.sig"));
    assertFalse(u.isValid());
    assertEquals(ReasonCode.MANIFEST_INVALID, u.reasons().get(0).code());
  }

  /** A BOM or an overlong UTF-8 form in a statement was read (the overlong '/' as '/'). */
  @ParameterizedTest
  @CsvSource({
    "statement-bom.json, 'statement: not valid JSON: starts with a byte order mark'",
    "statement-invalid-utf8.json, 'statement: not valid JSON: malformed UTF-8 at byte offset 69'",
    "statement-huge-number.json, 'statement: Number value length (81) exceeds the maximum'",
    "statement-duplicate-member.json, 'statement: not valid JSON: Duplicate field ''_type'''",
  })
  void hostileStatement(String name, String message) throws IOException {
    byte[] s = read(name);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Statement.parse(s, Limits.defaults()));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void theRealStatementParses() throws IOException {
    Statement s = Statement.parse(read("statement.json"), Limits.defaults());
    assertEquals("rules.tar.gz", s.subjects().get(0).name());
  }

  @Test
  void jsonNested100000Deep() throws IOException {
    byte[] deep = Hostile.deepJson(100_000);
    for (ThrowingParse p :
        new ThrowingParse[] {
          () -> KeyManifest.parse(deep, Limits.defaults()),
          () -> Envelope.parse(deep, "manifest", Limits.defaults()),
          () -> Statement.parse(deep, Limits.defaults())
        }) {
      InvalidInputException e = assertThrows(InvalidInputException.class, p::run);
      assertTrue(e.getMessage().contains("nesting depth (65) exceeds the maximum allowed (64"));
    }
    assertEquals(
        ReasonCode.MANIFEST_INVALID,
        ManifestVerifier.verify(deep, AT, Limits.defaults()).reasons().get(0).code());
  }

  interface ThrowingParse {
    void run() throws IOException;
  }

  @Test
  void jsonOverSixteenMebibytes() throws IOException {
    byte[] big = Hostile.bigStringJson((16 << 20) + 1);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> KeyManifest.parse(big, Limits.defaults()));
    assertEquals("maxJsonBytes", e.limit());
    assertEquals(
        "manifest is larger than the limit of 16777216 bytes (raise it with --max-json-bytes)",
        e.getMessage());
    assertThrows(
        LimitExceededException.class, () -> ManifestVerifier.verify(big, AT, Limits.defaults()));
    assertThrows(LimitExceededException.class, () -> Statement.parse(big, Limits.defaults()));
    // As a signature file it is over the signature limit first.
    LimitExceededException s =
        assertThrows(
            LimitExceededException.class, () -> verify(manifest(), read("rules.tar.gz"), big));
    assertEquals("maxSignatureBytes", s.limit());
  }

  /** A 16 MiB string just under the limit is parsed and refused in the small heap. */
  @Test
  void sixteenMebibyteStringUnderTheLimit() {
    byte[] big = Hostile.bigStringJson(16 << 20);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> KeyManifest.parse(big, Limits.defaults()));
    assertEquals("manifest: \"payload\" must be a string", e.getMessage());
  }

  @Test
  void realSignaturesVerify() throws IOException {
    byte[] m = manifest();
    assertTrue(verify(m, read("rules.tar.gz"), read("rules.tar.gz.sig")).isValid());
    assertTrue(verify(m, read("rules.tar.gz"), read("rules.tar.gz.dsse")).isValid());
  }

  @ParameterizedTest
  @CsvSource({
    "sig-raw-truncated.sig, MALFORMED_SIGNATURE",
    "sig-raw-trailing-garbage.sig, MALFORMED_SIGNATURE",
    "sig-hex-trailing-garbage.sig, MALFORMED_SIGNATURE",
    "sig-dsse-truncated.dsse, MALFORMED_SIGNATURE",
    "sig-dsse-trailing-garbage.dsse, MALFORMED_SIGNATURE",
  })
  void hostileSignatureFile(String name, ReasonCode code) throws IOException {
    UpdateVerification u = verify(manifest(), read("rules.tar.gz"), read(name));
    assertFalse(u.isValid());
    assertEquals(code, u.reasons().get(0).code(), u.reasons()::toString);
  }

  @Test
  void oversizedSignatureFile() throws IOException {
    byte[] sig = read("rules.tar.gz.sig");
    byte[] big = Arrays.copyOf(sig, (1 << 20) + 1);
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> verify(manifest(), read("rules.tar.gz"), big));
    assertEquals("maxSignatureBytes", e.limit());
    assertEquals(
        "signature is larger than the limit of 1048576 bytes (raise it with"
            + " --max-signature-bytes)",
        e.getMessage());
    // Read from a file, it is refused without reading past the limit.
    Path file = Files.write(dir.resolve("rules.tar.gz"), read("rules.tar.gz"));
    Path sigFile = Files.write(dir.resolve("rules.tar.gz.sig"), big);
    LimitExceededException f =
        assertThrows(
            LimitExceededException.class,
            () ->
                UpdateVerifier.options().build().verify(file, sigFile, manifest(), "software", AT));
    assertEquals("maxSignatureBytes", f.limit());
  }
}
