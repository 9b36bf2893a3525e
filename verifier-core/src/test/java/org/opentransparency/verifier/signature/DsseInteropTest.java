package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestFixture;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.Role;

/**
 * Envelopes made by an independent DSSE implementation (Python's cryptography) verify here, and
 * envelopes made by {@code verifier sign} verified there (testdata/interop/make.sh).
 */
class DsseInteropTest {
  private static VerificationKey pub(String name) throws IOException {
    return VerificationKey.read(Files.readAllBytes(TestData.path("interop/python/" + name)), null);
  }

  /** A manifest, signed by a test root key, giving the two Python keys threat-rules. */
  private static byte[] manifest(int threshold) throws IOException {
    ManifestKey root =
        new ManifestKey(ManifestFixture.key("r1").publicKey(), Set.of("root"), null, null, null);
    ManifestKey ed =
        new ManifestKey(pub("python-ed25519.pub"), Set.of("threat-rules"), null, null, null);
    ManifestKey ec =
        new ManifestKey(pub("python-p256.pub"), Set.of("threat-rules"), null, null, null);
    Envelope unsigned =
        KeyManifest.unsigned(
            "Interop",
            1,
            AT.minusSeconds(60),
            AT.plusSeconds(86_400),
            List.of(new Role("root", 1), new Role("threat-rules", threshold)),
            List.of(root, ed, ec));
    return ManifestFixture.sign(unsigned, "r1").toJson();
  }

  @Test
  void pythonEnvelope_paeMatchesByteForByte() throws IOException {
    Envelope env =
        Envelope.parse(
            Files.readAllBytes(TestData.path("interop/python/rules-python.tar.gz.dsse")),
            "python envelope",
            Limits.defaults());

    assertArrayEquals(
        Files.readAllBytes(TestData.path("interop/python/pae-python.bin")), env.pae());
  }

  @Test
  void pythonEnvelope_bothSignaturesCount() throws IOException {
    Path file = TestData.path("interop/python/rules-python.tar.gz");

    UpdateVerification v =
        UpdateVerifier.options().build().verify(file, null, manifest(2), "threat-rules", AT);

    assertTrue(v.isValid(), v.reasons().toString());
    assertEquals(2, v.signers().size());
    assertEquals(42L, v.version());
  }

  @Test
  void verifierEnvelopes_verifiedByPythonAtMakeTime_stillVerifyHere() throws IOException {
    Path file = TestData.path("interop/verifier/rules-verifier.tar.gz");
    List<String> python = TestData.lines("interop/verifier/python-check.txt");

    for (String k : List.of("ed25519", "p256")) {
      Path sig = TestData.path("interop/verifier/rules-verifier.tar.gz." + k + ".dsse");
      UpdateVerification v =
          UpdateVerifier.options().build().verify(file, sig, manifest(1), "threat-rules", AT);
      assertTrue(v.isValid(), k + ": " + v.reasons());
    }
    assertEquals(2, python.size());
    assertTrue(
        python.stream().allMatch(l -> l.contains(": 1 of 1 signatures verify")), python.toString());
  }
}
