package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
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
 * Static libraries as GNU ar and llvm-ar write them (testdata/archives/make-ar.sh): the symbol
 * table is compared but is no file of the tree, and BSD names lose the NULs that pad them. The
 * expected digests are coreutils' over what GNU ar extracts.
 */
class ArMembersTest {
  private static final CompareOptions OPTIONS = CompareOptions.builder().build();

  private static Path fixture(String name) {
    return TestData.path("archives/ar/" + name);
  }

  private static ArchiveIndex index(String name) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(fixture(name));
  }

  private static String coreutils(String name) throws IOException {
    return Files.readString(fixture(name + ".h1")).trim();
  }

  private static Map<String, EntryType> types(ArchiveIndex idx) {
    return idx.items().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().entry().type()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "gnu-other"})
  void gnuSymbolTable_namedAsWritten_noFileOfTheTree(String name) throws IOException {
    ArchiveIndex idx = index(name + ".a");

    assertEquals(List.of(), idx.findings());
    assertEquals(
        List.of("/", "a.o", "long_file_name_beyond_sixteen.o"), List.copyOf(idx.items().keySet()));
    assertEquals(
        Map.of(
            "/", EntryType.OTHER,
            "a.o", EntryType.FILE,
            "long_file_name_beyond_sixteen.o", EntryType.FILE),
        types(idx));
    assertEquals(coreutils(name), ContentDigest.of(fixture(name + ".a"), Limits.defaults()));
  }

  @Test
  void withoutASymbolTable_theSameTree_butNotTheSameLibrary() throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(fixture("gnu.a"), fixture("gnu-nosym.a"), OPTIONS);

    // ar x extracts the same files, the linker finds no index: different, the index shown gone.
    assertEquals(coreutils("gnu"), coreutils("gnu-nosym"));
    assertEquals(
        coreutils("gnu-nosym"), ContentDigest.of(fixture("gnu-nosym.a"), Limits.defaults()));
    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(1, r.entries().size(), r.entries().toString());
    EntryDiff symbols = r.entries().get(0);
    assertEquals("/", symbols.path());
    assertEquals(EntryStatus.REMOVED, symbols.status());
    assertEquals("other", symbols.left().type());
  }

  @Test
  void anotherObject_itsSymbolTableAndItShownModified_theirBytesRead() throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(fixture("gnu.a"), fixture("gnu-other.a"), OPTIONS);

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(
        List.of("/", "long_file_name_beyond_sixteen.o"),
        r.entries().stream().map(EntryDiff::path).toList());
    for (EntryDiff d : r.entries()) {
      assertEquals(EntryStatus.MODIFIED, d.status(), d.path());
      // The offset is found by reading both members again, by the names the index gave them.
      assertEquals(true, d.firstDifferenceOffset() != null, d.toString());
    }
    byte[] symbols = EntryOpener.read(fixture("gnu.a"), "/", in -> in.readAllBytes());
    assertEquals(index("gnu.a").items().get("/").size(), symbols.length);
  }

  @Test
  void bsdNames_withoutTheirNulPadding() throws IOException {
    ArchiveIndex idx = index("bsd.a");

    assertEquals(List.of(), idx.findings());
    assertEquals(
        List.of("__.SYMDEF", "a.o", "long_file_name_beyond_sixteen.o"),
        List.copyOf(idx.items().keySet()));
    // GNU ar extracts the BSD symbol table as a file: so it is one here.
    assertEquals(EntryType.FILE, idx.items().get("__.SYMDEF").entry().type());
    assertEquals(coreutils("bsd"), ContentDigest.of(fixture("bsd.a"), Limits.defaults()));
    // The same objects as GNU ar's library: only the symbol tables differ.
    ComparisonResult r = ArchiveComparator.compare(fixture("gnu.a"), fixture("bsd.a"), OPTIONS);
    assertEquals(
        List.of("/", "__.SYMDEF"),
        r.entries().stream().map(EntryDiff::path).sorted().toList(),
        r.entries().toString());
    byte[] gnu = EntryOpener.read(fixture("gnu.a"), "a.o", in -> in.readAllBytes());
    byte[] bsd = EntryOpener.read(fixture("bsd.a"), "a.o", in -> in.readAllBytes());
    assertArrayEquals(gnu, bsd);
  }

  /** A NUL followed by more of the name: GNU ar extracts "a", and the rest is hidden. */
  @Test
  void aNulInsideABsdName_stillFound_noDigest() throws IOException {
    ArchiveIndex idx = index("bsd-nul-fail.a");

    assertEquals(1, idx.findings().size(), idx.findings().toString());
    Finding f = idx.findings().get(0);
    assertEquals("nul-in-name", f.kind());
    assertEquals("a\0o", f.path());
    assertThrows(
        InvalidInputException.class,
        () -> ContentDigest.of(fixture("bsd-nul-fail.a"), Limits.defaults()));
  }

  /**
   * Commons Compress reads an ar name as ASCII: caf\xe9 and caf\xe8 read alike, as caf U+FFFD.
   * Found, so never equivalent (they compared equivalent).
   */
  @Test
  void namesThatAreNotAscii_lostBytes_found() throws IOException {
    ArchiveIndex idx = index("e9-fail.a");
    ComparisonResult r =
        ArchiveComparator.compare(fixture("e9-fail.a"), fixture("e8-fail.a"), OPTIONS);

    assertEquals(1, idx.findings().size(), idx.findings().toString());
    assertEquals("name-not-utf8", idx.findings().get(0).kind());
    assertEquals("caf\uFFFD", idx.findings().get(0).path());
    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertThrows(
        InvalidInputException.class,
        () -> ContentDigest.of(fixture("e9-fail.a"), Limits.defaults()));
  }

  /**
   * "/" after the long-name table: GNU ar reads it as the long name at offset 0 and extracts a file
   * of it, which the index would have left out of the digest as the symbol table.
   */
  @Test
  void aSymbolTableThatIsNotFirst_tooDamagedToRead() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> index("symbols-later-fail.a"));

    assertEquals(
        "symbols-later-fail.a: archive too damaged to read: an ar member named \"/\" that is not"
            + " the archive's first, or a name of spaces: GNU ar does not read it as the symbol"
            + " table",
        e.getMessage());
  }

  /**
   * A Microsoft import library's two linker members, both "/": GNU ar passes over the second (found
   * in review: it was refused). Both are symbol tables, neither a duplicate name nor a file.
   */
  @Test
  void twoLinkerMembers_bothSymbolTables(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    ArchiveIndex idx = index("two-linker-members.a");
    Files.writeString(dir.resolve("a.txt"), "reviewed\n");

    assertEquals(List.of(), idx.findings());
    assertEquals(
        List.of(EntryType.OTHER, EntryType.OTHER),
        idx.copies("/").stream().map(i -> i.entry().type()).toList());
    assertEquals(EntryType.FILE, idx.items().get("a.txt").entry().type());
    // What ar x extracts: a.txt alone.
    assertEquals(
        ContentDigest.of(dir, Limits.defaults()),
        ContentDigest.of(fixture("two-linker-members.a"), Limits.defaults()));
  }

  @Test
  void names_asTheReadersGiveThem() {
    assertEquals("/", ArMembers.named(""));
    assertEquals("/SYM64/", ArMembers.named("/SYM64"));
    assertEquals("a.o", ArMembers.named("a.o\0\0\0\0\0"));
    assertEquals("a\0o", ArMembers.named("a\0o\0"));
    assertEquals("\0\0\0\0", ArMembers.named("\0\0\0\0"));
    assertEquals(true, ArMembers.isSymbolTable("/SYM64/"));
    assertEquals(false, ArMembers.isSymbolTable("__.SYMDEF"));
  }
}
