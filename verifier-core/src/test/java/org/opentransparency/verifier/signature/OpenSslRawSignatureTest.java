package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.manifest.ManifestFixture;

/**
 * Raw signatures made by OpenSSL (testdata/signatures/raw/make.sh): each accepted over the file it
 * signed, refused over the tampered copy, as OpenSSL itself said (openssl-verdicts.txt).
 */
class OpenSslRawSignatureTest {
  private static final String DIR = "signatures/raw/out/";

  private static VerificationKey key(String name, KeyScheme scheme) throws IOException {
    return VerificationKey.read(Files.readAllBytes(TestData.path(DIR + name + ".pub")), scheme);
  }

  private static UpdateVerification verify(String file, String sig, String pub, KeyScheme scheme)
      throws IOException {
    byte[] manifest =
        ManifestFixture.standard().key(key(pub, scheme), "software").signedBy("r1", "r2").toJson();
    try (InputStream in = Files.newInputStream(TestData.path(DIR + file))) {
      return UpdateVerifier.options()
          .build()
          .verify(
              in,
              "rules.tar.gz",
              Files.readAllBytes(TestData.path(DIR + sig)),
              manifest,
              "software",
              AT);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "rules.tar.gz.ed25519.sig, ed25519, ed25519",
    "rules.tar.gz.ed25519.hex, ed25519, ed25519",
    "rules.tar.gz.ed25519.b64, ed25519, ed25519",
    "rules.tar.gz.p256.sig, p256, ecdsa-p256-sha256",
    "rules.tar.gz.p384.sig, p384, ecdsa-p384-sha384",
    "rules.tar.gz.rsa-pkcs1.sig, rsa, rsa-pkcs1-sha256",
    "rules.tar.gz.rsa-pss.sig, rsa, rsa-pss-sha256",
  })
  void openSslSignature_acceptedOverItsFile_refusedOverTamperedCopy(
      String sig, String pub, String scheme) throws IOException {
    KeyScheme s = KeyScheme.fromId(scheme).orElseThrow();

    UpdateVerification ok = verify("rules.tar.gz", sig, pub, s);
    UpdateVerification tampered = verify("rules-tampered.tar.gz", sig, pub, s);

    assertTrue(ok.isValid(), ok.reasons().toString());
    assertEquals("raw", ok.format());
    assertEquals(List.of(key(pub, s).keyId()), ok.signers());
    assertEquals(
        List.of(ReasonCode.BAD_SIGNATURE, ReasonCode.THRESHOLD_NOT_MET),
        tampered.reasons().stream().map(Reason::code).toList());
  }

  @ParameterizedTest
  @CsvSource({
    // An RSA key is bound to one padding by the manifest; the other padding never verifies.
    "rules.tar.gz.rsa-pkcs1.sig, rsa, rsa-pss-sha256",
    "rules.tar.gz.rsa-pss.sig, rsa, rsa-pkcs1-sha256",
    // A signature by another key of another scheme.
    "rules.tar.gz.p256.sig, ed25519, ed25519",
  })
  void signatureUnderAnotherSchemeOrKey_refused(String sig, String pub, String scheme)
      throws IOException {
    UpdateVerification v = verify("rules.tar.gz", sig, pub, KeyScheme.fromId(scheme).orElseThrow());

    assertEquals(ReasonCode.THRESHOLD_NOT_MET, v.reasons().get(v.reasons().size() - 1).code());
    assertTrue(
        v.reasons().get(0).code() == ReasonCode.BAD_SIGNATURE
            || v.reasons().get(0).code() == ReasonCode.MALFORMED_SIGNATURE,
        v.reasons().toString());
  }

  /** Our verdicts are OpenSSL's, fixture by fixture. */
  @ParameterizedTest
  @CsvSource({
    "ed25519, rules.tar.gz.ed25519.sig, ed25519, ed25519",
    "p256, rules.tar.gz.p256.sig, p256, ecdsa-p256-sha256",
    "p384, rules.tar.gz.p384.sig, p384, ecdsa-p384-sha384",
    "rsa-pkcs1, rules.tar.gz.rsa-pkcs1.sig, rsa, rsa-pkcs1-sha256",
    "rsa-pss, rules.tar.gz.rsa-pss.sig, rsa, rsa-pss-sha256",
  })
  void verdicts_agreeWithOpenSsl(String label, String sig, String pub, String scheme)
      throws IOException {
    Map<String, String> openssl = new java.util.HashMap<>();
    for (String line : TestData.lines(DIR + "openssl-verdicts.txt")) {
      String[] f = line.split(" ");
      openssl.put(f[0] + " " + f[1], f[2]);
    }
    for (String file : List.of("rules.tar.gz", "rules-tampered.tar.gz")) {
      UpdateVerification v = verify(file, sig, pub, KeyScheme.fromId(scheme).orElseThrow());
      assertEquals(
          openssl.get(file + " " + label), v.isValid() ? "OK" : "FAILED", file + " " + label);
    }
  }

  @org.junit.jupiter.api.Test
  void publicKeyFiles_giveTheSchemeTheyImply() throws IOException {
    Path dir = TestData.path(DIR);
    assertEquals(
        KeyScheme.ED25519,
        VerificationKey.readAll(Files.readAllBytes(dir.resolve("ed25519.pub")), null)
            .get(0)
            .scheme());
    assertEquals(KeyScheme.ECDSA_P384_SHA384, key("p384", null).scheme());
    assertEquals(KeyScheme.RSA_PSS_SHA256, key("rsa", null).scheme());
  }
}
