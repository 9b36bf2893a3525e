package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.compare.EntryDiff;
import org.opentransparency.verifier.compare.EntryStatus;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Tars whose names are not ASCII, from GNU tar and bsdtar (testdata/archives/make-tar-names.sh): a
 * name is its bytes, as tar extracts them, whatever the platform's charset. Before, two names that
 * differ in a byte that is not ASCII read as one, and such tars compared equivalent.
 */
class TarNamesTest {
  private static final String LONG = "d".repeat(120);

  private static Path fixture(String name) {
    return TestData.path("archives/tar-names/" + name);
  }

  private static ArchiveIndex index(String name) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(fixture(name));
  }

  private static Set<String> findings(ArchiveIndex idx) {
    return idx.findings().stream().map(f -> f.kind() + " " + f.path()).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "ustar", "pax", "bsdtar"})
  void utf8Names_readAsUtf8_theDigestOfWhatTarExtracts(String format) throws IOException {
    ArchiveIndex idx = index("utf8-" + format + ".tar");

    assertEquals(List.of(), idx.findings());
    assertEquals("./café", idx.items().get("./café").entry().path());
    assertEquals("café", idx.items().get("./link").entry().linkTarget());
    // The owner's name too, from a header or a pax uname.
    assertEquals("josé", idx.items().get("./café").entry().metadata().get("owner"));
    assertEquals(
        Files.readString(fixture("utf8.h1")).trim(),
        ContentDigest.of(fixture("utf8-" + format + ".tar"), Limits.defaults()));
    byte[] read =
        EntryOpener.read(fixture("utf8-" + format + ".tar"), "./café", in -> in.readAllBytes());
    assertEquals("reviewed\n", new String(read, StandardCharsets.UTF_8));
  }

  /** A header's name, a GNU long name, a pax path (bsdtar: hdrcharset=BINARY) and a link target. */
  @ParameterizedTest
  @ValueSource(strings = {"gnu", "pax", "bsdtar"})
  void namesThatAreNotUtf8_shownByTheirBytes_andFound(String format) throws IOException {
    ArchiveIndex idx = index("e9-" + format + ".tar");

    assertEquals(
        Set.of(
            "name-not-utf8 ./caf\\xe9",
            "name-not-utf8 ./" + LONG + "\\xe9",
            "bad-link-target ./link"),
        findings(idx));
    assertEquals("caf\\xe9", idx.items().get("./link").entry().linkTarget());
    byte[] read =
        EntryOpener.read(fixture("e9-" + format + ".tar"), "./caf\\xe9", in -> in.readAllBytes());
    assertEquals("reviewed\n", new String(read, StandardCharsets.UTF_8));
    // tar would extract files of those names; the digest has no text for them.
    assertThrows(
        InvalidInputException.class,
        () -> ContentDigest.of(fixture("e9-" + format + ".tar"), Limits.defaults()));
  }

  /**
   * Found in review: Commons Compress drops a pax path's leading slash, which hid an absolute name
   * that a header's name shows; and a global pax header's owner applies to the entries after it.
   */
  @org.junit.jupiter.api.Test
  void paxValuesAsCommonsCompressAppliesThem_readByTheirBytes() throws IOException {
    ArchiveIndex absolute = index("pax-absolute.tar");
    ArchiveIndex owner = index("pax-global-owner.tar");

    // Absolute as the pax header spells it (tar -P extracts it there): found, as in a header.
    assertEquals(List.of("/café"), List.copyOf(absolute.items().keySet()));
    assertEquals(Set.of("absolute-name /café"), findings(absolute));
    assertEquals("名", owner.items().get("a").entry().metadata().get("owner"));
  }

  /** Found in review: Commons Compress read a pax size of ١٠ as 10 (GNU tar reads 512). */
  @org.junit.jupiter.api.Test
  void aPaxNumberInOtherDigits_tooDamagedToRead() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> index("pax-size-digits-fail.tar"));

    assertEquals(
        "pax-size-digits-fail.tar: archive too damaged to read: a pax size that is not a number"
            + " in ASCII digits",
        e.getMessage());
  }

  /** The attack: other file names, the same contents. It compared equivalent. */
  @ParameterizedTest
  @ValueSource(strings = {"gnu", "pax", "bsdtar"})
  void namesThatDifferInAByteThatIsNotAscii_areOtherNames(String format) throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(
            fixture("e9-" + format + ".tar"),
            fixture("e8-" + format + ".tar"),
            CompareOptions.builder().build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    Set<String> changes =
        r.entries().stream().map(d -> d.status() + " " + d.path()).collect(Collectors.toSet());
    assertEquals(true, changes.contains(EntryStatus.REMOVED + " ./caf\\xe9"), changes.toString());
    assertEquals(true, changes.contains(EntryStatus.ADDED + " ./caf\\xe8"), changes.toString());
    assertEquals(
        true,
        r.entries().stream()
            .filter(d -> d.path().equals("./link"))
            .map(EntryDiff::fields)
            .findFirst()
            .orElseThrow()
            .toString()
            .contains("caf\\xe9"),
        r.entries().toString());
  }
}
