package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.EntryType;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Tars with hard links (testdata/archives/make-links.sh): extraction makes each link a regular file
 * with the content of the file it names, and the digest and the comparison take it so, whichever
 * name holds the data. The expected digests are coreutils' over what GNU tar extracts.
 */
class HardLinkTest {
  @TempDir Path dir;

  private static Path fixture(String name) {
    return TestData.path("archives/links/" + name);
  }

  private static ArchiveIndex index(String name) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(fixture(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ab.tar", "ba.tar", "dot.tar", "bsdtar.tar", "chain.tar", "to-symlink.tar"})
  void contentDigest_isThatOfTheExtractedFiles(String tar) throws IOException {
    // Before: a link was left out, so ab.tar and ba.tar (one tree, archived in two orders) had
    // two digests, each of one name; dot.tar's names kept their "./".
    assertEquals(
        TestData.coreutilsH1("archives/links").get(tar),
        ContentDigest.of(fixture(tar), Limits.defaults()));
  }

  @Test
  void aLink_holdsTheContentOfTheFileItNames() throws IOException {
    ArchiveIndex.Item b = index("ab.tar").items().get("b");
    assertEquals(EntryType.HARDLINK, b.entry().type());
    assertEquals("a", b.entry().linkTarget());
    assertEquals(TestData.sha256("data\n"), b.sha256().hex());
    assertEquals(5, b.size());
    // Through another link, and spelled as extraction resolves it.
    assertEquals(TestData.sha256("data\n"), index("chain.tar").items().get("c").sha256().hex());
    assertEquals(TestData.sha256("data\n"), index("dot.tar").items().get("./b").sha256().hex());
  }

  @Test
  void aLinkToAName_takesItsLastCopySoFar_asTarExtractsIt() throws IOException {
    // GNU tar extracts the second "a" over the first, then links "b" to it. The duplicate name
    // is a finding, and no content digest is given for the archive.
    ArchiveIndex idx = index("duplicate.tar");
    assertEquals(TestData.sha256("two\n"), idx.items().get("b").sha256().hex());
    assertThrows(
        InvalidInputException.class,
        () -> ContentDigest.of(fixture("duplicate.tar"), Limits.defaults()));
  }

  @Test
  void aLinkToASymbolicLink_isNoFile() throws IOException {
    // GNU tar makes "h" a second symbolic link: it holds no content, as "l" holds none.
    ArchiveIndex.Item h = index("to-symlink.tar").items().get("h");
    assertEquals(EntryType.HARDLINK, h.entry().type());
    assertNull(h.sha256());
  }

  @Test
  void theSameTreeArchivedInTwoOrders_isEquivalent_theLinksShownAsFields() throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(
            fixture("ab.tar"), fixture("ba.tar"), CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    EntryDiff a = r.entries().stream().filter(e -> e.path().equals("a")).findFirst().orElseThrow();
    assertEquals(EntryStatus.METADATA, a.status());
    assertTrue(
        a.fields().contains(new FieldDiff("type", "file", "hardlink")), a.fields().toString());
    assertTrue(a.fields().contains(new FieldDiff("linkTarget", null, "b")), a.fields().toString());
  }

  @Test
  void aLinkAgainstAFileOfOtherContent_isDifferent() throws IOException {
    // The right side's "b" is a file of its own, "EVIL\n": the link's content is "data\n".
    ComparisonResult r =
        ArchiveComparator.compare(
            fixture("ab.tar"), fixture("evil-b.tar"), CompareOptions.builder().build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    EntryDiff b = r.entries().stream().filter(e -> e.path().equals("b")).findFirst().orElseThrow();
    assertEquals(EntryStatus.MODIFIED, b.status());
  }

  @Test
  void aTarAgainstTheTreeItExtractsTo_isEquivalent() throws IOException {
    Files.writeString(dir.resolve("a"), "data\n");
    Files.createLink(dir.resolve("b"), dir.resolve("a"));

    ComparisonResult r =
        ArchiveComparator.compare(fixture("ab.tar"), dir, CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    assertEquals(
        TestData.coreutilsH1("archives/links").get("ab.tar"),
        ContentDigest.of(dir, Limits.defaults()));
  }
}
