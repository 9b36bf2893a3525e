package org.opentransparency.verifier.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;

/**
 * Our reader of central directory records, on records written here byte by byte: honest ones, and
 * ones cut short, with absurd lengths, or with zip64 fields that do not hold what their marks say.
 */
class CentralDirectoryTest {
  @TempDir Path dir;

  private final java.util.List<FileChannel> open = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void close() throws IOException {
    for (FileChannel ch : open) {
      ch.close();
    }
  }

  private static final long MARK = 0xffffffffL;

  /** A central directory record; what is not given is zero. */
  private static final class Record {
    int versionMadeBy = 0x0314;
    int flags;
    int method = 8;
    long dosTime = 0x5a210000L;
    long crc = 0x12345678L;
    long compressedSize = 10;
    long size = 20;
    int disk;
    long external = 0x81a40000L;
    long offset;
    byte[] name = "a.txt".getBytes(UTF_8);
    byte[] extra = new byte[0];
    byte[] comment = new byte[0];

    /** Overrides the name length written (the bytes that follow stay as they are). */
    int nameLength = -1;

    byte[] bytes() {
      ByteBuffer b =
          ByteBuffer.allocate(46 + name.length + extra.length + comment.length)
              .order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(CentralDirectory.SIGNATURE);
      b.putShort((short) versionMadeBy).putShort((short) 20).putShort((short) flags);
      b.putShort((short) method).putInt((int) dosTime).putInt((int) crc);
      b.putInt((int) compressedSize).putInt((int) size);
      b.putShort((short) (nameLength >= 0 ? nameLength : name.length));
      b.putShort((short) extra.length).putShort((short) comment.length);
      b.putShort((short) disk).putShort((short) 0).putInt((int) external).putInt((int) offset);
      b.put(name).put(extra).put(comment);
      return b.array();
    }
  }

  private static byte[] zip64(long... values) {
    ByteBuffer b = ByteBuffer.allocate(4 + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 1).putShort((short) (8 * values.length));
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  /** Reads the records in {@code bytes}, which begin at {@code directory} of a file of them. */
  private CentralDirectory read(byte[] bytes, long directory) throws IOException {
    return read(bytes, directory, 0);
  }

  /** The same in a zip with {@code prefix} bytes before it. */
  private CentralDirectory read(byte[] bytes, long directory, long prefix) throws IOException {
    Path f = dir.resolve("cd-" + System.nanoTime());
    Files.write(f, bytes);
    FileChannel ch = FileChannel.open(f);
    open.add(ch);
    return new CentralDirectory(new BufferedReadChannel(ch), directory, prefix);
  }

  private CentralDirectory read(byte[] bytes) throws IOException {
    return read(bytes, 0);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void anHonestRecord_givesItsFields_andTheNextIsNoRecord() throws Exception {
    Record r = new Record();
    r.comment = "note \u00e9".getBytes(UTF_8);
    r.extra = new byte[] {(byte) 0xfe, (byte) 0xca, 0, 0};
    CentralDirectory e = read(concat(r.bytes(), new byte[] {'P', 'K', 5, 6}));
    assertTrue(e.next());
    assertEquals(0, e.index());
    assertEquals("a.txt", e.name);
    assertArrayEquals("a.txt".getBytes(UTF_8), e.rawName);
    assertEquals(8, e.method);
    assertEquals(10, e.compressedSize);
    assertEquals(20, e.size);
    assertEquals(0x12345678L, e.crc);
    assertEquals(0x5a210000L, e.dosTime);
    assertEquals(0x0314, e.versionMadeBy);
    assertEquals(CentralDirectory.PLATFORM_UNIX, e.platform());
    assertEquals(0100644, e.unixMode());
    assertEquals("note \u00e9", e.comment);
    assertArrayEquals(r.extra, e.extra);
    assertFalse(e.next());
    assertEquals(r.bytes().length, e.position());
  }

  @Test
  void aDosName_hasItsBackslashesReadAsSeparators_unlessItHasASlash() throws Exception {
    Record dos = new Record();
    dos.versionMadeBy = 20;
    dos.name = "dir\\a.txt".getBytes(UTF_8);
    Record mixed = new Record();
    mixed.versionMadeBy = 20;
    mixed.name = "d/x\\y".getBytes(UTF_8);
    Record unix = new Record();
    unix.name = "dir\\a.txt".getBytes(UTF_8);
    CentralDirectory e = read(concat(dos.bytes(), mixed.bytes(), unix.bytes()));
    assertTrue(e.next());
    assertEquals("dir/a.txt", e.name);
    assertTrue(e.next());
    assertEquals("d/x\\y", e.name);
    assertTrue(e.next());
    assertEquals("dir\\a.txt", e.name);
  }

  @Test
  void aNameThatIsNotUtf8_hasEachBadSequenceReadAsAQuestionMark() throws Exception {
    Record r = new Record();
    r.name =
        new byte[] {'G', 'r', 'e', 'e', 't', (byte) 0xff, (byte) 0xfe, '.', 'j', 'a', 'v', 'a'};
    r.comment = new byte[] {'n', (byte) 0xc3};
    CentralDirectory e = read(r.bytes());
    assertTrue(e.next());
    assertEquals("Greet??.java", e.name);
    assertEquals("n?", e.comment);
    assertArrayEquals(r.name, e.rawName);
  }

  @Test
  void asciiAndUtf8Names_readAlike_whateverTheWayTheyAreDecoded() throws Exception {
    // ASCII names take a shorter way than the decoder: each kind read, one after the other.
    Record ascii = new Record();
    ascii.name = "META-INF/MANIFEST.MF".getBytes(UTF_8);
    Record utf8 = new Record();
    utf8.name = "d\u00e9j\u00e0/\u65e5\u672c.txt".getBytes(UTF_8);
    utf8.comment = "\u00fcber".getBytes(UTF_8);
    CentralDirectory e = read(concat(ascii.bytes(), utf8.bytes(), ascii.bytes()));
    assertTrue(e.next());
    assertEquals("META-INF/MANIFEST.MF", e.name);
    assertTrue(e.next());
    assertEquals("d\u00e9j\u00e0/\u65e5\u672c.txt", e.name);
    assertEquals("\u00fcber", e.comment);
    assertTrue(e.next());
    assertEquals("META-INF/MANIFEST.MF", e.name);
    assertEquals("", e.comment);
  }

  @Test
  void inAZipWithBytesBeforeIt_offsetsCountFromTheZip_andAZip64OffsetIsRefused() throws Exception {
    Record r = new Record();
    r.offset = 10;
    byte[] padding = new byte[200];
    CentralDirectory e = read(concat(padding, r.bytes()), 200, 100);
    assertTrue(e.next());
    assertEquals(110, e.localHeaderOffset);
    Record far = new Record();
    far.offset = 150;
    e = read(concat(padding, far.bytes()), 200, 100);
    assertThrows(ZipException.class, e::next, "the local header would lie after the directory");
    Record marked = new Record();
    marked.offset = MARK;
    marked.extra = zip64(10);
    marked.size = MARK;
    e = read(concat(padding, marked.bytes()), 200, 100);
    ZipException x = assertThrows(ZipException.class, e::next);
    assertTrue(x.getMessage().contains("bytes before it"), x.getMessage());
  }

  @Test
  void theChecksumOfTheRecordsRead_tellsAChangedDirectoryFromTheSame() throws Exception {
    Record r = new Record();
    Record other = new Record();
    other.name = "b.txt".getBytes(UTF_8);
    long[] sums = new long[3];
    byte[] end = {'P', 'K', 5, 6};
    byte[][] directories = {
      concat(r.bytes(), other.bytes(), end),
      concat(r.bytes(), other.bytes(), end),
      concat(r.bytes(), r.bytes(), end)
    };
    for (int i = 0; i < 3; i++) {
      CentralDirectory e = read(directories[i]);
      while (e.next()) {
        // every record
      }
      sums[i] = e.readChecksum();
    }
    assertEquals(sums[0], sums[1]);
    assertTrue(sums[0] != sums[2]);
  }

  @Test
  void aRecordCutShort_isDamage() throws Exception {
    byte[] whole = new Record().bytes();
    for (int cut : new int[] {2, 30, 45, 46, whole.length - 1}) {
      CentralDirectory e = read(java.util.Arrays.copyOf(whole, cut));
      assertThrows(EOFException.class, e::next, "cut at " + cut);
    }
  }

  @Test
  void absurdLengths_readNoFurtherThanTheFile() throws Exception {
    Record r = new Record();
    r.nameLength = 65535;
    CentralDirectory e = read(r.bytes());
    assertThrows(EOFException.class, e::next);
  }

  @Test
  void zip64Sizes_comeFromTheFieldWhereMarked() throws Exception {
    Record r = new Record();
    r.size = MARK;
    r.compressedSize = MARK;
    r.extra = zip64(5_000_000_000L, 4_000_000_000L);
    CentralDirectory e = read(r.bytes());
    assertTrue(e.next());
    assertEquals(5_000_000_000L, e.size);
    assertEquals(4_000_000_000L, e.compressedSize);
    assertEquals(0, e.localHeaderOffset);

    // Only the compressed size marked: the field's first value is it.
    Record c = new Record();
    c.compressedSize = MARK;
    c.extra = zip64(7);
    e = read(c.bytes());
    assertTrue(e.next());
    assertEquals(7, e.compressedSize);
    assertEquals(20, e.size);
  }

  @Test
  void aZip64FieldTooShortForItsMarks_isDamage() throws Exception {
    Record r = new Record();
    r.size = MARK;
    r.compressedSize = MARK;
    r.offset = MARK;
    r.extra = zip64(1, 2);
    CentralDirectory e = read(r.bytes());
    ZipException x = assertThrows(ZipException.class, e::next);
    assertTrue(x.getMessage().contains("holds 16 bytes where the marks in the record need 24"));
  }

  @Test
  void aNegativeZip64Size_isDamage() throws Exception {
    Record r = new Record();
    r.size = MARK;
    r.extra = zip64(-1);
    assertThrows(ZipException.class, read(r.bytes())::next);
  }

  @Test
  void aZip64FieldRunningPastTheExtraData_isNoField() throws Exception {
    Record r = new Record();
    r.size = MARK;
    byte[] field = zip64(99);
    field[2] = 12; // claims 12 bytes where 8 follow
    r.extra = field;
    CentralDirectory e = read(r.bytes());
    assertTrue(e.next());
    assertEquals(MARK, e.size, "the mark stays: no zip64 field to resolve it");
    assertEquals(-1, CentralDirectory.field(field, CentralDirectory.ZIP64));
  }

  @Test
  void aLocalHeaderSaidToLieAfterTheDirectory_isDamage() throws Exception {
    Record r = new Record();
    r.offset = 1000;
    CentralDirectory e = read(r.bytes(), 0);
    assertThrows(ZipException.class, e::next);
  }

  @Test
  void extraFields_areFoundAsReadersWalkThem() {
    byte[] extra = {0x55, 0x54, 1, 0, 7, 1, 0, 0, 0, (byte) 0x99};
    assertEquals(0, CentralDirectory.field(extra, 0x5455));
    assertEquals(5, CentralDirectory.field(extra, 0x0001));
    assertEquals(-1, CentralDirectory.field(extra, 0x7875));
    assertEquals(-1, CentralDirectory.field(new byte[] {1, 0, 0}, 0x0001), "a cut header");
  }

  /** An end record that counts more entries than the directory holds: ours reads what is there. */
  @Test
  void anEndRecordCountingTooMany_isReadForTheRecordsThatAreThere() throws Exception {
    Path p = dir.resolve("count.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      for (String n : new String[] {"a.txt", "b.txt"}) {
        out.putNextEntry(new java.util.zip.ZipEntry(n));
        out.write(n.getBytes(UTF_8));
        out.closeEntry();
      }
    }
    byte[] b = Files.readAllBytes(p);
    int end = b.length - 22;
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(end + 8, (short) 65535);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(end + 10, (short) 65535);
    Files.write(p, b);
    ArchiveIndex idx = new ArchiveIndexer(Limits.defaults()).index(p);
    assertEquals(java.util.Set.of("a.txt", "b.txt"), idx.items().keySet());
  }

  /** More records than --max-entries allows: refused while the directory is read. */
  @Test
  void moreRecordsThanAllowed_areRefused() throws Exception {
    Path p = dir.resolve("many.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      for (int i = 0; i < 5; i++) {
        out.putNextEntry(new java.util.zip.ZipEntry("f" + i));
        out.closeEntry();
      }
    }
    ArchiveIndexer indexer =
        new ArchiveIndexer(Limits.defaults().toBuilder().maxEntries(3).build());
    LimitExceededException x = assertThrows(LimitExceededException.class, () -> indexer.index(p));
    assertTrue(x.getMessage().contains("more than 3 entries in one archive"), x.getMessage());
  }

  /**
   * Extra data is shown as Commons Compress wrote it back, as before: an extended timestamp with
   * flags for times it does not hold, and a central Unix field, written the short way; the time is
   * the field's.
   */
  @Test
  void timestampAndUnixFields_areShownAsBefore() throws Exception {
    byte[] ut = {0x55, 0x54, 5, 0, 3, 0x00, (byte) 0xf1, 0x53, 0x65};
    byte[] ux = {0x75, 0x78, 3, 0, 1, 0, 0};
    byte[] other = {0x34, 0x12, 1, 0, 9, 0x01};
    byte[] shown = ZipIndex.asWrittenBack(concat(ut, ux, other));
    assertEquals(
        "5554050001" + "00f15365" + "75780000" + "3412010009" + "01",
        java.util.HexFormat.of().formatHex(shown));
    byte[] plain = {(byte) 0xfe, (byte) 0xca, 0, 0};
    assertTrue(plain == ZipIndex.asWrittenBack(plain), "no copy where nothing is written back");

    Record r = new Record();
    r.extra = ut;
    CentralDirectory e = read(r.bytes());
    assertTrue(e.next());
    assertEquals("2023-11-14T22:13:20Z", new ZipIndex.DosTimes().mtime(e));
  }
}
