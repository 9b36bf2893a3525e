package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/** X.509 CA certificates as manifest keys: PEM and DER import, CA-only, canonical DER, key id. */
class CmsKeysTest {
  static byte[] bytes(String name) throws Exception {
    return Files.readAllBytes(TestData.path("signatures/cms/" + name));
  }

  static String sha256(byte[] b) {
    return MultiDigester.digest(b, List.of(DigestAlgorithm.SHA256))
        .get(DigestAlgorithm.SHA256)
        .hex();
  }

  @Test
  void pemAndDer_sameKey_idIsSha256OfDer() throws Exception {
    byte[] der = bytes("root-ca.der");

    VerificationKey fromPem = VerificationKey.readAll(bytes("root-ca.pem"), null).get(0);
    VerificationKey fromDer = VerificationKey.readAll(der, null).get(0);

    assertEquals(KeyScheme.X509_CA, fromPem.scheme());
    assertArrayEquals(der, fromPem.encoded());
    assertEquals(sha256(der), fromPem.keyId());
    assertEquals(fromPem.keyId(), fromDer.keyId());
    assertEquals("CN=Test Root CA,O=OpenTransparency Test", fromPem.describe());
  }

  @Test
  void pemWithTwoCertificates_twoKeys() throws Exception {
    List<VerificationKey> keys = VerificationKey.readAll(bytes("two-cas.pem"), null);

    assertEquals(2, keys.size());
    assertEquals("CN=Test TSA CA,O=OpenTransparency Test", keys.get(1).describe());
  }

  @Test
  void explicitScheme_accepted() throws Exception {
    assertEquals(1, VerificationKey.readAll(bytes("root-ca.pem"), KeyScheme.X509_CA).size());
  }

  @Test
  void leafCertificate_refused() throws Exception {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> VerificationKey.readAll(bytes("signer.pem"), null));
    assertTrue(e.getMessage().contains("not a CA certificate"), e.getMessage());
  }

  @Test
  void decode_nonCanonicalDer_refused() throws Exception {
    byte[] der = bytes("root-ca.der");
    // The outer SEQUENCE length in a longer form than DER allows (82 xx xx -> 83 00 xx xx).
    assertEquals((byte) 0x82, der[1]);
    byte[] ber = new byte[der.length + 1];
    ber[0] = 0x30;
    ber[1] = (byte) 0x83;
    ber[2] = 0;
    System.arraycopy(der, 2, ber, 3, der.length - 2);

    assertThrows(InvalidInputException.class, () -> VerificationKey.decode(ber, KeyScheme.X509_CA));
    assertThrows(
        InvalidInputException.class,
        () -> VerificationKey.decode(Arrays.copyOf(der, der.length + 1), KeyScheme.X509_CA));
    assertEquals(sha256(der), VerificationKey.decode(der, KeyScheme.X509_CA).keyId());
  }
}
