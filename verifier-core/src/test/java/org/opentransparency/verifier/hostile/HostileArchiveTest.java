package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.hostile.Hostile.attack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.ArchiveFormat;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Hostile archives (SPEC 4): each attack in testdata/attacks (and the hostile fixtures of
 * testdata/archives) gets its exact outcome: a finding that makes the comparison different, a named
 * limit, or a damaged-archive error. All in the suite's 256 MiB heap, each under a hang detector.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileArchiveTest {
  @TempDir Path dir;

  private static ArchiveIndex index(Path p, Limits limits) throws IOException {
    return new ArchiveIndexer(limits).index(p);
  }

  private static Path file(String name) {
    return name.startsWith("archives/") ? TestData.path(name + "") : attack(name);
  }

  /** Reported as a finding; a comparison with itself is then different, never identical. */
  @ParameterizedTest
  @CsvSource({
    "zip-local-name-mismatch.zip, good.txt, local-central-mismatch",
    "zip-local-size-mismatch.zip, a.txt, local-central-mismatch",
    "zip-nul-name.zip, a\u0000b.txt, nul-in-name",
    "zip-size-lie-small.zip, lie.txt, size-mismatch",
    "zip-size-lie-huge.zip, huge.txt, size-mismatch",
    "ar-size-lie.ar, a.txt, size-mismatch",
    "tar-pax-path-escape.tar, ../../etc/cron.d/evil, dot-dot-name",
    "archives/out/duplicate-fail.zip, a.txt, duplicate-name",
    "archives/out/duplicate-fail.zip, ../escape.txt, dot-dot-name",
    "archives/out/duplicate-fail.zip, /etc/absolute.txt, absolute-name",
    "archives/out/unicode-path-fail.zip, Good.class, unicode-path-mismatch",
    "zip-dual-end-records.zip, '', zip-readers-disagree",
    "zip64-offset-elsewhere.zip, '', zip-readers-disagree",
    "zip64-two-extra-fields.zip, a.txt, zip-readers-disagree",
    "zip64-record-before-locator.zip, '', zip-readers-disagree",
    "zip64-disk-fields.zip, '', zip-readers-disagree",
    "zip-hidden-entry.zip, '', unreferenced-bytes",
    "zip-local-zip64-sizes.zip, a.txt, local-central-mismatch",
    "zip-deflate-ends-early.zip, a.txt, zip-readers-disagree",
    "zip-descriptor-missing.zip, a.txt, local-central-mismatch",
    "zip-stored-descriptor-inside.zip, a.txt, zip-readers-disagree",
    "zip-gap-after-entry.zip, '', unreferenced-bytes",
    "zip-dot-segment-name.zip, ./a.txt, duplicate-name",
    "zip-cp437-name.zip, é.txt, duplicate-name",
    "zip-directory-with-data.zip, d/, zip-readers-disagree",
    "zip-deflate-one-byte-short.zip, A.class, zip-readers-disagree",
    "zip-stored-descriptor-unsigned.zip, a.txt, local-central-mismatch",
    "zip-mode-says-directory.zip, d, zip-readers-disagree",
    "zip-link-target-long.zip, lnk, bad-link-target",
    "zip-link-target-nul.zip, lnk, bad-link-target",
    "zip-crc-mismatch.zip, a.txt, crc-mismatch",
    "zip-trailing-bytes.zip, '', unreferenced-bytes",
    "zip-prefix-decoy.zip, '', unreferenced-bytes",
    "zip-upath-local-masked.zip, a.txt, unicode-path-mismatch",
    "zip-bzip2-crc-mismatch.zip, a.txt, crc-mismatch",
    "zip-bad-utf8-name-1.zip, a?.txt, zip-readers-disagree",
    "zip-bad-utf8-name-2.zip, a?.txt, zip-readers-disagree",
  })
  void findingMakesTheComparisonDifferent(String name, String path, String kind)
      throws IOException {
    Path p = file(name);
    List<Finding> findings = index(p, Limits.defaults()).findings();
    assertTrue(
        findings.stream().anyMatch(f -> f.path().equals(path) && f.kind().equals(kind)),
        () -> findings.toString());
    ComparisonResult r = ArchiveComparator.compare(p, p, CompareOptions.builder().build());
    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertTrue(r.findings().stream().anyMatch(f -> f.kind().equals(kind)), r.findings()::toString);
  }

  /**
   * Zips built so that the JDK, Python and Info-ZIP read one content and Commons Compress another
   * (testdata/attacks/make-zip-layout.sh): the entry is hashed as Commons Compress's records, which
   * the index reports and checks against the local headers, point at, never with the JDK's other
   * data; the content digest is refused.
   */
  @ParameterizedTest
  @CsvSource({
    "zip-dual-end-records.zip",
    "zip64-offset-elsewhere.zip",
    "zip64-two-extra-fields.zip",
    "zip64-record-before-locator.zip",
    "zip64-disk-fields.zip",
  })
  void twoCentralDirectories_hashWhatTheReportedRecordsPointAt(String name) throws IOException {
    Path p = attack(name);
    ArchiveIndex idx = index(p, Limits.defaults());
    // sha256sum of "reviewed content: the build that the reviewers read, line by line!\n\n"
    assertEquals(
        "a8600b1a8465c812c1aa4297856ddbbbfde0bd301f77abfa3b55027ec7432e4b",
        idx.items().get("a.txt").sha256().hex());
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ContentDigest.of(p, Limits.defaults()));
    assertTrue(e.getMessage().endsWith("): no single content digest exists"), e.getMessage());
  }

  /**
   * A zip with bytes before it (testdata/attacks/make-zip-prefix.sh) is read where every reader
   * reads it, its offsets counted from the zip: a decoy laid in the prefix, with the reviewed
   * content at the offsets as they stand, is not what is hashed. Compared with the zip it imitates,
   * a.txt is modified; with zip64 offsets, which readers take otherwise, the zip is refused.
   */
  @Test
  void aDecoyBeforeTheZip_isNotWhatIsRead() throws IOException {
    Path decoy = attack("zip-prefix-decoy.zip");
    ArchiveIndex idx = index(decoy, Limits.defaults());
    // sha256sum of `unzip -p zip-prefix-decoy.zip a.txt`, which the JDK and Python extract too
    assertEquals(
        "60fd1fad24bcf910ebadc3a3e74a7f09e1f6ab41a9b520ab72658e9aa6a86568",
        idx.items().get("a.txt").sha256().hex());
    ComparisonResult r =
        ArchiveComparator.compare(
            decoy, attack("zip-prefix-decoy-honest.zip"), CompareOptions.builder().build());
    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertTrue(
        r.entries().stream()
            .anyMatch(e -> e.path().equals("a.txt") && e.status().name().equals("MODIFIED")),
        r.entries()::toString);
    assertThrows(
        InvalidInputException.class,
        () -> index(attack("zip64-prefix-decoy.zip"), Limits.defaults()));
  }

  /**
   * A self-extracting archive (a stub, then a zip; its offsets adjusted by zip -A or not) does not
   * begin with a zip's magic bytes: it is not taken for an archive, and is compared by its bytes.
   */
  @Test
  void aSelfExtractingArchive_isComparedByItsBytes() throws IOException {
    Path sfx = attack("zip-prefix-sfx.zip");
    Path adjusted = attack("zip-prefix-sfx-adjusted.zip");
    assertEquals(ArchiveFormat.NONE, index(sfx, Limits.defaults()).format());
    assertEquals(ArchiveFormat.NONE, index(adjusted, Limits.defaults()).format());
    CompareOptions o = CompareOptions.builder().build();
    assertEquals(CompareVerdict.DIFFERENT, ArchiveComparator.compare(sfx, adjusted, o).verdict());
    assertEquals(CompareVerdict.IDENTICAL, ArchiveComparator.compare(sfx, sfx, o).verdict());
  }

  /** Two names flagged UTF-8 that differ only in bytes that are not UTF-8 never compare equal. */
  @Test
  void namesThatAreNotUtf8_neverCompareEquivalent() throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(
            attack("zip-bad-utf8-name-1.zip"),
            attack("zip-bad-utf8-name-2.zip"),
            CompareOptions.builder().build());
    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
  }

  /** A bzip2 entry whose CRC-32 is its data's has no finding (its forged twin is crc-mismatch). */
  @Test
  void anHonestBzip2Entry_hasNoFinding() throws IOException {
    Path p = attack("zip-bzip2-honest.zip");
    assertEquals(List.of(), index(p, Limits.defaults()).findings());
    assertEquals(
        CompareVerdict.IDENTICAL,
        ArchiveComparator.compare(p, p, CompareOptions.builder().build()).verdict());
  }

  /** The honest zip64 shape (Info-ZIP's zip -fz) has no finding and its content digest. */
  @Test
  void zip64FromInfoZip_isReadWithoutFindings() throws IOException {
    Path p = attack("zip64-forced.zip");
    ArchiveIndex idx = index(p, Limits.defaults());
    assertEquals(List.of(), idx.findings());
    assertEquals(List.of("a.txt", "b.txt"), List.copyOf(idx.items().keySet()));
    assertEquals(
        CompareVerdict.IDENTICAL,
        ArchiveComparator.compare(p, p, CompareOptions.builder().build()).verdict());
    assertTrue(ContentDigest.of(p, Limits.defaults()).startsWith("h1:"));
  }

  /**
   * Stopped by a named limit, whose message says how to raise it; {@code topLevel} when the limit
   * is hit without expanding nested archives. Bombs are refused early (BombTest has the large
   * ones): hence the short timeout.
   */
  @ParameterizedTest
  @CsvSource({
    "bomb.gz, maxCompressionRatio, --max-ratio, true",
    "bomb.xz, maxCompressionRatio, --max-ratio, true",
    "bomb.zst, maxCompressionRatio, --max-ratio, true",
    "archives/out/bomb-fail.bz2, maxCompressionRatio, --max-ratio, true",
    "bomb.tar.gz, maxCompressionRatio, --max-ratio, true",
    "bomb.tar.bz2, maxCompressionRatio, --max-ratio, true",
    "bomb.tar.xz, maxCompressionRatio, --max-ratio, true",
    "bomb.tar.zst, maxCompressionRatio, --max-ratio, true",
    "zip-deflate-bomb.zip, maxCompressionRatio, --max-ratio, true",
    "bomb-zip64.zip, maxCompressionRatio, --max-ratio, true",
    "bomb-declared-garbage.zip, maxCompressionRatio, --max-ratio, true",
    "bomb-local-declared.zip, maxCompressionRatio, --max-ratio, true",
    "zip-nested-deflate-bomb.zip, maxCompressionRatio, --max-ratio, false",
    "bomb-nested-zip.zip, maxCompressionRatio, --max-ratio, false",
    "bomb-nested-descriptor.zip, maxCompressionRatio, --max-ratio, false",
    "bomb-tgz-in-zip.zip, maxCompressionRatio, --max-ratio, false",
    "zip-overlap-bomb.zip, maxCompressionRatio, --max-ratio, true",
    "nested20.gz, maxNestingDepth, --max-depth, false",
    "archives/out/nested20-fail.zip, maxNestingDepth, --max-depth, false",
  })
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void limit(String name, String limit, String option, boolean topLevel) throws IOException {
    Path p = file(name);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> index(p, Limits.defaults()));
    assertEquals(limit, e.limit());
    assertTrue(e.getMessage().contains("(raise it with " + option + ")"), e.getMessage());
    LimitExceededException c =
        assertThrows(
            LimitExceededException.class,
            () -> ArchiveComparator.compare(p, p, CompareOptions.builder().build()));
    assertEquals(limit, c.limit());
    if (topLevel) {
      // The content digest reads the top level only; a bomb there stops it too.
      assertThrows(LimitExceededException.class, () -> ContentDigest.of(p, Limits.defaults()));
    } else {
      ContentDigest.of(p, Limits.defaults());
    }
  }

  /** A nested zip's entries are held to the ratio limit too (they were not: finding 1). */
  @Test
  void nestedZipBombNamesTheNestedEntry() {
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> index(attack("zip-nested-deflate-bomb.zip"), Limits.defaults()));
    assertTrue(e.getMessage().startsWith("inner.zip!/zeros.bin: expands more than 1000 times"));
  }

  /** Overlapping entries each stay within the ratio; together they may not (finding 3). */
  @Test
  void overlappingEntriesAreBoundTogether() throws IOException {
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> index(attack("zip-overlap-bomb.zip"), Limits.defaults()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "zip-overlap-bomb.zip: its entries together expand more than 1000 times its size,"
                    + " at entry e"),
        e.getMessage());
    // With the ratio raised, the findings show, and the other limits still hold.
    Limits loose = Limits.defaults().toBuilder().maxCompressionRatio(1_000_000).build();
    ArchiveIndex idx = index(attack("zip-overlap-bomb.zip"), loose);
    assertEquals(200, idx.items().size());
    assertTrue(idx.findings().stream().anyMatch(f -> f.kind().equals("overlapping-entries")));
    LimitExceededException total =
        assertThrows(
            LimitExceededException.class,
            () ->
                index(
                    attack("zip-overlap-bomb.zip"),
                    loose.toBuilder().maxTotalBytes(50L << 20).build()));
    assertEquals("maxTotalBytes", total.limit());
    assertTrue(total.getMessage().contains("(raise it with --max-total-bytes)"));
    LimitExceededException entries =
        assertThrows(
            LimitExceededException.class,
            () -> index(attack("zip-overlap-bomb.zip"), loose.toBuilder().maxEntries(10).build()));
    assertEquals("maxEntries", entries.limit());
    assertTrue(entries.getMessage().contains("(raise it with --max-entries)"));
  }

  /** Too damaged to read: a clear error (exit 2), never a crash or a partial verdict. */
  @ParameterizedTest
  @CsvSource({
    "zip64-size-overflow.zip, archive too damaged to read",
    "tar-negative-size.tar, entry with negative size",
    "tar-huge-size.tar, Truncated TAR archive",
    "tar-pax-size-lie.tar, exceeds size of header record",
    "tar-pax-bad-length.tar, exceeds size of header record",
    "tar-gnu-longname-huge.tar, a GNU long-name header of 1073741824 bytes",
    "cpio-huge-namesize.cpio, archive too damaged to read",
    "cpio-huge-filesize.cpio, archive too damaged to read",
    "ar-negative-size.ar, entry with negative size",
    "7z-truncated.7z, archive too damaged to read",
  })
  void damaged(String name, String message) {
    Path p = file(name);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> index(p, Limits.defaults()));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> ArchiveComparator.compare(p, p, CompareOptions.builder().build()));
  }

  /**
   * A shrunk entry that fails to decompress once altered: found by ArchiveFuzzTest on the
   * comparison's second look (a bare IOException). Since format detection no longer hands every
   * entry to Commons Compress's detection — which swallowed the decompression error while trying
   * the entry as a tar — the first read already stops on it: the documented error either way.
   */
  @Test
  void shrunkEntryThatFailsToDecompress_isADamagedArchive() throws IOException {
    byte[] data = java.nio.file.Files.readAllBytes(attack("zip-local-size-mismatch.zip"));
    byte[] other = data.clone();
    other[other.length / 2] ^= 0x01;
    Path left = java.nio.file.Files.write(dir.resolve("left.zip"), data);
    Path right = java.nio.file.Files.write(dir.resolve("right.zip"), other);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ArchiveComparator.compare(left, right, CompareOptions.builder().build()));
    assertTrue(e.getMessage().contains("right.zip"), e.getMessage());
    assertTrue(e.getMessage().contains(": archive too damaged to read: "), e.getMessage());
  }

  /** Honest sparse tars hold more than their headers store: no size-mismatch finding. */
  @ParameterizedTest
  @CsvSource({"sparse-gnu.tar", "sparse-pax.tar"})
  void sparseTarIsNotASizeThatLies(String name) throws IOException {
    ArchiveIndex idx = index(attack(name), Limits.defaults());
    assertEquals(List.of(), idx.findings());
    assertEquals(1 << 20, idx.items().get("holes.bin").size());
    assertEquals(
        CompareVerdict.IDENTICAL,
        ArchiveComparator.compare(attack(name), attack(name), CompareOptions.builder().build())
            .verdict());
  }

  /** An entry that cannot be read is that finding alone, not also a size that lies. */
  @Test
  void unreadableEntryIsNotASizeMismatch() throws IOException {
    List<Finding> f =
        index(TestData.path("archives/out/encrypted-left-fail.zip"), Limits.defaults()).findings();
    assertEquals(List.of("unreadable-entry"), f.stream().map(Finding::kind).toList());
  }

  /** A 7z whose header coder claims a 1.5 GiB dictionary is read in the small heap. */
  @Test
  void sevenZipHugeDictionary() throws IOException {
    ArchiveIndex idx = index(attack("7z-huge-dictionary.7z"), Limits.defaults());
    assertEquals(ArchiveFormat.SEVEN_Z, idx.format());
    assertEquals(7, idx.items().size());
  }

  /** 30,000 GNU long names in a row overflowed the stack in Commons Compress (finding 5). */
  @Test
  void endlessLongNameChain() throws IOException {
    Path p = Hostile.longNameChain(dir, 30_000);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> index(p, Limits.defaults()));
    assertEquals(
        "chain.tar: archive too damaged to read: more than 64 GNU long-name or pax headers in a"
            + " row",
        e.getMessage());
    // One is fine. Three long names in a row, which no writer makes, GNU tar reads as the last
    // and Commons Compress as the first: refused (GnuTarAgreementTest has the other chains).
    assertEquals(1, index(Hostile.longNameChain(dir, 1), Limits.defaults()).items().size());
    InvalidInputException three =
        assertThrows(
            InvalidInputException.class,
            () -> index(Hostile.longNameChain(dir, 3), Limits.defaults()));
    assertTrue(three.getMessage().contains("readers resolve differently"), three.getMessage());
  }

  /** A 200 MiB long name or pax header was read whole into memory: OutOfMemoryError (6, 7). */
  @ParameterizedTest
  @CsvSource({"L, GNU long-name", "x, pax"})
  void hugeTarHeaderIsRefusedUnread(char type, String what) throws IOException {
    Path p = Hostile.hugeHeader(dir, type, 200L << 20);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> index(p, Limits.defaults()));
    assertTrue(
        e.getMessage().contains(": a " + what + " header of 209715200 bytes (more than 1048576"),
        e.getMessage());
  }

  /** 100,000 concatenated gzip members are one stream, read in linear time. */
  @Test
  void manyGzipMembers() throws IOException {
    Path p = Hostile.manyGzipMembers(dir, 100_000);
    ArchiveIndex idx = index(p, Limits.defaults());
    assertEquals(ArchiveFormat.GZIP, idx.format());
    ArchiveIndex.Item only = idx.items().values().iterator().next();
    assertEquals(100_000, only.size());
    assertEquals(List.of(), idx.findings());
  }
}
