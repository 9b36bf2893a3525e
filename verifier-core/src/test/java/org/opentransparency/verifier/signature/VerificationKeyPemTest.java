package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.TestData;

/** A public key file in PEM: one block, and nothing after it that could be taken for a key. */
class VerificationKeyPemTest {
  private static String pem() throws Exception {
    return Files.readString(
        TestData.path("signatures/raw/out/ed25519.pub"), StandardCharsets.US_ASCII);
  }

  @Test
  void oneBlock_withLeadingTextAndTrailingWhitespace_isRead() throws Exception {
    VerificationKey plain = VerificationKey.read(pem().getBytes(StandardCharsets.US_ASCII), null);
    VerificationKey padded =
        VerificationKey.read(
            ("a comment line\n" + pem() + "\n  \n").getBytes(StandardCharsets.US_ASCII), null);

    assertEquals(KeyScheme.ED25519, plain.scheme());
    assertEquals(plain.keyId(), padded.keyId());
  }

  @Test
  void aSecondBlockAfterTheFirst_isRefused_notDropped() throws Exception {
    byte[] two = (pem() + pem()).getBytes(StandardCharsets.US_ASCII);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> VerificationKey.read(two, null));
    assertEquals("public key PEM has content after its block", e.getMessage());
    assertThrows(InvalidInputException.class, () -> VerificationKey.readAll(two, null));
  }

  @Test
  void notAPublicKeyBlock_isRefused() {
    byte[] cert =
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> VerificationKey.read(cert, null));
    assertEquals("not a public key PEM (expected -----BEGIN PUBLIC KEY-----)", e.getMessage());
  }
}
