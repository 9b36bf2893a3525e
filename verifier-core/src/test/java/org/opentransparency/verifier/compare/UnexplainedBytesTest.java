package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.TestData;

/**
 * Archives whose bytes differ where no entry and no field does (testdata/archives/
 * make-unexplained.sh): "equivalent", and the field {@code bytes} shows where.
 */
class UnexplainedBytesTest {
  private static Path fixture(String name) {
    return TestData.path("archives/unexplained/" + name);
  }

  private static ComparisonResult compare(Path left, Path right, CompareOptions options)
      throws IOException {
    return ArchiveComparator.compare(left, right, options);
  }

  /** The field as the report should give it, worked out from the two files' bytes. */
  private static FieldDiff expected(byte[] a, byte[] b) {
    int at = Arrays.mismatch(a, b);
    return new FieldDiff("bytes", shown(a, at), shown(b, at));
  }

  private static String shown(byte[] x, int at) {
    if (at == x.length) {
      return "at offset " + at + ": (end)";
    }
    int end = Math.min(x.length, at + 16);
    String hex = HexFormat.of().formatHex(x, at, end);
    return "at offset " + at + ": " + hex + (end < x.length ? " ..." : " (end)");
  }

  private static boolean anyBytesField(ComparisonResult r) {
    return r.archiveFields().stream().anyMatch(f -> f.field().equals("bytes"))
        || anyBytesField(r.entries());
  }

  private static boolean anyBytesField(List<EntryDiff> entries) {
    for (EntryDiff e : entries) {
      if (e.fields().stream().anyMatch(f -> f.field().equals("bytes"))
          || anyBytesField(e.children())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void zstdSkippableFrame_equivalentAndBytesShowTheFrame() throws IOException {
    Path left = fixture("skippable-left.tar.zst");
    Path right = fixture("skippable-right.tar.zst");

    ComparisonResult r = compare(left, right, CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    assertEquals(List.of(), r.entries());
    byte[] a = Files.readAllBytes(left);
    byte[] b = Files.readAllBytes(right);
    assertEquals(List.of(expected(a, b)), r.archiveFields());
    // Where the left file ends, the right one's skippable frame begins (magic 0x184D2A50).
    assertEquals(
        "at offset "
            + a.length
            + ": 502a4d18"
            + HexFormat.of().formatHex(b, a.length + 4, a.length + 16)
            + " ...",
        r.archiveFields().get(0).right());
  }

  @Test
  void gzipSecondMemberHeader_equivalentAndBytesAtItsTime() throws IOException {
    Path left = fixture("members-left.tar.gz");
    Path right = fixture("members-right.tar.gz");

    ComparisonResult r = compare(left, right, CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    byte[] a = Files.readAllBytes(left);
    byte[] b = Files.readAllBytes(right);
    assertEquals(List.of(expected(a, b)), r.archiveFields());
    // The first difference is the modification time of the second member's header: its magic,
    // method and flags (a name follows) come just before.
    int at = Arrays.mismatch(a, b);
    assertEquals("1f8b0808", HexFormat.of().formatHex(a, at - 4, at));
  }

  @Test
  void nestedEquivalentArchiveWithoutOtherFields_entryCarriesBytes() throws IOException {
    ComparisonResult r =
        compare(
            fixture("nested-left.zip"),
            fixture("nested-right.zip"),
            CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    assertEquals(List.of(), r.archiveFields());
    assertEquals(1, r.entries().size());
    EntryDiff e = r.entries().get(0);
    assertEquals("lib/data.tar.gz", e.path());
    assertEquals(EntryStatus.METADATA, e.status());
    // The zips store the two tar.gz of the test above as they are.
    byte[] a = Files.readAllBytes(fixture("members-left.tar.gz"));
    byte[] b = Files.readAllBytes(fixture("members-right.tar.gz"));
    assertEquals(List.of(expected(a, b)), e.fields());
    assertEquals(List.of(), e.children());
  }

  @Test
  void nestedArchives_aSecondReadEach_noMoreThanGetADiff() throws IOException {
    // Finding where a nested archive differs reads both inputs again up to it: as many as get a
    // diff (the first 100 by default), not one for each of thousands of recompressed man pages.
    ComparisonResult r =
        compare(
            fixture("nested-left.zip"),
            fixture("nested-right.zip"),
            CompareOptions.builder().maxDetailedEntries(0).build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    assertEquals(List.of(), r.entries().get(0).fields());
  }

  @Test
  void nestedBytesAndModifiedEntriesDiffs_countedApart(@TempDir Path dir) throws IOException {
    // An equivalent nested archive located first must not take the diff a modified entry after it
    // gets: each has its own count of the entries given details (100 by default).
    Path left = dir.resolve("left.zip");
    Path right = dir.resolve("right.zip");
    storedZip(left, Files.readAllBytes(fixture("members-left.tar.gz")), "one\n");
    storedZip(right, Files.readAllBytes(fixture("members-right.tar.gz")), "two\n");

    ComparisonResult r =
        compare(left, right, CompareOptions.builder().maxDetailedEntries(1).build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    EntryDiff nested = r.entries().get(0);
    assertEquals("lib/data.tar.gz", nested.path());
    assertEquals(List.of("bytes"), nested.fields().stream().map(FieldDiff::field).toList());
    EntryDiff text = r.entries().get(1);
    assertEquals("z.txt", text.path());
    assertEquals(EntryStatus.MODIFIED, text.status());
    assertFalse(text.diff().isEmpty());
  }

  /** A zip of {@code lib/data.tar.gz} (stored, as given) and {@code z.txt}, at one time. */
  private static void storedZip(Path zip, byte[] nested, String text) throws IOException {
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("lib/data.tar.gz");
      e.setMethod(java.util.zip.ZipEntry.STORED);
      e.setSize(nested.length);
      e.setCompressedSize(nested.length);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(nested);
      e.setCrc(crc.getValue());
      e.setTime(1_767_225_600_000L);
      out.putNextEntry(e);
      out.write(nested);
      java.util.zip.ZipEntry t = new java.util.zip.ZipEntry("z.txt");
      t.setTime(1_767_225_600_000L);
      out.putNextEntry(t);
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({
    "same-left.jar, same-right.jar",
    "same-left.jar, timestamps-right.jar",
    "order-left.zip, order-right.zip",
    "meta-left.tar, meta-right.tar",
    "tgz-left.tar.gz, tgz-header-right.tar.gz",
    "txz-left.tar.xz, txz-right.tar.xz",
    "same-left.jar, changed-right.jar",
    "app-left.war, app-right.war",
  })
  void explainedOrIdentical_noBytesField(String left, String right) throws IOException {
    ComparisonResult r =
        compare(
            TestData.path("archives/out/" + left),
            TestData.path("archives/out/" + right),
            CompareOptions.builder().build());

    assertFalse(anyBytesField(r), r.toString());
  }

  @Test
  void ignoredEntries_noBytesField() throws IOException {
    // The ignored entry is where these differ; the report must not point elsewhere for it.
    ComparisonResult r =
        compare(
            TestData.path("archives/out/same-left.jar"),
            TestData.path("archives/out/changed-right.jar"),
            CompareOptions.builder().ignore("**/Greeter.java").build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    assertFalse(anyBytesField(r), r.toString());
  }

  @Test
  void divergence_acrossTheReadBuffer_sixteenBytesThenMore() throws IOException {
    byte[] a = new byte[200_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) (i * 31);
    }
    byte[] b = a.clone();
    int at = 64 * 1024 - 5; // the shown bytes straddle the first read of 64 KiB
    b[at] ^= 1;

    assertEquals(expected(a, b), divergence(a, b).field());
    assertEquals(at, divergence(a, b).offset());
  }

  @Test
  void divergence_shorterSideEnds_endShown() throws IOException {
    byte[] a = "same start".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] b = "same start, then more".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    FieldDiff f = divergence(a, b).field();

    assertEquals("at offset 10: (end)", f.left());
    assertEquals("at offset 10: 2c207468656e206d6f7265 (end)", f.right());
  }

  @Test
  void divergence_exactlySixteenBytesLeft_endNotMore() throws IOException {
    byte[] a = new byte[40];
    byte[] b = new byte[40];
    b[24] = 1;

    FieldDiff f = divergence(a, b).field();

    assertEquals("at offset 24: " + "00".repeat(16) + " (end)", f.left());
    assertEquals("at offset 24: 01" + "00".repeat(15) + " (end)", f.right());
    byte[] c = new byte[41];
    c[24] = 1;
    assertEquals(
        "at offset 24: 01000000000000000000000000000000 ...", divergence(a, c).field().right());
  }

  @Test
  void divergence_readsNoFurtherThanTheBound() throws IOException {
    byte[] a = new byte[100];
    byte[] b = new byte[100];
    b[60] = 1; // past the bound of the first side: not seen there

    ArchiveComparator.Divergence d = ArchiveComparator.Divergence.of(stream(a), 50, stream(b), 100);

    assertEquals(50, d.offset());
    assertEquals("at offset 50: (end)", d.field().left());
    assertEquals("at offset 50: 00000000000000000000010000000000 ...", d.field().right());
  }

  private static ArchiveComparator.Divergence divergence(byte[] a, byte[] b) throws IOException {
    return ArchiveComparator.Divergence.of(stream(a), Long.MAX_VALUE, stream(b), Long.MAX_VALUE);
  }

  private static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
