package org.opentransparency.verifier.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.TestData;

class ChecksumLinesTest {
  private static Digest sha256(String content) {
    return MultiDigester.digest(
            content.getBytes(StandardCharsets.UTF_8), List.of(DigestAlgorithm.SHA256))
        .get(DigestAlgorithm.SHA256);
  }

  @Test
  void coreutils_awkwardNames_matchSha256sumOutput() {
    List<String> expected = TestData.lines("hash/recorded/awkward.sha256sum");

    assertEquals(
        expected.get(0), ChecksumLines.coreutils(sha256("backslash\n"), "back\\slash.txt"));
    assertEquals(
        expected.get(1), ChecksumLines.coreutils(sha256("spaces\n"), "name with spaces.txt"));
    assertEquals(expected.get(2), ChecksumLines.coreutils(sha256("newline\n"), "new\nline.txt"));
  }

  @Test
  void bsd_awkwardNames_matchSha256sumTagOutput() {
    List<String> expected = TestData.lines("hash/recorded/awkward.sha256sum-tag");

    assertEquals(expected.get(0), ChecksumLines.bsd(sha256("backslash\n"), "back\\slash.txt"));
    assertEquals(expected.get(2), ChecksumLines.bsd(sha256("newline\n"), "new\nline.txt"));
  }

  @Test
  void unescape_reversesEscape_andRefusesUnknownEscapes() {
    String name = "a\\b\nc\rd";

    assertEquals(name, ChecksumLines.unescape(ChecksumLines.escape(name)));
    assertNull(ChecksumLines.unescape("a\\tb"));
    assertNull(ChecksumLines.unescape("trailing\\"));
  }
}
