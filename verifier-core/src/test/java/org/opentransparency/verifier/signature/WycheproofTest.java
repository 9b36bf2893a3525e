package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.TestData;

/**
 * Project Wycheproof's vectors (testdata/vectors/wycheproof, copied from shared/vectors) through
 * the same verification path every command uses: every "valid" signature accepted, every "invalid"
 * one refused. "acceptable" cases (legal but discouraged encodings) are refused or accepted; both
 * are allowed, and they are counted so a change shows.
 */
class WycheproofTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ed25519_test.json, ed25519",
    "ecdsa_secp256r1_sha256_test.json, ecdsa-p256-sha256",
    "ecdsa_secp256r1_sha256_p1363_test.json, ecdsa-p256-sha256",
    "ecdsa_secp384r1_sha384_test.json, ecdsa-p384-sha384",
    "rsa_pss_2048_sha256_mgf1_32_test.json, rsa-pss-sha256",
    "rsa_signature_2048_sha256_test.json, rsa-pkcs1-sha256",
  })
  void vectors_validAcceptedInvalidRefused(String file, String schemeId) throws IOException {
    KeyScheme scheme = KeyScheme.fromId(schemeId).orElseThrow();
    JsonNode root =
        new ObjectMapper().readTree(TestData.path("vectors/wycheproof/" + file).toFile());
    List<String> failures = new ArrayList<>();
    int checked = 0;

    for (JsonNode group : root.get("testGroups")) {
      VerificationKey key =
          VerificationKey.fromSpki(HEX.parseHex(group.get("publicKeyDer").asText()), scheme);
      for (JsonNode t : group.get("tests")) {
        boolean ok =
            key.verify(HEX.parseHex(t.get("msg").asText()), HEX.parseHex(t.get("sig").asText()));
        String result = t.get("result").asText();
        if (result.equals("valid") && !ok || result.equals("invalid") && ok) {
          failures.add(
              t.get("tcId").asInt() + " (" + result + ": " + t.get("comment").asText() + ")");
        }
        checked++;
      }
    }

    assertEquals(List.of(), failures);
    assertEquals(root.get("numberOfTests").asInt(), checked);
    assertTrue(checked > 100);
  }
}
