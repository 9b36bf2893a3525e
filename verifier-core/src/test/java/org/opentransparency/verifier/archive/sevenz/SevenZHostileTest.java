package org.opentransparency.verifier.archive.sevenz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.opentransparency.verifier.archive.sevenz.SevenZBytes.bytes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndexer;

/**
 * Damaged and hostile 7z input: truncated, flipped, lying about sizes and counts, asking for huge
 * models. Each is an {@link IOException} with a clear message (a limit where one is hit), never a
 * runtime exception, a hang or running out of memory (the suite's heap is 256 MiB).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SevenZHostileTest {
  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  /** Opens and reads every entry, as the index does. */
  private static void readAll(Path p) throws IOException {
    try (SevenZArchive z = SevenZArchive.open(p, p.getFileName().toString(), 1000, 1000)) {
      for (SevenZEntry e : z.entries()) {
        try (InputStream in = z.read(e)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
    }
  }

  private static IOException readFails(Path p) {
    try {
      readAll(p);
    } catch (IOException e) {
      return e;
    } catch (RuntimeException e) {
      throw new AssertionError(p.getFileName() + ": a runtime exception escaped", e);
    }
    return fail(p.getFileName() + " was read");
  }

  private static byte[] name(String n) {
    byte[] utf16 = (n + "\0").getBytes(StandardCharsets.UTF_16LE);
    return bytes(0x11, (long) utf16.length + 1, 0, utf16);
  }

  /** A header of one file in one folder of the given coder bytes, over {@code size} bytes. */
  private static byte[] header(byte[] folder, long unpackSize, long numFiles, byte[] files) {
    return bytes(
        0x01,
        0x04,
        bytes(0x06, 0L, 1L, 0x09, (long) HELLO.length, 0x00),
        bytes(0x07, 0x0B, 1L, 0x00, folder, 0x0C, unpackSize, 0x00),
        0x00,
        0x05,
        numFiles,
        files,
        0x00,
        0x00);
  }

  private static final byte[] COPY = bytes(1L, 0x01, 0x00);

  private Path archive(String file, byte[] header) throws IOException {
    return SevenZBytes.write(dir, file, SevenZBytes.archive(HELLO, header));
  }

  @Test
  void handMadeArchive_isRead() throws IOException {
    Path p = archive("ok.7z", header(COPY, HELLO.length, 1L, name("a.txt")));

    try (SevenZArchive z = SevenZArchive.open(p, "ok.7z", 1000, 1000)) {
      assertEquals("a.txt", z.entries().get(0).name());
      assertEquals("hello\n", new String(z.read(z.entries().get(0)).readAllBytes(), "US-ASCII"));
    }
  }

  /**
   * An empty archive (no header: offset, size and CRC all zero) has no entry; one whose start
   * header gives no header but an offset and a CRC, with data after it, is refused, as 7-Zip
   * refuses it.
   */
  @Test
  void noHeader_isAnEmptyArchive_onlyWhenItsOffsetAndCrcAreZero() throws IOException {
    byte[] empty = SevenZBytes.archive(new byte[0], new byte[0]);
    Path ok = SevenZBytes.write(dir, "empty.7z", empty);
    try (SevenZArchive z = SevenZArchive.open(ok, "empty.7z", 1000, 1000)) {
      assertEquals(List.of(), z.entries());
    }

    byte[] hidden = java.util.Arrays.copyOf(empty, empty.length + 7000);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(hidden).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(12, 0x1000L).putInt(28, 0xdeadbeef);
    b.putInt(8, SevenZBytes.crc(hidden, 12, 20));
    IOException e = readFails(SevenZBytes.write(dir, "hidden.7z", hidden));
    assertTrue(e.getMessage().contains("no header, yet"), e.getMessage());
  }

  /**
   * Bytes no header points at, after the header (another archive appended, which a reader that
   * looks from the end would take) or between the packed streams and the header, are a finding, as
   * in a zip; the archive as 7z wrote it has none.
   */
  @Test
  void bytesNoHeaderPointsAt_areUnreferenced() throws IOException {
    Path honest = SevenZCodersTest.fixture("lzma2.7z");
    byte[] a = Files.readAllBytes(honest);
    Limits limits = Limits.defaults();
    assertEquals(List.of(), new ArchiveIndexer(limits).index(honest).findings());

    byte[] appended = Arrays.copyOf(a, a.length + 22);
    appended[a.length] = 'P';
    appended[a.length + 1] = 'K';
    appended[a.length + 2] = 5;
    appended[a.length + 3] = 6;
    Path after = SevenZBytes.write(dir, "after.7z", appended);
    assertEquals(
        List.of("unreferenced-bytes: 22 bytes after the end of the 7z header"),
        unreferenced(after));

    // 100 bytes before the header, its offset moved past them and the start header's CRC made
    // again.
    java.nio.ByteBuffer start = java.nio.ByteBuffer.wrap(a).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int headerAt = (int) (32 + start.getLong(12));
    byte[] gap = new byte[a.length + 100];
    System.arraycopy(a, 0, gap, 0, headerAt);
    System.arraycopy(a, headerAt, gap, headerAt + 100, a.length - headerAt);
    java.nio.ByteBuffer g = java.nio.ByteBuffer.wrap(gap).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    g.putLong(12, start.getLong(12) + 100);
    g.putInt(8, SevenZBytes.crc(gap, 12, 20));
    Path between = SevenZBytes.write(dir, "between.7z", gap);
    assertEquals(
        List.of("unreferenced-bytes: 100 bytes between its packed streams and its header"),
        unreferenced(between));
    // The entries are read all the same, the same as the honest archive's.
    assertEquals(
        new ArchiveIndexer(limits).index(honest).items().keySet(),
        new ArchiveIndexer(limits).index(between).items().keySet());
  }

  /** The archive's findings, kind and message up to its first ' are'. */
  private static List<String> unreferenced(Path p) throws IOException {
    return new ArchiveIndexer(Limits.defaults())
        .index(p).findings().stream()
            .map(f -> f.kind() + ": " + f.message().substring(0, f.message().indexOf(" are ")))
            .toList();
  }

  /**
   * An archive p7zip 16.02 made with {@code 7z a -mf=BCJ2} and tests as good, whose BCJ2 range
   * coder stream holds a byte of its final flush past what decoding needs: read, not damaged.
   */
  @Test
  @org.opentransparency.verifier.internal.SuppressForbidden(
      reason = "a test oracle, independent of the hash package")
  void bcj2WithAFlushByteLeft_isRead() throws IOException, java.security.NoSuchAlgorithmException {
    Path p = org.opentransparency.verifier.TestData.path("archives/kept/bcj2-rc-flush.7z");
    var idx = new ArchiveIndexer(Limits.defaults()).index(p);

    assertEquals(List.of(), idx.findings());
    StringBuilder seq = new StringBuilder();
    for (int i = 1; i <= 100_000; i++) {
      seq.append(i).append('\n');
    }
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    assertEquals(
        java.util.HexFormat.of()
            .formatHex(sha.digest(seq.toString().getBytes(StandardCharsets.US_ASCII))),
        idx.items().get("t3/c").sha256().hex());
    assertEquals(
        java.util.HexFormat.of().formatHex(sha.digest(HELLO)),
        idx.items().get("t3/a").sha256().hex());
  }

  /** After a CRC failure every read fails: the stream that failed never reads as one that ended. */
  @Test
  void aCrcFailure_isNotForgottenByTheNextRead() throws IOException {
    byte[] a = Files.readAllBytes(SevenZCodersTest.fixture("copy-plain-header.7z"));
    a[40] ^= 1;
    Path p = SevenZBytes.write(dir, "flip.7z", a);
    try (SevenZArchive z = SevenZArchive.open(p, "flip.7z", 1000, 1000)) {
      byte[] buf = new byte[1 << 16];
      for (SevenZEntry e : z.entries()) {
        InputStream in = z.read(e);
        try {
          while (in.read(buf) >= 0) {
            // to the end, and its CRC
          }
        } catch (IOException first) {
          assertTrue(first.getMessage().contains("does not match"), first.getMessage());
          assertThrows(IOException.class, () -> in.read(buf));
          for (SevenZEntry other : z.entries()) {
            assertThrows(IOException.class, () -> z.read(other), other.name());
          }
          return;
        }
      }
      fail("the flipped byte was read");
    }
  }

  @Test
  void absurdFileCount_isDamaged() throws IOException {
    Path p = archive("files.7z", header(COPY, HELLO.length, 1L << 40, name("a.txt")));

    IOException e = readFails(p);

    assertTrue(e.getMessage().startsWith("1099511627776 files in a header of "), e.getMessage());
  }

  @Test
  void moreFilesThanTheEntryLimit_isTheLimit() throws IOException {
    byte[] files = bytes(0x0E, 1L, 0xC0, name("a\0b\0c"));
    Path p = archive("many.7z", header(COPY, HELLO.length, 3L, files));

    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> new ArchiveIndexer(Limits.defaults().toBuilder().maxEntries(2).build()).index(p));

    assertEquals("maxEntries", e.limit());
    assertTrue(
        e.getMessage()
            .endsWith(": more than 2 entries in one archive (raise it with" + " --max-entries)"),
        e.getMessage());
  }

  /**
   * Three files with data in one folder, with an entry limit of two: the limit, as for files
   * without data (SevenZHostileTest), not "damaged". The substreams, which count the files with
   * data, are read before the files and met the limit first.
   */
  @Test
  void moreSubstreamsThanTheEntryLimit_isTheLimit() throws IOException {
    Path p =
        archive(
            "many.7z",
            bytes(
                0x01,
                0x04,
                bytes(0x06, 0L, 1L, 0x09, (long) HELLO.length, 0x00),
                bytes(0x07, 0x0B, 1L, 0x00, COPY, 0x0C, (long) HELLO.length, 0x00),
                bytes(0x08, 0x0D, 3L, 0x09, 2L, 2L, 0x00),
                0x00,
                0x05,
                3L,
                name("a\0b\0c"),
                0x00,
                0x00));
    Limits two = Limits.defaults().toBuilder().maxEntries(2).build();
    Limits three = Limits.defaults().toBuilder().maxEntries(3).build();

    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> new ArchiveIndexer(two).index(p));

    assertEquals("maxEntries", e.limit());
    assertTrue(
        e.getMessage()
            .endsWith(": more than 2 entries in one archive (raise it with --max-entries)"),
        e.getMessage());
    assertEquals(3, new ArchiveIndexer(three).index(p).items().size());
  }

  @Test
  void absurdFolderCount_isDamaged() throws IOException {
    byte[] h =
        bytes(
            0x01,
            0x04,
            bytes(0x06, 0L, 1L, 0x09, 6L, 0x00),
            bytes(0x07, 0x0B, 1_000_000L, 0x00, COPY),
            0x00,
            0x00);
    IOException e = readFails(archive("folders.7z", h));

    assertEquals("the header declares a number of folders of 1000000", e.getMessage());
  }

  @Test
  void absurdUnpackSize_isTheRatioLimit() throws IOException {
    Path p = archive("size.7z", header(COPY, 1L << 50, 1L, name("a.txt")));

    LimitExceededException e = assertThrows(LimitExceededException.class, () -> readAll(p));

    assertEquals("maxCompressionRatio", e.limit());
  }

  @Test
  void absurdPpmdModel_isALimit() throws IOException {
    // PPMd, order 6, a model of 0xFFFFFF00 bytes (7-Zip's own limit is 4 GiB - 36).
    byte[] ppmd = bytes(1L, 0x23, 0x03, 0x04, 0x01, 5L, 6, 0x00, 0xFF, 0xFF, 0xFF);
    Path p = archive("ppmd.7z", header(ppmd, HELLO.length, 1L, name("a.txt")));

    LimitExceededException e = assertThrows(LimitExceededException.class, () -> readAll(p));

    assertEquals(
        "ppmd.7z: its 7z PPMd coder needs a model of 4095 MiB, more than the 2047 MiB this"
            + " reader allows",
        e.getMessage());
  }

  @Test
  void ppmdModelLargerThanTheHeap_isALimit() throws IOException {
    // 2 GiB - 256 bytes: within what a Java array holds, far beyond the suite's 256 MiB heap.
    byte[] ppmd = bytes(1L, 0x23, 0x03, 0x04, 0x01, 5L, 6, 0x00, 0xFF, 0xFF, 0x7F);
    Path p = archive("ppmd-heap.7z", header(ppmd, HELLO.length, 1L, name("a.txt")));

    LimitExceededException e = assertThrows(LimitExceededException.class, () -> readAll(p));

    assertEquals(
        "ppmd-heap.7z: its 7z PPMd coder needs more memory than the Java heap has free (raise"
            + " -Xmx)",
        e.getMessage());
  }

  @Test
  void ppmdWithOrderOne_isDamaged() throws IOException {
    byte[] ppmd = bytes(1L, 0x23, 0x03, 0x04, 0x01, 5L, 1, 0x00, 0x00, 0x10, 0x00);
    IOException e = readFails(archive("order.7z", header(ppmd, HELLO.length, 1L, name("a.txt"))));

    assertEquals("PPMd properties are not valid: order 1, memory 1048576", e.getMessage());
  }

  /**
   * A 7z of one MiB whose encoded header (Deflate) declares and holds 1 GiB of zeros: the header is
   * decoded whole into memory, and was an OutOfMemoryError in the suite's 256 MiB heap. It is held
   * to the ratio limit before it is decoded, and a header within the limit that the heap cannot
   * hold is the memory limit, as a PPMd model is.
   */
  @Test
  void encodedHeaderBomb_isALimitNotAnOutOfMemoryError() throws IOException {
    long size = (1L << 30) - 64;
    java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
    java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
    try (java.util.zip.DeflaterOutputStream out =
        new java.util.zip.DeflaterOutputStream(packed, d, 1 << 16)) {
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    }
    d.end();
    byte[] deflate = bytes(1L, 0x03, 0x04, 0x01, 0x08);
    byte[] h =
        bytes(
            0x17,
            bytes(0x06, 0L, 1L, 0x09, (long) packed.size(), 0x00),
            bytes(0x07, 0x0B, 1L, 0x00, deflate, 0x0C, size, 0x00),
            0x00);
    Path p = SevenZBytes.write(dir, "header-bomb.7z", SevenZBytes.archive(packed.toByteArray(), h));

    LimitExceededException ratio =
        assertThrows(LimitExceededException.class, () -> SevenZArchive.open(p, "h.7z", 1000, 1000));
    LimitExceededException memory =
        assertThrows(
            LimitExceededException.class, () -> SevenZArchive.open(p, "h.7z", 1000, 1_000_000));

    assertEquals("maxCompressionRatio", ratio.limit());
    assertTrue(ratio.getMessage().startsWith("h.7z: its header expands"), ratio.getMessage());
    assertEquals("memory", memory.limit());
  }

  /**
   * An anti item (7-Zip's mark, in an update archive, that a file is to be deleted) has no data and
   * no kind of its own: read as an empty file, it made an archive that 7-Zip extracts to nothing
   * compare equivalent, with one content digest, to an archive of an empty file.
   */
  @Test
  void antiItem_isAFinding() throws IOException {
    byte[] empty = bytes(0x0E, 1L, 0x80, 0x0F, 1L, 0x80);
    byte[] anti = bytes(0x0E, 1L, 0x80, 0x0F, 1L, 0x80, 0x10, 1L, 0x80);
    byte[] plain = bytes(0x01, 0x05, 1L, empty, name("foo"), 0x00, 0x00);
    byte[] deleting = bytes(0x01, 0x05, 1L, anti, name("foo"), 0x00, 0x00);
    Path a = SevenZBytes.write(dir, "empty.7z", SevenZBytes.archive(new byte[0], plain));
    Path b = SevenZBytes.write(dir, "anti.7z", SevenZBytes.archive(new byte[0], deleting));

    try (SevenZArchive z = SevenZArchive.open(b, "anti.7z", 1000, 1000)) {
      assertTrue(z.entries().get(0).isAnti());
    }
    assertEquals(List.of(), new ArchiveIndexer(Limits.defaults()).index(a).findings());
    List<org.opentransparency.verifier.archive.Finding> findings =
        new ArchiveIndexer(Limits.defaults()).index(b).findings();
    assertEquals(1, findings.size(), findings.toString());
    assertEquals("anti-item", findings.get(0).kind());
    assertEquals("foo", findings.get(0).path());
    assertThrows(
        InvalidInputException.class,
        () -> org.opentransparency.verifier.hash.ContentDigest.of(b, Limits.defaults()));
  }

  /**
   * 7-Zip keeps a Unix mode in the high 16 bits of the attributes (with 0x8000 set) and extracts an
   * entry whose mode says S_IFLNK as a symbolic link to its data, as `7z a -snl` stores one. Read
   * as a file, a link to {@code hello\n} compared equivalent (exit 0 in content mode) to a file
   * holding {@code hello\n}, the attributes a mere metadata difference.
   */
  @Test
  void unixSymlinkAttributes_makeASymlink() throws IOException {
    org.opentransparency.verifier.archive.ArchiveIndex.Item item =
        oneFileWithAttributes(0xA1FF8020, 0x81A48020);

    assertEquals(org.opentransparency.verifier.archive.EntryType.SYMLINK, item.entry().type());
    assertEquals("hello\n", item.entry().linkTarget());
  }

  /**
   * An entry with the Windows reparse-point attribute (0x400, as 7-Zip on Windows stores a link
   * with -snl) holds reparse data, which 7-Zip on Linux extracts as a symbolic link. Read as a
   * file, it compared equivalent to a file of the same bytes; it is an entry of another kind.
   */
  @Test
  void reparsePointAttribute_isNotAFile() throws IOException {
    org.opentransparency.verifier.archive.ArchiveIndex.Item item =
        oneFileWithAttributes(0x420, 0x20);

    assertEquals(org.opentransparency.verifier.archive.EntryType.OTHER, item.entry().type());
  }

  /**
   * The entry of a 7z of one file {@code link} holding {@code hello\n} with the attributes {@code
   * special}, which compares different to the same archive with the attributes {@code plain}.
   */
  private org.opentransparency.verifier.archive.ArchiveIndex.Item oneFileWithAttributes(
      int special, int plain) throws IOException {
    java.util.function.IntFunction<byte[]> withAttributes =
        a ->
            header(
                COPY,
                HELLO.length,
                1L,
                bytes(
                    name("link"),
                    0x15,
                    6L,
                    0x01,
                    0x00,
                    a & 0xff,
                    a >>> 8 & 0xff,
                    a >>> 16 & 0xff,
                    a >>> 24 & 0xff));
    Path left = archive("special.7z", withAttributes.apply(special));
    Path right = archive("plain.7z", withAttributes.apply(plain));

    org.opentransparency.verifier.compare.ComparisonResult r =
        org.opentransparency.verifier.compare.ArchiveComparator.compare(
            left, right, org.opentransparency.verifier.compare.CompareOptions.builder().build());

    assertEquals(org.opentransparency.verifier.compare.CompareVerdict.DIFFERENT, r.verdict());
    return new ArchiveIndexer(Limits.defaults()).index(left).items().get("link");
  }

  /**
   * A directory {@code d} is indexed as {@code d/}, as is a file named {@code d/}: two copies of
   * one name (a duplicate-name finding). The second look at the file counted copies by the names as
   * stored and did not find the second: "archive too damaged to read", exit 2, where the comparison
   * is simply different.
   */
  @Test
  void aDirectoryAndAFileOfOneIndexedName_areTwoCopies() throws IOException {
    java.util.function.Function<String, byte[]> header =
        text ->
            bytes(
                0x01,
                0x04,
                bytes(0x06, 0L, 1L, 0x09, (long) text.length(), 0x00),
                bytes(0x07, 0x0B, 1L, 0x00, COPY, 0x0C, (long) text.length(), 0x00),
                0x00,
                0x05,
                2L,
                bytes(0x0E, 1L, 0x80),
                name("d\0d/"),
                0x00,
                0x00);
    java.util.function.Function<String, byte[]> archive =
        text -> SevenZBytes.archive(text.getBytes(StandardCharsets.US_ASCII), header.apply(text));
    Path left = SevenZBytes.write(dir, "l.7z", archive.apply("left\n"));
    Path right = SevenZBytes.write(dir, "r.7z", archive.apply("right\n"));

    org.opentransparency.verifier.compare.ComparisonResult r =
        org.opentransparency.verifier.compare.ArchiveComparator.compare(
            left, right, org.opentransparency.verifier.compare.CompareOptions.builder().build());

    assertEquals(org.opentransparency.verifier.compare.CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(
        List.of("-left", "+right"),
        r.entries().get(0).diff().stream().filter(l -> l.matches("[-+][a-z]+")).toList());
  }

  @Test
  void bcj2WithThreeInputs_isDamaged() throws IOException {
    // BCJ2 (3 inputs, 1 output) fed by a Copy coder and two packed streams.
    byte[] folder =
        bytes(
            2L,
            0x14,
            0x03,
            0x03,
            0x01,
            0x1B,
            3L,
            1L,
            0x01,
            0x00,
            // bond: input 0 <- coder 1; packed streams: inputs 1, 2, 3
            0L,
            1L,
            1L,
            2L,
            3L);
    byte[] h =
        bytes(
            0x01,
            0x04,
            bytes(0x06, 0L, 3L, 0x09, 2L, 2L, 2L, 0x00),
            bytes(0x07, 0x0B, 1L, 0x00, folder, 0x0C, 6L, 6L, 0x00),
            0x00,
            0x05,
            1L,
            name("a.txt"),
            0x00,
            0x00);
    IOException e = readFails(archive("bcj2.7z", h));

    assertEquals("a BCJ2 coder with 3 input streams (it takes 4)", e.getMessage());
  }

  @Test
  void substreamsLargerThanTheirFolder_areDamaged() throws IOException {
    byte[] h =
        bytes(
            0x01,
            0x04,
            bytes(0x06, 0L, 1L, 0x09, 6L, 0x00),
            bytes(0x07, 0x0B, 1L, 0x00, COPY, 0x0C, 6L, 0x00),
            bytes(0x08, 0x0D, 2L, 0x09, 7L, 0x00),
            0x00,
            0x05,
            2L,
            name("a\0b"),
            0x00,
            0x00);
    IOException e = readFails(archive("sub.7z", h));

    assertEquals("the substreams of folder 0 are larger than the folder", e.getMessage());
  }

  @Test
  void namesOfAnOddLength_areDamaged() throws IOException {
    byte[] names = bytes(0x11, 4L, 0, 0x61, 0, 0);
    IOException e = readFails(archive("names.7z", header(COPY, HELLO.length, 1L, names)));

    assertEquals("file names of an odd number of bytes", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ppmd-plain-header.7z", "bcj2-plain-header.7z", "ppmd.7z"})
  void everyTruncation_isDamaged(String name) throws IOException {
    byte[] whole = Files.readAllBytes(SevenZCodersTest.fixture(name));
    for (int len = 0; len < whole.length; len += Math.max(1, whole.length / 200)) {
      Path p = SevenZBytes.write(dir, "cut.7z", Arrays.copyOf(whole, len));
      readFails(p);
    }
  }

  @Test
  void aFlippedByteOfStoredData_isACrcMismatch() throws IOException {
    byte[] a = Files.readAllBytes(SevenZCodersTest.fixture("copy-plain-header.7z"));
    a[40] ^= 1;

    IOException e = readFails(SevenZBytes.write(dir, "flip.7z", a));

    assertTrue(e.getMessage().matches("the CRC-32 of .* does not match its data"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ppmd-plain-header.7z", "bcj2-plain-header.7z", "deflate.7z"})
  void aFlippedByteOfCompressedData_failsTheRead(String name) throws IOException {
    byte[] whole = Files.readAllBytes(SevenZCodersTest.fixture(name));
    Random r = new Random(7);
    for (int i = 0; i < 20; i++) {
      byte[] a = whole.clone();
      a[32 + r.nextInt(4000)] ^= (byte) (1 + r.nextInt(255));
      readFails(SevenZBytes.write(dir, "flip.7z", a));
    }
  }

  @Test
  void aFlippedHeaderByte_isAHeaderCrcMismatch() throws IOException {
    byte[] a = Files.readAllBytes(SevenZCodersTest.fixture("ppmd-plain-header.7z"));
    a[a.length - 10] ^= 1;

    IOException e = readFails(SevenZBytes.write(dir, "header.7z", a));

    assertEquals("the CRC of the header does not match", e.getMessage());
  }

  /**
   * Headers mutated at random with their CRCs fixed up, so that the parser and the decoders see
   * them: whatever they say, reading ends in an IOException or in data that passed its CRCs.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ppmd-plain-header.7z",
        "bcj2-plain-header.7z",
        "copy-plain-header.7z",
        "ppmd.7z",
        "bcj2.7z",
        "multi-folder.7z"
      })
  void mutatedHeaders_failCleanly(String name) throws IOException {
    byte[] whole = Files.readAllBytes(SevenZCodersTest.fixture(name));
    long headerOffset =
        32
            + java.nio.ByteBuffer.wrap(whole, 12, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
    Random r = new Random(name.hashCode());
    for (int i = 0; i < 150; i++) {
      byte[] a = whole.clone();
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        int at = (int) (headerOffset + r.nextInt((int) (whole.length - headerOffset)));
        a[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : a[at] ^ (1 << r.nextInt(8)));
      }
      Path p = SevenZBytes.write(dir, "mutant.7z", SevenZBytes.fixCrcs(a));
      try {
        readAll(p);
      } catch (IOException e) {
        // The documented outcome.
      } catch (RuntimeException e) {
        throw new AssertionError(name + " mutant " + i + ": a runtime exception escaped", e);
      }
    }
  }

  @Test
  void theIndex_saysDamagedForDamagedInput() throws IOException {
    byte[] a = Files.readAllBytes(SevenZCodersTest.fixture("ppmd-plain-header.7z"));
    a[100] ^= 0x55;
    Path p = SevenZBytes.write(dir, "crc.7z", a);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> new ArchiveIndexer(Limits.defaults()).index(p));

    assertTrue(e.getMessage().startsWith(p + ": archive too damaged to read: "), e.getMessage());
  }
}
