package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * cpio member names are bytes (testdata/archives/make-cpio.sh, GNU cpio): UTF-8 ones are reported
 * as UTF-8, others with their bytes escaped and a finding, so that no two read as one.
 */
class CpioNamesTest {
  private static Path fixture(String name) {
    return TestData.path("archives/cpio-names/" + name);
  }

  private static ArchiveIndex index(String name) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(fixture(name));
  }

  private static String read(String cpio, String name) throws IOException {
    return new String(
        EntryOpener.read(fixture(cpio), name, InputStream::readAllBytes), StandardCharsets.UTF_8);
  }

  @Test
  void utf8Names_areReadAsUtf8() throws IOException {
    // Before: "Input length = 1", Commons Compress decoding the names as US-ASCII.
    ArchiveIndex idx = index("utf8.cpio");

    assertEquals(
        List.of("\u00e9t\u00e9.txt", "\u65e5\u672c.txt"), List.copyOf(idx.items().keySet()));
    assertEquals(List.of(), idx.findings());
    assertEquals("\u00e9t\u00e9\n", read("utf8.cpio", "\u00e9t\u00e9.txt"));
  }

  @Test
  void utf8Names_contentDigestIsThatOfWhatGnuCpioExtracts() throws IOException {
    assertEquals(
        TestData.coreutilsH1("archives/cpio-names").get("utf8.cpio"),
        ContentDigest.of(fixture("utf8.cpio"), Limits.defaults()));
  }

  @Test
  void namesThatAreNotUtf8_areFindingsEachNamedApart() throws IOException {
    // As UTF-8, a\xff and a\xfe would both read a\ufffd: one name for two files.
    ArchiveIndex idx = index("latin1.cpio");

    assertEquals(List.of("a\\xff", "a\\xfe"), List.copyOf(idx.items().keySet()));
    assertEquals(
        List.of("name-not-utf8", "name-not-utf8"),
        idx.findings().stream().map(Finding::kind).toList());
    assertEquals("ff\n", read("latin1.cpio", "a\\xff"));
    assertEquals("fe\n", read("latin1.cpio", "a\\xfe"));
  }

  @Test
  void namesThatAreNotUtf8_haveNoContentDigest() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ContentDigest.of(fixture("latin1.cpio"), Limits.defaults()));

    assertTrue(e.getMessage().contains("(name-not-utf8)"), e.getMessage());
  }
}
