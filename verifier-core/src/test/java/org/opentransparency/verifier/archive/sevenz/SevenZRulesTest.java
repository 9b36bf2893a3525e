package org.opentransparency.verifier.archive.sevenz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.archive.sevenz.SevenZBytes.bytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentransparency.verifier.LimitExceededException;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;

/**
 * Every refusal of the 7z reader, each beside its valid neighbour: the attack is refused with the
 * exact exception kind (damage is a plain {@link IOException}, a limit a {@link
 * LimitExceededException}, what is valid but not read a {@link SevenZUnsupportedException}) and
 * message, and the archive one step away from it is read. Archives are written byte by byte (see
 * {@link SevenZBytes}) around the packed bytes {@code hello\n}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SevenZRulesTest {
  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  // --- the pieces of a header

  /** One Copy coder: one coder, flags "simple, 1-byte id", id 0. */
  private static final byte[] COPY = bytes(1L, 0x01, 0x00);

  /** Two Copy coders, the first (the folder's output) reading the second: input 0 <- coder 1. */
  private static final byte[] CHAIN = bytes(2L, 0x01, 0x00, 0x01, 0x00, 0L, 1L);

  /** A 7z number of 9 bytes: 0xFF, then the value's 8 bytes (above 2^63, a negative long). */
  private static byte[] u64(long v) {
    ByteBuffer b = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    return b.put((byte) 0xFF).putLong(v).array();
  }

  private static byte[] le32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  private static byte[] name(String n) {
    byte[] utf16 = (n + "\0").getBytes(StandardCharsets.UTF_16LE);
    return bytes(0x11, (long) utf16.length + 1, 0, utf16);
  }

  /** Pack info: packed streams of {@code sizes} from {@code packPos}. */
  private static byte[] pack(long packPos, long... sizes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(0x06, packPos, (long) sizes.length, 0x09));
    for (long s : sizes) {
      out.writeBytes(SevenZBytes.number(s));
    }
    out.write(0x00);
    return out.toByteArray();
  }

  /** Unpack info: one folder of the given coders, their output sizes. */
  private static byte[] unpack(byte[] folder, long... sizes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(0x07, 0x0B, 1L, 0x00, folder, 0x0C));
    for (long s : sizes) {
      out.writeBytes(SevenZBytes.number(s));
    }
    out.write(0x00);
    return out.toByteArray();
  }

  private static final byte[] PACK = pack(0, HELLO.length);
  private static final byte[] UNPACK = unpack(COPY, HELLO.length);
  private static final byte[] FILES = bytes(0x05, 1L, name("a.txt"), 0x00);

  /** A plain header: main streams info of {@code streams} (then its end), files info. */
  private static byte[] header(byte[] streams, byte[] files) {
    return bytes(0x01, 0x04, streams, 0x00, files, 0x00);
  }

  /** The header of one file {@code a.txt} of {@code hello\n}, stored by one Copy coder. */
  private static final byte[] VALID = header(bytes(PACK, UNPACK), FILES);

  private Path write(String file, byte[] archive) throws IOException {
    return SevenZBytes.write(dir, file, archive);
  }

  private Path archive(String file, byte[] header) throws IOException {
    return write(file, SevenZBytes.archive(HELLO, header));
  }

  /** Opens and reads every entry to its end, as the index does. */
  private static void readAll(Path p) throws IOException {
    readAll(p, 1000);
  }

  private static void readAll(Path p, long maxRatio) throws IOException {
    try (SevenZArchive z = SevenZArchive.open(p, p.getFileName().toString(), 1000, maxRatio)) {
      for (SevenZEntry e : z.entries()) {
        try (InputStream in = z.read(e)) {
          in.transferTo(OutputStream.nullOutputStream());
        }
      }
    }
  }

  /** The read of {@code p} fails as damaged: a plain IOException, no limit, nothing unsupported. */
  private static IOException damaged(Path p) {
    IOException e = assertThrows(IOException.class, () -> readAll(p), p.getFileName() + " read");
    assertEquals(IOException.class, e.getClass(), e.toString());
    return e;
  }

  private void refusedAsDamaged(String expected, byte[] bad, byte[] good) throws IOException {
    IOException e = damaged(archive("bad.7z", bad));
    if (expected.endsWith("...")) {
      String start = expected.substring(0, expected.length() - 3);
      assertTrue(e.getMessage().startsWith(start), e.getMessage());
    } else {
      assertEquals(expected, e.getMessage());
    }
    readAll(archive("good.7z", good));
  }

  // --- header rules: each a damaged header beside the valid one next to it

  static Stream<Arguments> headerRules() {
    byte[] names2 = bytes(0x05, 2L, name("a\0b"), 0x00);
    byte[] chainUnpack = unpack(CHAIN, 6L, 6L);
    byte[] threeCopies = bytes(3L, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00);
    byte[] threeChain = bytes(threeCopies, 0L, 1L, 1L, 2L);
    byte[] complexCopy = bytes(1L, 0x11, 0x00, 1L, 1L);
    byte[] noInputs = bytes(0x11, 0x00, 0L, 1L);
    return Stream.of(
        Arguments.of(
            "streams info: an unknown property",
            "unexpected property 25 in streams info",
            bytes(0x01, 0x04, PACK, UNPACK, 0x19, FILES, 0x00),
            VALID),
        Arguments.of(
            "pack info: a packed stream of more than 2^63 bytes",
            "a packed stream of 18446744073709551615 bytes",
            header(bytes(0x06, 0L, 1L, 0x09, u64(-1), 0x00, UNPACK), FILES),
            VALID),
        Arguments.of(
            "pack info: a property longer than the header",
            "a property of 100 bytes, ...",
            header(bytes(0x06, 0L, 1L, 0x09, 6L, 0x19, 100L, 0x00, UNPACK), FILES),
            header(bytes(0x06, 0L, 1L, 0x09, 6L, 0x19, 1L, 0xAA, 0x00, UNPACK), FILES)),
        Arguments.of(
            "unpack info: no folder list",
            "unpack info without its folders",
            header(bytes(PACK, 0x07, 0x0C, 1L, 0x00, COPY, 0x0C, 6L, 0x00), FILES),
            VALID),
        Arguments.of(
            "unpack info: folders stored outside the header",
            "folders stored outside the header (not written by 7-Zip)",
            header(bytes(PACK, 0x07, 0x0B, 1L, 0x01, COPY, 0x0C, 6L, 0x00), FILES),
            VALID),
        Arguments.of(
            "unpack info: folders use more packed streams than there are",
            "folders use more packed streams than the 0 there are",
            header(bytes(0x06, 0L, 0L, 0x00, UNPACK), FILES),
            VALID),
        Arguments.of(
            "unpack info: no coder output sizes",
            "unpack info without its sizes",
            header(bytes(PACK, 0x07, 0x0B, 1L, 0x00, COPY, 0x0D, 6L, 0x00), FILES),
            VALID),
        Arguments.of(
            "unpack info: a coder output of more than 2^63 bytes",
            "a coder output of 18446744073709551615 bytes",
            header(bytes(PACK, 0x07, 0x0B, 1L, 0x00, COPY, 0x0C, u64(-1), 0x00), FILES),
            VALID),
        Arguments.of(
            "folder: more than 64 coders",
            "the header declares a number of coders in a folder of 65",
            header(bytes(PACK, unpack(bytes(65L, 0x01, 0x00), 6L)), FILES),
            VALID),
        Arguments.of(
            "folder: no coder",
            "a folder without coders",
            header(bytes(PACK, unpack(bytes(0L), 6L)), FILES),
            VALID),
        Arguments.of(
            "coder: alternative methods",
            "a coder with alternative methods (flags 81)",
            header(bytes(PACK, unpack(bytes(1L, 0x81, 0x00), 6L)), FILES),
            VALID),
        Arguments.of(
            "coder: a method id longer than 8 bytes",
            "a coder id of 9 bytes",
            header(bytes(PACK, unpack(bytes(1L, 0x09, new byte[9]), 6L)), FILES),
            VALID),
        Arguments.of(
            "coder: more than 64 input streams",
            "the header declares a number of coder input streams of 65",
            header(bytes(PACK, unpack(bytes(1L, 0x11, 0x00, 65L, 1L), 6L)), FILES),
            header(bytes(PACK, unpack(complexCopy, 6L)), FILES)),
        Arguments.of(
            "coder: two output streams",
            "a coder with 2 output streams",
            header(bytes(PACK, unpack(bytes(1L, 0x11, 0x00, 1L, 2L), 6L)), FILES),
            header(bytes(PACK, unpack(complexCopy, 6L)), FILES)),
        Arguments.of(
            "coder: properties longer than the header",
            "the header declares a coder's properties size of 1000",
            header(bytes(PACK, unpack(bytes(1L, 0x21, 0x00, 1000L, 0x00), 6L)), FILES),
            header(bytes(PACK, unpack(bytes(1L, 0x21, 0x00, 1L, 0x00), 6L)), FILES)),
        Arguments.of(
            "folder: more than 64 streams in all",
            "a folder of more than 64 streams",
            header(
                bytes(PACK, unpack(bytes(2L, 0x11, 0x00, 33L, 1L, 0x11, 0x00, 33L, 1L), 6L, 6L)),
                FILES),
            header(bytes(PACK, chainUnpack), FILES)),
        Arguments.of(
            "folder: fewer input streams than bonds",
            "a folder of 3 coders and 0 input streams",
            header(bytes(PACK, unpack(bytes(3L, noInputs, noInputs, noInputs), 6L, 6L, 6L)), FILES),
            header(bytes(PACK, unpack(threeChain, 6L, 6L, 6L)), FILES)),
        Arguments.of(
            "bond: an input stream that does not exist",
            "the header declares a bond's input stream of 5",
            header(bytes(PACK, unpack(bytes(2L, 0x01, 0x00, 0x01, 0x00, 5L, 1L), 6L, 6L)), FILES),
            header(bytes(PACK, chainUnpack), FILES)),
        Arguments.of(
            "bond: a coder that does not exist",
            "the header declares a bond's coder of 2",
            header(bytes(PACK, unpack(bytes(2L, 0x01, 0x00, 0x01, 0x00, 0L, 2L), 6L, 6L)), FILES),
            header(bytes(PACK, chainUnpack), FILES)),
        Arguments.of(
            "bond: one input bound twice",
            "a folder binds a stream twice",
            header(bytes(PACK, unpack(bytes(threeCopies, 0L, 1L, 0L, 2L), 6L, 6L, 6L)), FILES),
            header(bytes(PACK, unpack(threeChain, 6L, 6L, 6L)), FILES)),
        Arguments.of(
            "bond: one coder's output bound twice",
            "a folder binds a stream twice",
            header(bytes(PACK, unpack(bytes(threeCopies, 0L, 1L, 1L, 1L), 6L, 6L, 6L)), FILES),
            header(bytes(PACK, unpack(threeChain, 6L, 6L, 6L)), FILES)),
        Arguments.of(
            "folder: one input fed by two packed streams",
            "a folder binds a stream twice",
            header(bytes(pack(0, 3, 3), unpack(bytes(1L, 0x11, 0x00, 2L, 1L, 0L, 0L), 6L)), FILES),
            header(bytes(PACK, unpack(complexCopy, 6L)), FILES)),
        Arguments.of(
            "substreams: more than the header can size",
            "1000 substreams in a header of ...",
            header(bytes(PACK, UNPACK, 0x08, 0x0D, 1000L, 0x00), FILES),
            header(bytes(PACK, UNPACK, 0x08, 0x0D, 1L, 0x00), FILES)),
        Arguments.of(
            "substreams: no sizes for several in one folder",
            "substreams without their sizes",
            header(bytes(PACK, UNPACK, 0x08, 0x0D, 2L, 0x00), names2),
            header(bytes(PACK, UNPACK, 0x08, 0x0D, 2L, 0x09, 3L, 0x00), names2)),
        Arguments.of(
            "files: a property longer than the header",
            "a file property of 1000 bytes",
            header(bytes(PACK, UNPACK), bytes(0x05, 1L, name("a.txt"), 0x19, 1000L, 0x00)),
            header(bytes(PACK, UNPACK), bytes(0x05, 1L, name("a.txt"), 0x19, 1L, 0x00, 0x00))),
        Arguments.of(
            "files: more files with data than substreams",
            "2 files with data and 1 substreams",
            header(bytes(PACK, UNPACK), names2),
            VALID),
        Arguments.of(
            "names: more names than files",
            "more file names than the 1 files",
            header(bytes(PACK, UNPACK), bytes(0x05, 1L, name("a\0b"), 0x00)),
            VALID),
        Arguments.of(
            "names: fewer names than files",
            "1 file names for 2 files",
            header(bytes(PACK, UNPACK), bytes(0x05, 2L, bytes(0x0E, 1L, 0x40), name("a"), 0x00)),
            header(
                bytes(PACK, UNPACK), bytes(0x05, 2L, bytes(0x0E, 1L, 0x40), name("a\0b"), 0x00))),
        Arguments.of(
            "names: a last name without its NUL",
            "0 file names for 1 files",
            header(bytes(PACK, UNPACK), bytes(0x05, 1L, 0x11, 3L, 0x00, 0x61, 0x00, 0x00)),
            header(
                bytes(PACK, UNPACK),
                bytes(0x05, 1L, 0x11, 5L, 0x00, 0x61, 0x00, 0x00, 0x00, 0x00))),
        Arguments.of(
            "names: stored outside the header",
            "file properties stored outside the header (not written by 7-Zip)",
            header(bytes(PACK, UNPACK), bytes(0x05, 1L, 0x11, 5L, 0x01, 0x61, 0x00, 0x00, 0x00)),
            VALID),
        Arguments.of(
            "header: ends inside a number",
            "the header ends 1 bytes early",
            bytes(0x01, 0x04, 0x06),
            VALID),
        Arguments.of(
            "header: an unknown property after the files",
            "unexpected property 25 in the header",
            bytes(0x01, 0x04, PACK, UNPACK, 0x00, FILES, 0x19),
            VALID),
        Arguments.of(
            "header: not a header where the start header points",
            "no header where the signature header points (property 4)",
            bytes(0x04, PACK, UNPACK, 0x00, FILES, 0x00),
            VALID),
        Arguments.of(
            "pack info: packed streams start past the header",
            "packed streams start past the header",
            header(bytes(pack(7, 6), UNPACK), FILES),
            VALID),
        Arguments.of(
            "pack info: packed streams run past the header",
            "packed streams run past the header",
            header(bytes(pack(1, 6), UNPACK), FILES),
            VALID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headerRules")
  void headerRule_refusedAsDamaged_beside(String rule, String message, byte[] bad, byte[] good)
      throws IOException {
    refusedAsDamaged(message, bad, good);
  }

  /** A header in additional streams (which 7-Zip never writes) is not read: unsupported. */
  @Test
  void additionalStreams_areUnsupported() throws IOException {
    Path p = archive("extra.7z", bytes(0x01, 0x03, PACK, 0x00, 0x00));

    SevenZUnsupportedException e = assertThrows(SevenZUnsupportedException.class, () -> readAll(p));

    assertEquals("extra.7z: 7z headers in additional streams are not supported", e.getMessage());
    readAll(archive("good.7z", VALID));
  }

  // --- the signature header

  @Test
  void noSignature_isNotA7z() throws IOException {
    byte[] a = SevenZBytes.archive(HELLO, VALID);
    a[0] = '8';

    assertEquals("not a 7z archive (no 7z signature)", damaged(write("sig.7z", a)).getMessage());
    a[0] = '7';
    readAll(write("good.7z", a));
  }

  /** Major version 0 is 7z as 7-Zip writes it (minor 2 to 4); another major is not read. */
  @Test
  void anotherMajorFormatVersion_isUnsupported() throws IOException {
    byte[] a = SevenZBytes.archive(HELLO, VALID);
    a[6] = 1;
    a[7] = 0;

    SevenZUnsupportedException e =
        assertThrows(SevenZUnsupportedException.class, () -> readAll(write("v1.7z", a)));

    assertEquals("v1.7z: 7z format version 1.0 is not supported", e.getMessage());
    a[6] = 0;
    a[7] = 3;
    readAll(write("v03.7z", a));
  }

  @Test
  void signatureHeaderCrcMismatch_isDamaged() throws IOException {
    byte[] a = SevenZBytes.archive(HELLO, VALID);
    a[12] ^= 1; // the next header's offset, which the start header's CRC covers

    assertEquals(
        "the CRC of the signature header does not match", damaged(write("crc.7z", a)).getMessage());
    a[12] ^= 1;
    readAll(write("good.7z", a));
  }

  @Test
  void aFileShorterThanTheSignatureHeader_isTruncated() throws IOException {
    byte[] a = SevenZBytes.archive(HELLO, VALID);

    assertEquals(
        "the archive is truncated: it ends inside its signature header",
        damaged(write("short.7z", Arrays.copyOf(a, 20))).getMessage());
    readAll(write("good.7z", a));
  }

  /** A next header said to lie past the end of the file: refused before anything is read. */
  @Test
  void aHeaderPastTheEndOfTheFile_isTruncated() throws IOException {
    byte[] a = SevenZBytes.archive(HELLO, VALID);
    ByteBuffer b = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(20, VALID.length + 1L);
    b.putInt(8, SevenZBytes.crc(a, 12, 20));

    assertEquals(
        "the archive is truncated: its header of "
            + (VALID.length + 1)
            + " bytes at 38 is past its end ("
            + a.length
            + " bytes)",
        damaged(write("past.7z", a)).getMessage());

    b.putLong(20, VALID.length).putLong(12, -1L); // an offset of 2^64 - 1
    b.putInt(8, SevenZBytes.crc(a, 12, 20));
    assertTrue(
        damaged(write("negative.7z", a))
            .getMessage()
            .startsWith("the archive is truncated: its header of " + VALID.length + " bytes at "),
        "negative offset");

    readAll(archive("good.7z", VALID));
  }

  /**
   * A next header of more than 1 GiB (in a sparse file of that size) is refused before an array is
   * allocated for it; one of its size within the file otherwise is read (see the other tests).
   */
  @Test
  void aHeaderLargerThanOneGib_isRefusedUnread() throws IOException {
    long size = SevenZArchive.MAX_HEADER + 1;
    byte[] start = SevenZBytes.archive(new byte[0], new byte[0]);
    ByteBuffer b = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(12, 0).putLong(20, size).putInt(28, 0);
    b.putInt(8, SevenZBytes.crc(start, 12, 20));
    Path p = dir.resolve("huge-header.7z");
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(start);
      f.setLength(32 + size); // sparse: takes no space
    }

    assertEquals("a header of 1073741825 bytes (more than 1073741824)", damaged(p).getMessage());
  }

  // --- encoded headers

  /** An encoded header whose folder, one Copy coder, is the packed stream at {@code packPos}. */
  private static byte[] encoded(long packPos, long size, byte[] crc) {
    byte[] folderCrc = crc == null ? new byte[0] : bytes(0x0A, 0x01, crc);
    return bytes(
        0x17, pack(packPos, size), 0x07, 0x0B, 1L, 0x00, COPY, 0x0C, size, folderCrc, 0x00, 0x00);
  }

  /**
   * A 7z whose header is encoded {@code levels} times (each level a Copy of the next), the last a
   * plain header of {@code a.txt}: the packed bytes are hello, then each level's header.
   */
  private static byte[] nested(int levels) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    packed.writeBytes(HELLO);
    byte[] header = VALID;
    for (int i = 0; i < levels; i++) {
      long at = packed.size();
      packed.writeBytes(header);
      header = encoded(at, header.length, null);
    }
    return SevenZBytes.archive(packed.toByteArray(), header);
  }

  @Test
  void encodedHeaders_nestingMoreThanFourLevels_areDamaged() throws IOException {
    assertEquals(
        "encoded headers nest too deeply", damaged(write("deep.7z", nested(5))).getMessage());
    readAll(write("four.7z", nested(4)));
    readAll(write("one.7z", nested(1)));
  }

  @Test
  void anEncodedHeaderWithoutAFolder_isDamaged() throws IOException {
    Path p = archive("nofolder.7z", bytes(0x17, PACK, 0x00));

    assertEquals("an encoded header without a folder", damaged(p).getMessage());
    readAll(write("good.7z", nested(1)));
  }

  @Test
  void anEncodedHeaderOfMoreThanOneGib_isDamaged() throws IOException {
    Path p = archive("big.7z", encoded(0, (1L << 30) + 1, null));

    assertEquals(
        "an encoded header of 1073741825 bytes (more than 1073741824)", damaged(p).getMessage());
    readAll(write("good.7z", nested(1)));
  }

  @Test
  void anEncodedHeaderWhoseCrcDoesNotMatch_isDamaged() throws IOException {
    byte[] packed = bytes(HELLO, VALID);
    int crc = SevenZBytes.crc(VALID, 0, VALID.length);
    byte[] bad = SevenZBytes.archive(packed, encoded(HELLO.length, VALID.length, le32(crc + 1)));
    byte[] good = SevenZBytes.archive(packed, encoded(HELLO.length, VALID.length, le32(crc)));

    assertEquals(
        "the CRC of the decoded header does not match", damaged(write("crc.7z", bad)).getMessage());
    readAll(write("good.7z", good));
  }

  // --- entry data and CRCs

  /** An empty file whose CRC is not the CRC of nothing (0) is refused as its read starts. */
  @Test
  void anEmptyEntryWithACrcOtherThanZero_isACrcMismatch() throws IOException {
    int hello = SevenZBytes.crc(HELLO, 0, HELLO.length);
    java.util.function.IntFunction<byte[]> withCrc =
        crc ->
            header(
                bytes(
                    PACK,
                    UNPACK,
                    bytes(0x08, 0x0D, 2L, 0x09, 6L, 0x0A, 0x01, le32(hello), le32(crc), 0x00)),
                bytes(0x05, 2L, name("a\0b"), 0x00));

    assertEquals(
        "the CRC-32 of b does not match its data",
        damaged(archive("bad.7z", withCrc.apply(0xdeadbeef))).getMessage());
    readAll(archive("good.7z", withCrc.apply(0)));
  }

  /** The folder's own CRC, over entries that have none, is checked at the folder's end. */
  @Test
  void aFolderCrcMismatch_isDamaged() throws IOException {
    int hello = SevenZBytes.crc(HELLO, 0, HELLO.length);
    java.util.function.IntFunction<byte[]> withCrc =
        crc ->
            header(
                bytes(
                    PACK,
                    bytes(0x07, 0x0B, 1L, 0x00, COPY, 0x0C, 6L, 0x0A, 0x01, le32(crc), 0x00),
                    bytes(0x08, 0x0D, 2L, 0x09, 3L, 0x00)),
                bytes(0x05, 2L, name("a\0b"), 0x00));

    assertEquals(
        "the CRC-32 of folder 0 does not match",
        damaged(archive("bad.7z", withCrc.apply(hello ^ 1))).getMessage());
    readAll(archive("good.7z", withCrc.apply(hello)));
  }

  /** A coder whose data ends before the output size the header gives it. */
  @Test
  void aCoderOutputShorterThanDeclared_isDamaged() throws IOException {
    Path p = archive("short.7z", header(bytes(PACK, unpack(COPY, 10)), FILES));

    assertEquals("the Copy data ends after 6 of its 10 bytes", damaged(p).getMessage());
    readAll(archive("good.7z", VALID));
  }

  // --- coders: properties and limits

  /** Raw LZMA of hello, and its 5 property bytes. */
  private static byte[][] lzma(long declaredDictionary) throws IOException {
    LZMA2Options o = new LZMA2Options();
    o.setDictSize(1 << 16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int props;
    try (LZMAOutputStream z = new LZMAOutputStream(out, o, false)) {
      z.write(HELLO);
      z.finish();
      props = z.getProps();
    }
    byte[] p = bytes((int) props, le32((int) declaredDictionary));
    return new byte[][] {out.toByteArray(), p};
  }

  private static final byte[] LZMA_ID = {0x03, 0x01, 0x01};

  /** A folder of one coder with a 1- to 4-byte id and properties. */
  private static byte[] coder(byte[] id, byte[] props) {
    return props == null
        ? bytes(1L, id.length, id)
        : bytes(1L, 0x20 | id.length, id, (long) props.length, props);
  }

  private Path coded(String file, byte[] packed, byte[] folder, long size) throws IOException {
    byte[] h =
        header(
            bytes(pack(0, packed.length), unpack(folder, size)),
            bytes(0x05, 1L, name("a.txt"), 0x00));
    return write(file, SevenZBytes.archive(packed, h));
  }

  private byte[] readOnly(Path p) throws IOException {
    try (SevenZArchive z = SevenZArchive.open(p, "a.7z", 1000, 1000)) {
      return z.read(z.entries().get(0)).readAllBytes();
    }
  }

  /** LZMA2's one uncompressed chunk of hello: control 1 (dictionary reset), size - 1, data, end. */
  private static final byte[] LZMA2_HELLO = bytes(0x01, 0x00, 0x05, HELLO, 0x00);

  static Stream<Arguments> shortProperties() {
    return Stream.of(
        Arguments.of(
            "LZMA",
            LZMA_ID,
            new byte[] {0x5D, 0},
            "LZMA properties are not valid: 2" + " bytes, it needs 5"),
        Arguments.of(
            "LZMA2",
            new byte[] {0x21},
            null,
            "LZMA2 properties are not valid: 0 bytes, it needs 1"),
        Arguments.of(
            "PPMd",
            new byte[] {0x03, 0x04, 0x01},
            new byte[] {6, 0, 0, 0x10},
            "PPMd properties are not valid: 4 bytes, it needs 5"),
        Arguments.of(
            "Delta",
            new byte[] {0x03},
            null,
            "Delta properties are not valid: 0 bytes, it needs 1"),
        Arguments.of(
            "BCJ",
            new byte[] {0x03, 0x03, 0x01, 0x03},
            new byte[] {0, 0},
            "BCJ properties are not valid: 2 bytes, it needs 4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shortProperties")
  void shortCoderProperties_areDamaged(String coder, byte[] id, byte[] props, String message)
      throws IOException {
    Path p = coded("short.7z", HELLO, coder(id, props), HELLO.length);

    assertEquals(message, damaged(p).getMessage());
  }

  /**
   * The valid neighbours of the short properties: each coder with its properties whole reads its
   * data (PPMd's are read from 7-Zip's own archives in SevenZCodersTest).
   */
  @Test
  void wholeCoderProperties_areRead() throws IOException {
    byte[][] lzma = lzma(1 << 16);
    assertArrayEquals(
        HELLO, readOnly(coded("lzma.7z", lzma[0], coder(LZMA_ID, lzma[1]), HELLO.length)));
    assertArrayEquals(
        HELLO,
        readOnly(coded("lzma2.7z", LZMA2_HELLO, coder(new byte[] {0x21}, new byte[] {16}), 6)));
    // Delta of distance 1 over hello: each byte the sum of those before it.
    byte[] delta = readOnly(coded("delta.7z", HELLO, coder(new byte[] {0x03}, new byte[1]), 6));
    assertEquals((byte) ('h' + 'e'), delta[1]);
    assertArrayEquals(
        HELLO,
        readOnly(
            coded("bcj.7z", HELLO, coder(new byte[] {0x03, 0x03, 0x01, 0x03}, new byte[4]), 6)));
  }

  @Test
  void lzma2DictionaryByteAbove40_isDamaged() throws IOException {
    Path bad = coded("bad.7z", LZMA2_HELLO, coder(new byte[] {0x21}, new byte[] {41}), 6);
    Path good = coded("good.7z", LZMA2_HELLO, coder(new byte[] {0x21}, new byte[] {40}), 6);

    assertEquals("LZMA2 properties are not valid: dictionary byte 41", damaged(bad).getMessage());
    assertArrayEquals(HELLO, readOnly(good));
  }

  /** Properties the decoder's library refuses (ARM's start offset is a multiple of 4). */
  @Test
  void propertiesTheDecoderRefuses_areDamaged() throws IOException {
    byte[] arm = {0x03, 0x03, 0x05, 0x01};
    Path bad = coded("bad.7z", HELLO, coder(arm, le32(2)), 6);
    Path good = coded("good.7z", HELLO, coder(arm, le32(4)), 6);

    IOException e = damaged(bad);

    assertTrue(
        e.getMessage().startsWith("ARM properties are not valid: Start offset must be a multiple"),
        e.getMessage());
    assertArrayEquals(HELLO, readOnly(good));
  }

  /**
   * An LZMA coder of 3 GiB output whose properties give it a 4 GiB dictionary needs more than any
   * Java array: a limit, refused before anything is allocated. The same dictionary over an output
   * of 6 bytes costs 6 bytes, and is read.
   */
  @Test
  void anLzmaDictionaryPastWhatJavaHolds_isALimit() throws IOException {
    byte[][] lzma = lzma(0xFFFFFFFFL);
    Path bad = coded("bad.7z", lzma[0], coder(LZMA_ID, lzma[1]), 3L << 30);
    Path good = coded("good.7z", lzma[0], coder(LZMA_ID, lzma[1]), HELLO.length);

    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> readAll(bad, 1L << 40));

    assertEquals("dictionarySize", e.limit());
    assertTrue(
        e.getMessage().startsWith("a 7z LZMA dictionary of 3072 MiB is larger than the "),
        e.getMessage());
    assertArrayEquals(HELLO, readOnly(good));
  }

  /**
   * Coders inside a folder (not its output) that declare more output than four times the ratio
   * limit: refused before decoding, though the folder's own output is small.
   */
  @Test
  void anInnerCoderDeclaringAHugeOutput_isTheRatioLimit() throws IOException {
    Path bad = archive("bad.7z", header(bytes(PACK, unpack(CHAIN, 6L, 1L << 40)), FILES));
    Path good = archive("good.7z", header(bytes(PACK, unpack(CHAIN, 6L, 6L)), FILES));

    LimitExceededException e = assertThrows(LimitExceededException.class, () -> readAll(bad));

    assertEquals("maxCompressionRatio", e.limit());
    assertEquals(
        "bad.7z: its entries together expand more than 1000 times its size (raise it with"
            + " --max-ratio)",
        e.getMessage());
    assertArrayEquals(HELLO, readOnly(good));
  }
}
