package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.EntryOpener;
import org.opentransparency.verifier.archive.EntryType;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * cpio archives with hard links and symbolic links (testdata/archives/make-cpio.sh): every name of
 * a hard-link set gets the data the set carries once (newc and crc: with the last member; odc and
 * bin: with the first, GNU cpio skipping the others'), as GNU cpio and bsdtar extract it; sets the
 * two would extract otherwise are refused. The expected digests are coreutils' over what GNU cpio
 * extracts.
 */
class CpioLinksTest {
  private static Path fixture(String name) {
    return TestData.path("archives/cpio-links/" + name);
  }

  /** The archives of the tree as GNU cpio and bsdtar write it, and by hand with the data first. */
  static List<String> written() {
    return List.of(
        "gnu-newc.cpio",
        "gnu-crc.cpio",
        "gnu-odc.cpio",
        "gnu-bin.cpio",
        "bsdtar-newc.cpio",
        "bsdtar-odc.cpio",
        "newc-data-first.cpio",
        "odc-data-first.cpio");
  }

  private static ArchiveIndex index(String name) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(fixture(name));
  }

  @ParameterizedTest
  @MethodSource("written")
  void everyNameOfALinkSet_holdsTheSetsData(String cpio) throws IOException {
    // Before: in newc and crc, a and b (size 0, the data with c) were indexed as empty files.
    ArchiveIndex idx = index(cpio);

    for (String name : List.of("a", "b", "c")) {
      ArchiveIndex.Item i = idx.items().get(name);
      assertEquals(EntryType.FILE, i.entry().type(), name);
      assertEquals(TestData.sha256("data\n"), i.sha256().hex(), cpio + ": " + name);
      assertEquals(5, i.size(), cpio + ": " + name);
    }
    assertEquals(List.of(), idx.findings());
  }

  @ParameterizedTest
  @MethodSource("written")
  void contentDigest_isThatOfWhatGnuCpioExtracts(String cpio) throws IOException {
    assertEquals(
        TestData.coreutilsH1("archives/cpio-links").get(cpio),
        ContentDigest.of(fixture(cpio), Limits.defaults()));
  }

  @ParameterizedTest
  @MethodSource("written")
  void aCpioAgainstTheSameTreeAsATar_isEquivalent(String cpio) throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(
            fixture(cpio), fixture("tree.tar"), CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict(), r.entries().toString());
  }

  @Test
  void aNewcCpioAgainstATreeWhoseLinkedNamesAreEmpty_isDifferent(@TempDir Path dir)
      throws IOException {
    // The hole: a and b, which carry no data in the archive, were read as empty files.
    Files.writeString(dir.resolve("a"), "");
    Files.writeString(dir.resolve("b"), "");
    Files.writeString(dir.resolve("c"), "data\n");
    Files.writeString(dir.resolve("f"), "x\n");
    Files.createSymbolicLink(dir.resolve("l"), Path.of("a"));

    ComparisonResult r =
        ArchiveComparator.compare(fixture("gnu-newc.cpio"), dir, CompareOptions.builder().build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(2, r.summary().modified(), r.entries().toString());
  }

  @Test
  void aNewcCpioAgainstTheTreeItExtractsTo_isEquivalent(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a"), "data\n");
    Files.createLink(dir.resolve("b"), dir.resolve("a"));
    Files.createLink(dir.resolve("c"), dir.resolve("a"));
    Files.writeString(dir.resolve("f"), "x\n");
    Files.createSymbolicLink(dir.resolve("l"), Path.of("a"));

    ComparisonResult r =
        ArchiveComparator.compare(fixture("gnu-newc.cpio"), dir, CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict(), r.entries().toString());
  }

  @ParameterizedTest
  @CsvSource({
    "gnu-newc.cpio, a",
    "gnu-newc.cpio, b",
    "gnu-newc.cpio, c",
    "gnu-crc.cpio, a",
    "gnu-odc.cpio, c",
    "bsdtar-newc.cpio, a",
    "newc-data-first.cpio, b",
    "newc-data-first.cpio, c",
    "odc-data-first.cpio, c"
  })
  void entryOpener_readsALinksDataFromTheMemberThatCarriesIt(String cpio, String name)
      throws IOException {
    // newc: the data comes with a later member; *-data-first: with an earlier one, read again.
    byte[] read = EntryOpener.read(fixture(cpio), name, InputStream::readAllBytes);

    assertEquals("data\n", new String(read, StandardCharsets.UTF_8), cpio + ": " + name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu-newc.cpio", "newc-data-first.cpio", "odc-data-first.cpio"})
  void theDiffOfALinkAgainstAFileOfOtherContent_showsTheSetsData(String cpio) throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(
            fixture(cpio), fixture("evil-b.tar"), CompareOptions.builder().build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    EntryDiff b = r.entries().stream().filter(e -> e.path().equals("b")).findFirst().orElseThrow();
    assertEquals(EntryStatus.MODIFIED, b.status());
    assertTrue(b.diff().contains("-data"), b.diff().toString());
    assertTrue(b.diff().contains("+EVIL"), b.diff().toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "type-mismatch-fail.cpio | share an inode (device 0,0, inode 7) but not a file type",
        "directories-fail.cpio | cpio directories 'd' and 'e' share an inode (device 0,0, inode 7)",
        "too-many-members-fail.cpio | has more members than its link count, 2, at 'c'",
        "different-data-fail.cpio | cpio members 'a' and 'b' of one link set (device 0,0, inode 7)"
            + " carry different data",
        "odc-different-data-fail.cpio | cpio members 'a' and 'b' of one link set (device 0, inode"
            + " 7) carry different data",
        "symlink-targets-fail.cpio | cpio symbolic links 'l' and 'm' share an inode (device 0,0,"
            + " inode 7) but not a target"
      })
  void aLinkSetTheReadersExtractOtherwise_isRefused(String cpio, String message)
      throws IOException {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(cpio));

    assertTrue(e.getMessage().contains(message), e.getMessage());
    // Beside it, the sets GNU cpio and bsdtar write are read.
    assertEquals(List.of(), index("gnu-newc.cpio").findings());
  }

  /**
   * Found in review: Commons Compress drops a name's last byte unread, where GNU cpio and bsdtar
   * extract abcX; and a member in another format, which GNU cpio passes over as junk.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name-no-nul-fail.cpio | a cpio member name not ended by a NUL (abc and one more byte)",
        "mixed-formats-fail.cpio | cpio member b in another format than the archive's first member",
        "trailer-no-nul-fail.cpio | a cpio trailer whose name is not TRAILER!!! ended by a NUL"
      })
  void readOtherwiseByTheTools_isRefused(String cpio, String message) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(cpio));

    assertTrue(e.getMessage().endsWith(message), e.getMessage());
  }

  @Test
  void aCrcSymbolicLinkWithChecksumZero_isRead() throws IOException {
    // GNU cpio writes 0 as every symbolic link's checksum, and checks none: Commons Compress
    // refused the archive ("CRC Error").
    ArchiveIndex.Item l = index("gnu-crc.cpio").items().get("l");

    assertEquals(EntryType.SYMLINK, l.entry().type());
    assertEquals("a", l.entry().linkTarget());
  }

  @Test
  void aCrcFileWithAWrongChecksum_isRefused() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> index("crc-bad-sum-fail.cpio"));

    assertTrue(e.getMessage().contains("CRC Error"), e.getMessage());
  }
}
