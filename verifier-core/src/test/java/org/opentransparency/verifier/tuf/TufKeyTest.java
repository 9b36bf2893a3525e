package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.signature.SigningKey;

/** The key types and schemes of the TUF specification, read from their metadata form. */
class TufKeyTest {
  private static final byte[] MESSAGE = "{\"_type\":\"root\"}".getBytes(StandardCharsets.UTF_8);

  private static void assertVerifies(SigningKey k) throws Exception {
    TufKey key = TufKey.parse(TufRepo.keyJson(k), "key");
    byte[] sig = k.sign(MESSAGE);

    assertTrue(key.verifies(MESSAGE, sig), k.scheme().id());
    sig[sig.length / 2] ^= 1;
    assertFalse(key.verifies(MESSAGE, sig), k.scheme().id() + " with a flipped bit");
  }

  @Test
  void ed25519_ecdsaP256_ecdsaP384_rsaPss_verify() throws Exception {
    for (SigningKey.Kind kind :
        new SigningKey.Kind[] {
          SigningKey.Kind.ED25519,
          SigningKey.Kind.ECDSA_P256,
          SigningKey.Kind.ECDSA_P384,
          SigningKey.Kind.RSA_PSS_3072
        }) {
      assertVerifies(TufRepo.key(kind));
    }
  }

  @Test
  void rsaPkcs1v15_verifies() throws GeneralSecurityException, Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    ObjectNode json =
        TufRepo.F.objectNode().put("keytype", "rsa").put("scheme", "rsa-pkcs1v15-sha256");
    json.putObject("keyval").put("public", TufRepo.pem(pair.getPublic().getEncoded()));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(pair.getPrivate());
    s.update(MESSAGE);
    byte[] sig = s.sign();

    TufKey key = TufKey.parse(json, "key");

    assertTrue(key.verifies(MESSAGE, sig));
    assertFalse(key.verifies("other".getBytes(StandardCharsets.UTF_8), sig));
  }

  @Test
  void unknownScheme_isKeptButVerifiesNothing() throws Exception {
    ObjectNode json = TufRepo.keyJson(TufRepo.key(SigningKey.Kind.ED25519));
    json.put("scheme", "sphincs-plus");

    TufKey key = TufKey.parse(json, "key");

    assertNull(key.key());
    assertNotNull(key.why());
    assertFalse(key.verifies(MESSAGE, new byte[64]));
  }

  @Test
  void keyTypeNotFittingItsScheme_verifiesNothing() throws Exception {
    ObjectNode json = TufRepo.keyJson(TufRepo.key(SigningKey.Kind.ECDSA_P256));
    json.put("keytype", "rsa");

    assertNull(TufKey.parse(json, "key").key());
  }

  @Test
  void pemWithASecondBlockAfterIt_verifiesNothing() throws Exception {
    SigningKey k = TufRepo.key(SigningKey.Kind.ECDSA_P256);
    ObjectNode json = TufRepo.keyJson(k);
    String pem = json.get("keyval").get("public").textValue();
    ((ObjectNode) json.get("keyval")).put("public", pem + pem);

    assertNull(TufKey.parse(json, "key").key());
  }
}
