package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.hostile.Hostile.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.compare.EntryDiff;
import org.opentransparency.verifier.compare.EntryStatus;
import org.opentransparency.verifier.compare.FieldDiff;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Tars and cpio archives with more after their end (testdata/attacks/make-after-end.sh): what a
 * reader that reads on (tar -i, the kernel's initramfs) finds there, the others and the index do
 * not, so it is a finding; zeros there, as every writer leaves, are not.
 */
class AfterTheEndTest {
  private static List<Finding> findings(String name) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(attack(name)).findings();
  }

  private static ComparisonResult compare(String left, String right) throws IOException {
    return ArchiveComparator.compare(attack(left), attack(right), CompareOptions.builder().build());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "after-end.tar, after-end-first.tar, 10240, tar",
    "after-end.tar.gz, after-end-first.tar, 10240, tar",
    "after-end-members.tar.gz, after-end-first.tar, 10240, tar",
    "after-end-record.tar, after-end-first.tar, 8000, tar",
    "after-end.cpio, after-end-first.cpio, 512, cpio",
    // Where the reader does not consume an entry's data by the size its header gives: the watch
    // begins at the marker it finds, not where the last entry ends by its header.
    "after-end-dir-size.tar, -, 1536, tar",
    "after-end-sparse.tar.gz, sparse-pax-1.0.tar.gz, 496128, tar",
  })
  void moreAfterTheEnd_isAFinding_comparisonDifferent_noContentDigest(
      String name, String honest, long offset, String format) throws IOException {
    List<Finding> f = findings(name);
    assertEquals(1, f.size(), f.toString());
    assertEquals("unreferenced-bytes", f.get(0).kind());
    assertEquals("", f.get(0).path());
    assertTrue(f.get(0).message().contains("after the " + format), f.get(0).message());
    assertTrue(f.get(0).message().contains("from offset " + offset + ")"), f.get(0).message());

    // The entries both sides list are the same: without the finding this was "equivalent", which
    // compare --mode content passes.
    if (!honest.equals("-")) {
      ComparisonResult r = compare(honest, name);
      assertEquals(CompareVerdict.DIFFERENT, r.verdict());
      assertEquals(0, r.summary().modified() + r.summary().added() + r.summary().removed());
    }

    assertThrows(
        InvalidInputException.class, () -> ContentDigest.of(attack(name), Limits.defaults()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"after-end-first.tar", "after-end-first.cpio"})
  void zerosAfterTheEnd_noFinding(String name) throws IOException {
    assertEquals(List.of(), findings(name));
  }

  @Test
  void staleBytesInTheLastEntrysPadding_noFinding_equivalentWithWhere() throws IOException {
    // Old writers left whatever their buffer held in the padding of an entry's last block, and no
    // reader takes it for anything: not a finding, but the comparison shows where it differs.
    assertEquals(List.of(), findings("after-end-padding.tar"));

    ComparisonResult r = compare("after-end-first.tar", "after-end-padding.tar");

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    assertEquals(
        List.of(
            new FieldDiff(
                "bytes",
                "at offset 2100: " + "00".repeat(16) + " ...",
                "at offset 2100: 58" + "00".repeat(15) + " ...")),
        r.archiveFields());
    assertEquals(
        ContentDigest.of(attack("after-end-first.tar"), Limits.defaults()),
        ContentDigest.of(attack("after-end-padding.tar"), Limits.defaults()));
  }

  @Test
  void shortTailWhereADirectorysSizeSaysDataLies_isAFinding(@TempDir Path dir) throws IOException {
    // A directory's header declares 8192 bytes; the reader takes the next header after it and
    // finds 500 bytes, a short record, the end: they are watched too.
    byte[] tail = new byte[500];
    java.util.Arrays.fill(tail, (byte) 'x');
    Path tar = dir.resolve("short.tar");
    Files.write(tar, concat(Hostile.tarHeader("d/", 8192, '5'), tail));

    List<Finding> f = new ArchiveIndexer(Limits.defaults()).index(tar).findings();

    assertEquals(1, f.size(), f.toString());
    assertTrue(f.get(0).message().contains("from offset 512)"), f.get(0).message());
  }

  @Test
  void gnuIncrementalDump_everyEntryRead_dumpDirectoriesCompared() throws IOException {
    // Commons Compress took a dump directory ('D') for a plain one and read its list of names as
    // the next header: t/empty/'s list, one zero byte, read as the end, and the files unseen.
    ArchiveIndex idx = new ArchiveIndexer(Limits.defaults()).index(attack("gnu-incremental.tar"));

    assertEquals(List.of(), idx.findings());
    assertEquals(
        List.of("t/", "t/empty/", "t/full/", "t/b.txt", "t/full/a.txt"),
        List.copyOf(idx.items().keySet()));
    assertEquals(
        "Ya.txt\\0\\0", idx.items().get("t/full/").entry().metadata().get("pax.GNU.dumpdir"));

    // tar -G deletes on extraction what a directory's list does not name: a list that differs is
    // a difference, beside the file added.
    ComparisonResult r = compare("gnu-incremental.tar", "gnu-incremental-more.tar");
    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(List.of(), r.findings());
    Map<String, EntryDiff> e = new java.util.HashMap<>();
    r.entries().forEach(d -> e.put(d.path(), d));
    assertEquals(EntryStatus.ADDED, e.get("t/full/c.txt").status());
    assertEquals(
        List.of(new FieldDiff("pax.GNU.dumpdir", "Ya.txt\\0\\0", "Ya.txt\\0Yc.txt\\0\\0")),
        e.get("t/full/").fields());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void moreAfterTheEndOfANestedTar_isAFindingOnItsPath() throws IOException {
    List<Finding> f = findings("after-end-nested.zip");

    assertEquals(1, f.size(), f.toString());
    assertEquals("bundle.tar", f.get(0).path());
    assertEquals("unreferenced-bytes", f.get(0).kind());
  }
}
