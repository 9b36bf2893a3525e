package org.opentransparency.verifier.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigestTest {
  private static final String HEX =
      "2d907fce9fad0c3dfb2a2633f02ad75c8079e3f2bfa3ca50248a64e173925b3f";

  @Test
  void parseHex_eitherCase_parses() {
    assertEquals(
        HEX,
        Digest.parseHex(DigestAlgorithm.SHA256, HEX.toUpperCase(java.util.Locale.ROOT))
            .orElseThrow()
            .hex());
  }

  @Test
  void parseHex_otherScriptsDigits_notHexAndNoCrash() {
    // U+0663 ARABIC-INDIC DIGIT THREE and U+FF13 FULLWIDTH DIGIT THREE: Character.digit reads
    // both as 3, the JDK's hex parser throws on them.
    for (char c : new char[] {'\u0663', '\uff13', '\uff41'}) {
      String hex = c + HEX.substring(1);
      assertTrue(Digest.parseHex(DigestAlgorithm.SHA256, hex).isEmpty(), hex);
    }
  }

  @Test
  void parseHex_wrongLength_empty() {
    assertTrue(Digest.parseHex(DigestAlgorithm.SHA256, HEX.substring(2)).isEmpty());
  }
}
