package org.opentransparency.verifier.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * A zip's central directory, read record by record through a window of the file and holding one
 * record at a time: reading the next replaces the fields of the last. What a record holds is what
 * the index and its checks use; nothing else of it is parsed.
 *
 * <p>Records are read from where {@link ZipLayout} says the directory begins, for as long as each
 * starts with the central record's signature (the count in the end record is the JDK's, and a count
 * that differs is a finding). Sizes and the offset of the local header come from the first zip64
 * extended-information field where the 32-bit field holds the "see zip64" mark, in the order the
 * format gives (size, compressed size, offset, disk). A record the file cuts short, a zip64 field
 * too short for the marks it must resolve, a negative size or offset, or a local header said to lie
 * past the central directory makes the zip unreadable, as it did when Commons Compress read the
 * directory.
 */
final class CentralDirectory {
  static final int SIGNATURE = 0x02014b50;
  static final int LENGTH = 46;
  static final int ZIP64 = 0x0001;
  static final int PLATFORM_UNIX = 3;
  private static final int PLATFORM_FAT = 0;
  private static final long MAGIC32 = 0xffffffffL;
  private static final int MAGIC16 = 0xffff;
  private static final byte[] NONE = new byte[0];

  private final SeekableByteChannel ch;
  private final long directory;
  private final ByteBuffer head = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
  private ByteBuffer variable = ByteBuffer.allocate(1024);
  private long at;
  private int index = -1;

  int versionMadeBy;
  int flags;
  int method;
  long dosTime;
  long crc;
  long compressedSize;
  long size;
  long externalAttributes;
  long localHeaderOffset;
  byte[] rawName = NONE;
  byte[] extra = NONE;
  String name = "";
  String comment = "";

  /** What lies before the zip: every reader adds it to a 32-bit local header offset. */
  private final long prefix;

  private final CRC32 read = new CRC32();

  /**
   * Names and comments are UTF-8, and each byte sequence that is not becomes {@code ?}, as Commons
   * Compress decoded them before this reader: names, and so reports and content digests, stay what
   * they were.
   */
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .replaceWith("?");

  /**
   * Reads the records of the zip in {@code ch} (a window of it, best) from {@code directory}; the
   * zip has {@code prefix} bytes before it (a self-extracting stub, or worse), as {@link
   * ZipLayout#prefix} found.
   */
  CentralDirectory(SeekableByteChannel ch, long directory, long prefix) {
    this.prefix = prefix;
    this.ch = ch;
    this.directory = directory;
    this.at = directory;
  }

  private String text(byte[] bytes, int offset, int length) {
    // Most names are ASCII, whose UTF-8 is itself: one copy into a string, where the decoder
    // made a char buffer, a byte buffer and a char array for each name of the directory.
    int end = offset + length;
    int i = offset;
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    if (i == end) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder refused its input", e);
    }
  }

  /**
   * The CRC-32 of every record's bytes read so far: two passes over one directory that disagree on
   * it read a file that changed between them.
   */
  long readChecksum() {
    return read.getValue();
  }

  /** Where the next record would begin: just past the last one read. */
  long position() {
    return at;
  }

  /** The index of the record read last, 0 for the first; -1 before the first. */
  int index() {
    return index;
  }

  /**
   * Reads the next record into this object's fields; false where there is none (the bytes there do
   * not start with the record's signature), leaving the fields as they were.
   *
   * @throws IOException where a record is cut short or holds what no reader may take
   */
  boolean next() throws IOException {
    int n = ZipLayout.readFully(ch, head.clear(), at);
    if (n < 4) {
      throw new EOFException("the central directory runs past the end of the file");
    }
    if (head.getInt(0) != SIGNATURE) {
      return false;
    }
    int record = index + 1;
    if (n < LENGTH) {
      throw new EOFException("central directory record " + record + " is cut short");
    }
    int nameLength = head.getShort(28) & MAGIC16;
    int extraLength = head.getShort(30) & MAGIC16;
    int commentLength = head.getShort(32) & MAGIC16;
    int rest = nameLength + extraLength + commentLength;
    if (variable.capacity() < rest) {
      variable = ByteBuffer.allocate(Math.max(rest, 2 * variable.capacity()));
    }
    if (ZipLayout.readFully(ch, variable.clear().limit(rest), at + LENGTH) < rest) {
      throw new EOFException("central directory record " + record + " is cut short");
    }
    index = record;
    at += LENGTH + rest;
    read.update(head.array(), 0, LENGTH);
    read.update(variable.array(), 0, rest);
    versionMadeBy = head.getShort(4) & MAGIC16;
    flags = head.getShort(8) & MAGIC16;
    method = head.getShort(10) & MAGIC16;
    dosTime = head.getInt(12) & MAGIC32;
    crc = head.getInt(16) & MAGIC32;
    compressedSize = head.getInt(20) & MAGIC32;
    size = head.getInt(24) & MAGIC32;
    int disk = head.getShort(34) & MAGIC16;
    externalAttributes = head.getInt(38) & MAGIC32;
    localHeaderOffset = head.getInt(42) & MAGIC32;
    byte[] v = variable.array();
    rawName = Arrays.copyOfRange(v, 0, nameLength);
    extra = extraLength == 0 ? NONE : Arrays.copyOfRange(v, nameLength, nameLength + extraLength);
    // Names and comments are UTF-8 with the flag and without it (the index reports a name that
    // is not UTF-8 as CP437 itself); a name with no '/' from a DOS or Windows zip ('FAT') has
    // its backslashes read as separators, as Commons Compress, Info-ZIP and 7-Zip read them.
    String decoded = text(v, 0, nameLength);
    if (platform() == PLATFORM_FAT && decoded.indexOf('/') < 0) {
      decoded = decoded.replace('\\', '/');
    }
    name = decoded;
    comment = commentLength == 0 ? "" : text(v, nameLength + extraLength, commentLength);
    // The JDK, Python and Info-ZIP add the prefix to a zip64 offset too, Commons Compress did
    // not: readers would differ on where the entry lies, so such a zip is refused.
    if (prefix > 0 && localHeaderOffset == MAGIC32) {
      throw new ZipException("a zip64 local header offset in a zip with bytes before it");
    }
    localHeaderOffset += prefix;
    zip64(record, disk);
    if (localHeaderOffset > directory) {
      throw new ZipException(
          "the local header of '" + name + "' is said to lie after the central directory");
    }
    return true;
  }

  /** Takes what the 32-bit fields mark as held in the zip64 field from there. */
  private void zip64(int record, int disk) throws ZipException {
    boolean needSize = size == MAGIC32;
    boolean needCompressed = compressedSize == MAGIC32;
    boolean needOffset = localHeaderOffset == MAGIC32;
    int needed =
        (needSize ? 8 : 0)
            + (needCompressed ? 8 : 0)
            + (needOffset ? 8 : 0)
            + (disk == MAGIC16 ? 4 : 0);
    int field = field(extra, ZIP64);
    if (field < 0 || needed == 0) {
      return;
    }
    int length = fieldLength(extra, field);
    if (length < needed) {
      throw new ZipException(
          String.format(
              Locale.ROOT,
              "central directory record %d: its zip64 extra field holds %d bytes where the"
                  + " marks in the record need %d",
              record,
              length,
              needed));
    }
    ByteBuffer z = ByteBuffer.wrap(extra, field + 4, length).order(ByteOrder.LITTLE_ENDIAN);
    if (needSize) {
      size = z.getLong();
    }
    if (needCompressed) {
      compressedSize = z.getLong();
    }
    if (needOffset) {
      localHeaderOffset = z.getLong();
    }
    if (size < 0 || compressedSize < 0 || localHeaderOffset < 0) {
      throw new ZipException(
          "central directory record " + record + ": a negative size or offset in its zip64 field");
    }
  }

  /**
   * The host system of the record ({@code versionMadeBy}'s high byte, as Commons Compress took it).
   */
  int platform() {
    return (versionMadeBy >> 8) & 0x0f;
  }

  /** The Unix mode from the external attributes of a record made on Unix; else 0. */
  int unixMode() {
    return platform() == PLATFORM_UNIX ? (int) ((externalAttributes >> 16) & MAGIC16) : 0;
  }

  boolean isDirectory() {
    return name.endsWith("/");
  }

  boolean isUnixSymlink() {
    return (unixMode() & 0170000) == 0120000;
  }

  /** General purpose bit 11: the name and comment are UTF-8. */
  boolean utf8Flag() {
    return (flags & 0x800) != 0;
  }

  /** General purpose bit 0: the data is encrypted. */
  boolean encrypted() {
    return (flags & 1) != 0;
  }

  /**
   * Where the first extra field with header {@code id} begins in {@code extra} (its 4-byte header),
   * or -1. Fields are walked as zip readers walk them: a field whose length runs past the end, and
   * what follows it, are no fields.
   */
  static int field(byte[] extra, int id) {
    for (int i = 0; i + 4 <= extra.length; ) {
      int tag = (extra[i] & 0xff) | (extra[i + 1] & 0xff) << 8;
      int end = i + 4 + fieldLength(extra, i);
      if (end > extra.length) {
        return -1;
      }
      if (tag == id) {
        return i;
      }
      i = end;
    }
    return -1;
  }

  /** The data length of the extra field whose header begins at {@code at}. */
  static int fieldLength(byte[] extra, int at) {
    return (extra[at + 2] & 0xff) | (extra[at + 3] & 0xff) << 8;
  }
}
