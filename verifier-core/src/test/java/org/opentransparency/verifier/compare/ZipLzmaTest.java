package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Zip entries 7-Zip compressed with LZMA (method 14), which Commons Compress does not decode:
 * decoded by xz-java from the data the index reads (testdata/archives/make.sh made the fixtures),
 * in the index and in the comparison's second look alike.
 */
class ZipLzmaTest {
  private static final Path LEFT = TestData.path("archives/out/lzma-left.zip");
  private static final Path CHANGED = TestData.path("archives/out/lzma-changed-right.zip");
  private static final Path DEFLATED = TestData.path("archives/out/order-left.zip");

  @TempDir Path dir;

  private static ComparisonResult compare(Path l, Path r) throws IOException {
    return ArchiveComparator.compare(l, r, CompareOptions.builder().build());
  }

  private static ArchiveIndex index(Path p) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(p);
  }

  @Test
  void theSameTreeDeflated_isEquivalent_withOneContentDigest() throws IOException {
    ComparisonResult r = compare(LEFT, DEFLATED);

    assertEquals("equivalent", r.verdict().id());
    assertEquals(List.of(), r.findings());
    assertEquals(
        ContentDigest.of(DEFLATED, Limits.defaults()), ContentDigest.of(LEFT, Limits.defaults()));
    assertTrue(
        r.entries().stream()
            .anyMatch(e -> e.fields().stream().anyMatch(f -> f.toString().contains("lzma"))),
        r.entries().toString());
  }

  @Test
  void aChangedEntry_isModified_andItsDiffReadsTheLzmaData() throws IOException {
    ComparisonResult r = compare(LEFT, CHANGED);

    assertEquals("different", r.verdict().id());
    Map<String, EntryDiff> byPath =
        r.entries().stream().collect(Collectors.toMap(EntryDiff::path, e -> e));
    assertEquals("modified", byPath.get("docs/big.txt").status().id());
    assertEquals("modified", byPath.get("org/example/Greeter.java").status().id());
    String text = org.opentransparency.verifier.report.CompareReport.text(r);
    assertTrue(text.contains("+" + "x".repeat(3000) + "y"), "the LZMA entry's diff");
  }

  /** The offset of {@code name}'s data in {@code zip}, by Commons Compress. */
  private static int dataOffset(Path zip, String name) throws IOException {
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      return (int) z.getEntry(name).getDataOffset();
    }
  }

  @Test
  void aFlippedByteInTheLzmaData_isNeverTheSame() throws IOException {
    byte[] z = Files.readAllBytes(LEFT);
    z[dataOffset(LEFT, "docs/big.txt") + 20] ^= 0x10;
    Path flipped = Files.write(dir.resolve("flipped.zip"), z);

    try {
      ComparisonResult r = compare(LEFT, flipped);
      assertEquals("different", r.verdict().id());
      assertTrue(
          r.findings().stream()
              .anyMatch(f -> f.kind().equals("crc-mismatch") || f.kind().equals("size-mismatch")),
          r.findings().toString());
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage().contains("archive too damaged"), e.getMessage());
    }
  }

  @Test
  void lzmaPropertiesOfAnotherLength_areDamaged() throws IOException {
    byte[] z = Files.readAllBytes(LEFT);
    z[dataOffset(LEFT, "docs/big.txt") + 2] = 6;
    Path bad = Files.write(dir.resolve("props.zip"), z);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(bad));
    assertTrue(e.getMessage().contains("LZMA properties of 6 bytes"), e.getMessage());
  }

  /** A dictionary far larger than the entry costs nothing: it is never more than the output. */
  @Test
  void aHugeDeclaredDictionary_readsAsTheHonestOne() throws IOException {
    byte[] z = Files.readAllBytes(LEFT);
    ByteBuffer.wrap(z)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(dataOffset(LEFT, "docs/big.txt") + 5, 0xfffffff0);
    Path huge = Files.write(dir.resolve("dictionary.zip"), z);

    assertEquals(index(LEFT).items().toString(), index(huge).items().toString());
  }

  /** A central record that declares less than the LZMA data holds: read one byte past, reported. */
  @Test
  void aSizeThatLies_isASizeMismatch() throws IOException {
    byte[] z = Files.readAllBytes(LEFT);
    ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
    // big.txt's central record (the first): its size at offset 24 of the record.
    int central = b.getInt(z.length - 22 + 16);
    assertEquals(0x02014b50, b.getInt(central));
    assertEquals(3000, b.getInt(central + 24));
    b.putInt(central + 24, 100);
    Path lie = Files.write(dir.resolve("lie.zip"), z);

    ArchiveIndex idx = index(lie);
    assertTrue(
        idx.findings().stream().anyMatch(f -> f.kind().equals("size-mismatch")),
        idx.findings().toString());
    assertNotEquals("equivalent", compare(LEFT, lie).verdict().id());
  }

  /**
   * Bytes after the LZMA stream's end, within the entry's compressed size: a reader of local
   * headers takes them for what follows, as after a deflate stream that ends early.
   */
  /**
   * The zip at {@code LEFT} written again by Commons Compress, big.txt's raw data and flags
   * changed.
   */
  private Path rewritten(String file, int padding, boolean endMarkerFlag) throws IOException {
    return rewritten(LEFT, "docs/big.txt", file, padding, endMarkerFlag);
  }

  /**
   * {@code source} written again by Commons Compress, {@code padding} bytes added to the raw data
   * of {@code entry} (and to its compressed size), general purpose bit 1 set or cleared.
   */
  private Path rewritten(Path source, String entry, String file, int padding, boolean bit1)
      throws IOException {
    Path p = dir.resolve(file);
    try (ZipFile in = ZipFile.builder().setPath(source).get();
        org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream out =
            new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(p)) {
      for (var e : java.util.Collections.list(in.getEntries())) {
        byte[] raw;
        try (var r = in.getRawInputStream(e)) {
          raw = r.readAllBytes();
        }
        int flag = e.getRawFlag();
        if (e.getName().equals(entry)) {
          raw = java.util.Arrays.copyOf(raw, raw.length + padding);
          e.setCompressedSize(raw.length);
          flag = bit1 ? flag | 2 : flag & ~2;
        }
        e.setGeneralPurposeBit(
            org.apache.commons.compress.archivers.zip.GeneralPurposeBit.parse(
                new byte[] {(byte) flag, (byte) (flag >> 8)}, 0));
        out.addRawArchiveEntry(e, new java.io.ByteArrayInputStream(raw));
      }
    }
    return p;
  }

  /**
   * An end marker that general purpose bit 1 does not announce: the declared size ends the data,
   * and the marker after it is read as part of the stream, as 7-Zip reads it; nothing is left.
   */
  @Test
  void anEndMarkerTheFlagDoesNotAnnounce_isReadAs7ZipReadsIt() throws IOException {
    ArchiveIndex idx = index(rewritten("unflagged.zip", 0, false));

    assertEquals(contents(index(LEFT)), contents(idx));
    assertEquals(List.of(), idx.findings());
    // Bytes after the marker are still left over.
    assertEquals(
        List.of("docs/big.txt zip-readers-disagree"),
        index(rewritten("unflagged-padded.zip", 2, false)).findings().stream()
            .map(f -> f.path() + " " + f.kind())
            .toList());
  }

  @Test
  void bytesAfterTheLzmaStream_areReadersDisagree() throws IOException {
    Path padded = rewritten("padded.zip", 3, true);
    ArchiveIndex plain = index(LEFT);
    ArchiveIndex idx = index(padded);

    assertEquals(contents(plain), contents(idx));
    assertEquals(
        List.of(
            "docs/big.txt zip-readers-disagree: the lzma stream ends 3 bytes before the entry's"
                + " compressed size does: readers of local headers take those bytes for what"
                + " follows"),
        idx.findings().stream().map(f -> f.path() + " " + f.kind() + ": " + f.message()).toList());
    assertEquals(List.of(), plain.findings());
  }

  /** Each entry's name, content digest and size. */
  private static List<String> contents(ArchiveIndex idx) {
    return idx.items().values().stream()
        .map(i -> i.entry().path() + " " + i.sha256() + " " + i.size())
        .toList();
  }

  /**
   * The same for bzip2, which Commons Compress decodes: the stream ends itself, and a reader of
   * local headers (libarchive on a pipe) took the bytes after it for another entry and extracted
   * it, while the comparison said equivalent. Now decoded from the data the index reads.
   */
  @Test
  void bytesAfterABzip2Stream_areReadersDisagree() throws IOException {
    Path honest = TestData.path("attacks/out/zip-bzip2-honest.zip");
    String entry;
    try (ZipFile z = ZipFile.builder().setPath(honest).get()) {
      entry = java.util.Collections.list(z.getEntries()).get(0).getName();
    }
    Path padded = rewritten(honest, entry, "bzip2-padded.zip", 48, false);

    ArchiveIndex idx = index(padded);
    assertEquals(contents(index(honest)), contents(idx));
    assertEquals(
        List.of(
            entry
                + " zip-readers-disagree: the bzip2 stream ends 48 bytes before the entry's"
                + " compressed size does: readers of local headers take those bytes for what"
                + " follows"),
        idx.findings().stream().map(f -> f.path() + " " + f.kind() + ": " + f.message()).toList());
    assertEquals(List.of(), index(honest).findings());
    assertEquals("different", compare(honest, padded).verdict().id());
  }

  /**
   * 2 MB of data declaring 2 GB, within the ratio limit, with a dictionary as large: decoding
   * allocates the dictionary whole, so one past 256 MiB is refused before any is allocated.
   */
  @Test
  void aDictionaryPastTheCap_isRefusedUnallocated() throws IOException {
    byte[] honest;
    try (ZipFile z = ZipFile.builder().setPath(LEFT).get();
        var r = z.getRawInputStream(z.getEntry("docs/big.txt"))) {
      honest = r.readAllBytes();
    }
    byte[] raw = java.util.Arrays.copyOf(honest, 2_200_000);
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putInt(5, 0x7ffffff0);
    Path bomb = rawZip("dictionary-bomb.zip", 14, 2_000_000_000L, 0, 2, raw);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(bomb));
    assertTrue(
        e.getMessage().contains("an LZMA dictionary of 1907 MiB, more than the 256 MiB"),
        e.getMessage());
  }

  /**
   * An xz entry (method 95; no tool here writes one, so it is built from xz-java's output) with
   * bytes after its stream: a reader of local headers takes them for what follows.
   */
  @Test
  void bytesAfterAnXzStream_areReadersDisagree() throws IOException {
    byte[] data = "hello xz\n".repeat(300).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream xz = new java.io.ByteArrayOutputStream();
    try (var out = new org.tukaani.xz.XZOutputStream(xz, new org.tukaani.xz.LZMA2Options())) {
      out.write(data);
    }
    Path honest = xzZip("xz.zip", data, xz.toByteArray());
    Path padded =
        xzZip("xz-padded.zip", data, java.util.Arrays.copyOf(xz.toByteArray(), xz.size() + 48));

    assertEquals(List.of(), index(honest).findings());
    assertEquals(contents(index(honest)), contents(index(padded)));
    assertEquals(
        List.of(
            "a.txt zip-readers-disagree: the xz stream ends 48 bytes before the entry's compressed"
                + " size does: readers of local headers take those bytes for what follows"),
        index(padded).findings().stream()
            .map(f -> f.path() + " " + f.kind() + ": " + f.message())
            .toList());
    assertEquals("different", compare(honest, padded).verdict().id());
  }

  private Path xzZip(String file, byte[] data, byte[] raw) throws IOException {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    return rawZip(file, 95, data.length, crc.getValue(), 0, raw);
  }

  /**
   * A zip of one entry, a.txt, whose data is {@code raw} as it is, declared to be of {@code
   * method}, {@code size} and {@code crc}, with the general purpose {@code flags}.
   */
  private Path rawZip(String file, int method, long size, long crc, int flags, byte[] raw)
      throws IOException {
    Path p = dir.resolve(file);
    try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(p)) {
      var e = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("a.txt");
      e.setMethod(method);
      e.setSize(size);
      e.setCompressedSize(raw.length);
      e.setCrc(crc);
      e.setGeneralPurposeBit(
          org.apache.commons.compress.archivers.zip.GeneralPurposeBit.parse(
              new byte[] {(byte) flags, (byte) (flags >> 8)}, 0));
      out.addRawArchiveEntry(e, new java.io.ByteArrayInputStream(raw));
    }
    return p;
  }
}
