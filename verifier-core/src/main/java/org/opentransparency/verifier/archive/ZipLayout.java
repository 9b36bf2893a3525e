package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a zip's end records put its central directory, as each of the two readers we use finds it
 * (ours, {@link CentralDirectory}, which reads where Commons Compress read before it, and the
 * JDK's), and the bytes around it that no record accounts for.
 *
 * <p>Both readers take the last end-of-central-directory signature in the file's tail. From there
 * they part: ours follows a zip64 locator whenever one lies just before that record, to the offset
 * the zip64 record names; the JDK trusts the zip64 record only where each 32-bit field agrees with
 * it or holds the "see zip64" mark, and finds the central directory just before the record it
 * trusts, taking any difference from the named offset as bytes prepended to the zip (as a
 * self-extracting archive has). A zip built to exploit either rule shows each reader its own
 * central directory, with the same names, sizes and CRCs and other data. Such a layout is a finding
 * and means the JDK is not used for that zip's data, so what is hashed is what our reader, whose
 * records the index reports, points at.
 */
final class ZipLayout {
  private static final int END = 0x06054b50;
  private static final int ZIP64_END = 0x06064b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int CENTRAL = CentralDirectory.SIGNATURE;
  private static final int LOCAL = 0x04034b50;
  private static final long MAGIC32 = 0xffffffffL;
  private static final int MAGIC16 = 0xffff;
  private static final int END_LENGTH = 22;
  private static final int LOCATOR_LENGTH = 20;
  private static final int ZIP64_END_LENGTH = 56;
  private static final int CENTRAL_LENGTH = CentralDirectory.LENGTH;

  /** Where our reader (as Commons Compress did) reads the first central directory record. */
  final long directory;

  /** The zip's comment, from its end record. */
  String comment = "";

  /** Where the central directory must end: at the zip64 end record, or else the 32-bit one. */
  final long directoryEnd;

  /**
   * How many bytes lie before the zip whose offsets the 32-bit end record counts from; every reader
   * adds them to each local header offset. 0 with a zip64 end record, whose offsets count from the
   * file's start.
   */
  long prefix;

  /**
   * How many zeros follow the end record where every reader passes over them (bsdtar pads what it
   * writes to stdout so): no part of the zip, so no part of its size for the ratio limit either.
   */
  long padding;

  /** What is wrong with the layout, as findings: {kind, message}. */
  final List<String[]> problems = new ArrayList<>();

  /** Whether the JDK's reader, given this zip, reads the central directory ours reads. */
  private boolean readersAgree = true;

  private ZipLayout(long directory, long directoryEnd) {
    this.directory = directory;
    this.directoryEnd = directoryEnd;
  }

  /** Whether the JDK may read entry data for this zip: both readers take one central directory. */
  boolean readersAgree() {
    return readersAgree;
  }

  private void problem(String kind, String message, boolean readersMayDiffer) {
    problems.add(new String[] {kind, message});
    if (readersMayDiffer) {
      readersAgree = false;
    }
  }

  /** Reads the end records of the zip in {@code ch}. */
  static ZipLayout read(SeekableByteChannel ch) throws IOException {
    long size = ch.size();
    int window = (int) Math.min(size, END_LENGTH + 65535L + LOCATOR_LENGTH);
    ByteBuffer tail = ByteBuffer.allocate(window).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, tail, size - window);
    long tailStart = size - window;
    int at = -1;
    for (int i = window - END_LENGTH; i >= Math.max(0, window - END_LENGTH - 65535); i--) {
      if (tail.getInt(i) == END) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new java.util.zip.ZipException("no end of central directory record");
    }
    long end = tailStart + at;
    long directoryLength = tail.getInt(at + 12) & MAGIC32;
    long directoryOffset = tail.getInt(at + 16) & MAGIC32;
    int total = tail.getShort(at + 10) & MAGIC16;
    long after = size - (end + END_LENGTH + (tail.getShort(at + 20) & MAGIC16));

    boolean locator =
        end >= LOCATOR_LENGTH
            && at >= LOCATOR_LENGTH
            && tail.getInt(at - LOCATOR_LENGTH) == ZIP64_LOCATOR;
    // The JDK takes a locator at the very start of the file; Commons Compress needs a byte before.
    boolean jdkOnlyLocator = locator && end == LOCATOR_LENGTH;
    locator = locator && !jdkOnlyLocator;
    ZipLayout layout;
    if (!locator) {
      // Both readers: the directory ends at the end record; what its offset leaves before the
      // first entry is a prefix. Commons Compress takes the offset as it is when there is no room
      // for one (the JDK then refuses the zip).
      long prefix = end - directoryLength - directoryOffset;
      layout = new ZipLayout(prefix >= 0 ? end - directoryLength : directoryOffset, end);
      if (prefix > 0) {
        layout.prefix = prefix;
        layout.problem(
            "unreferenced-bytes",
            prefix + " bytes before the zip whose offsets the end record counts from",
            false);
      }
      if (prefix < 0) {
        layout.problem(
            "zip-readers-disagree",
            String.format(
                Locale.ROOT,
                "the end record puts a central directory of %d bytes at offset %d, which does not"
                    + " end where the record begins (%d): readers differ on where it lies",
                directoryLength,
                directoryOffset,
                end),
            true);
      }
      layout.disks(
          "end record",
          tail.getShort(at + 4) & MAGIC16,
          tail.getShort(at + 6) & MAGIC16,
          tail.getShort(at + 8) & MAGIC16,
          total);
    } else {
      layout = zip64(ch, size, end, tail, at);
    }
    // The zip's comment, from the end record every offset above was taken from (cut at the end of
    // the file where its length runs past it: that is reported as the layout's problem).
    int commentLength = tail.getShort(at + 20) & MAGIC16;
    layout.comment =
        new String(
            tail.array(),
            at + END_LENGTH,
            Math.min(commentLength, window - at - END_LENGTH),
            java.nio.charset.StandardCharsets.UTF_8);
    if (jdkOnlyLocator) {
      layout.problem(
          "zip-readers-disagree",
          "a zip64 locator at the very start of the file: readers differ on whether to follow it",
          true);
    }
    if (after > 0
        && !locator
        && zeros(tail, window - (int) after, window)
        && jdkTakes(ch, end, tail, at)) {
      // Zeros, as bsdtar pads what it writes to stdout: they hold no other end record, so every
      // reader takes this one and reads the same zip. Not where the JDK looks for another end
      // record (a zip64 zip, a zip of no entries): those bytes stay unreferenced.
      layout.padding = after;
    } else if (after > 0) {
      layout.problem(
          "unreferenced-bytes",
          after + " bytes after the end of central directory record are not part of the zip",
          true);
    } else if (after < 0) {
      layout.problem(
          "zip-readers-disagree",
          "the end record's comment runs "
              + -after
              + " bytes past the end of the file: readers"
              + " differ on which end record to take",
          true);
    }
    return layout;
  }

  private static boolean zeros(ByteBuffer b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the JDK takes the end record at {@code end}, with bytes after it, for the zip's: where
   * the record's comment does not run to the end of the file, it wants a central directory record
   * where the end record's length puts the directory, and a local header where its offset then puts
   * the first entry; else it looks for another end record before this one. (Info-ZIP's unzip,
   * Python's zipfile and 7-Zip take the last end record in the file's tail as it is.)
   */
  private static boolean jdkTakes(SeekableByteChannel ch, long end, ByteBuffer tail, int at)
      throws IOException {
    long directory = end - (tail.getInt(at + 12) & MAGIC32);
    long first = directory - (tail.getInt(at + 16) & MAGIC32);
    ByteBuffer sig = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    return first >= 0
        && readFully(ch, sig.clear(), directory) == 4
        && sig.getInt(0) == CENTRAL
        && readFully(ch, sig.clear(), first) == 4
        && sig.getInt(0) == LOCAL;
  }

  private static ZipLayout zip64(
      SeekableByteChannel ch, long size, long end, ByteBuffer tail, int at) throws IOException {
    long directoryLength32 = tail.getInt(at + 12) & MAGIC32;
    long directoryOffset32 = tail.getInt(at + 16) & MAGIC32;
    int total32 = tail.getShort(at + 10) & MAGIC16;
    int locatorAt = at - LOCATOR_LENGTH;
    long record = tail.getLong(locatorAt + 8);
    ByteBuffer z = ByteBuffer.allocate(ZIP64_END_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    if (record < 0
        || record > size - ZIP64_END_LENGTH
        || readFully(ch, z, record) < ZIP64_END_LENGTH
        || z.getInt(0) != ZIP64_END) {
      // Commons Compress refuses this zip; the JDK reads it by the 32-bit record.
      ZipLayout layout = new ZipLayout(end - directoryLength32, end);
      layout.problem(
          "zip-readers-disagree",
          "the zip64 locator points to no zip64 end record (offset " + record + ")",
          true);
      return layout;
    }
    long recordLength = z.getLong(4);
    long disk = z.getInt(16) & MAGIC32;
    long directoryDisk = z.getInt(20) & MAGIC32;
    long onDisk = z.getLong(24);
    long total = z.getLong(32);
    long directoryLength = z.getLong(40);
    long directoryOffset = z.getLong(48);
    ZipLayout layout = new ZipLayout(directoryOffset, record);
    // The JDK checks these three; Info-ZIP's unzip checks the disk fields as well, and falls back
    // to the 32-bit record (and another central directory) when any of them disagrees.
    boolean jdkTrusts =
        (directoryLength32 == MAGIC32 || directoryLength32 == directoryLength)
            && (directoryOffset32 == MAGIC32 || directoryOffset32 == directoryOffset)
            && (total32 == MAGIC16 || total32 == total);
    int disk32 = tail.getShort(at + 4) & MAGIC16;
    int directoryDisk32 = tail.getShort(at + 6) & MAGIC16;
    int onDisk32 = tail.getShort(at + 8) & MAGIC16;
    boolean disksAgree =
        (disk32 == MAGIC16 || disk32 == disk)
            && (directoryDisk32 == MAGIC16 || directoryDisk32 == directoryDisk)
            && (onDisk32 == MAGIC16 || onDisk32 == onDisk);
    if (jdkTrusts && !disksAgree) {
      layout.problem(
          "zip-readers-disagree",
          String.format(
              Locale.ROOT,
              "the zip64 end record (disk %d, directory on disk %d, %d entries on it) and the"
                  + " 32-bit one (disk %d, on disk %d, %d entries) disagree: readers that check"
                  + " these fields (Info-ZIP's unzip) take the 32-bit record and another central"
                  + " directory",
              disk,
              directoryDisk,
              onDisk,
              disk32,
              directoryDisk32,
              onDisk32),
          true);
    }
    layout.disks("zip64 end record", disk, directoryDisk, onDisk, total);
    long locatorDisk = tail.getInt(locatorAt + 4) & MAGIC32;
    long disks = tail.getInt(locatorAt + 16) & MAGIC32;
    if (locatorDisk != 0 || disks > 1) {
      layout.problem(
          "zip-readers-disagree",
          String.format(
              Locale.ROOT,
              "the zip64 locator names disk %d of %d: a split zip, which readers treat differently",
              locatorDisk,
              disks),
          true);
    }
    if (!jdkTrusts) {
      layout.problem(
          "zip-readers-disagree",
          String.format(
              Locale.ROOT,
              "the zip64 end record (a central directory of %d bytes at offset %d, %d entries)"
                  + " and the 32-bit one (%d bytes at offset %d, %d entries) disagree: readers"
                  + " that follow the zip64 locator see another central directory than readers"
                  + " that do not",
              directoryLength,
              directoryOffset,
              total,
              directoryLength32,
              directoryOffset32,
              total32),
          true);
    } else if (record - directoryLength != directoryOffset) {
      layout.problem(
          "zip-readers-disagree",
          String.format(
              Locale.ROOT,
              "the zip64 end record names a central directory of %d bytes at offset %d but lies"
                  + " at %d: readers that trust the offset and readers that look just before the"
                  + " record see different central directories",
              directoryLength,
              directoryOffset,
              record),
          true);
    }
    // Python's zipfile reads the zip64 end record as the 56 bytes before the locator, whatever
    // the locator says: the record must lie there, and hold no extensible data.
    long expected = end - LOCATOR_LENGTH - ZIP64_END_LENGTH;
    if (record != expected || recordLength != ZIP64_END_LENGTH - 12) {
      layout.problem(
          "zip-readers-disagree",
          String.format(
              Locale.ROOT,
              "the zip64 end record lies at offset %d and claims %d bytes, where one of 56 bytes"
                  + " ending at its locator (offset %d) is expected: readers that take the bytes"
                  + " before the locator read another record",
              record,
              12 + recordLength,
              expected),
          true);
    }
    return layout;
  }

  /**
   * Reports disk fields of a single-disk zip that say otherwise: readers differ on split zips (the
   * JDK ignores these fields, Info-ZIP's unzip refuses or reads them).
   */
  private void disks(String record, long disk, long directoryDisk, long onDisk, long total) {
    if (disk != 0 || directoryDisk != 0 || onDisk != total) {
      problem(
          "zip-readers-disagree",
          String.format(
              Locale.ROOT,
              "the %s says disk %d, central directory on disk %d, %d of %d entries on this disk:"
                  + " a split zip, which readers treat differently",
              record,
              disk,
              directoryDisk,
              onDisk,
              total),
          true);
    }
  }

  /**
   * Walks {@code records} central directory records from {@link #directory}, as {@link
   * CentralDirectory} reads them, and reports a directory that does not end where its end record
   * says.
   */
  void walk(SeekableByteChannel ch, int records) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(CENTRAL_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    long at = directory;
    for (int i = 0; i < records; i++) {
      if (readFully(ch, h.clear(), at) < CENTRAL_LENGTH || h.getInt(0) != CENTRAL) {
        throw new java.util.zip.ZipException("central directory record " + i + " is missing");
      }
      at +=
          CENTRAL_LENGTH
              + (h.getShort(28) & MAGIC16)
              + (h.getShort(30) & MAGIC16)
              + (h.getShort(32) & MAGIC16);
    }
    ended(at);
  }

  /**
   * Reports a central directory, read from {@link #directory} to {@code at}, that does not end
   * where its end record says.
   */
  void ended(long at) {
    if (at < directoryEnd) {
      problem(
          "unreferenced-bytes",
          String.format(
              Locale.ROOT,
              "%d bytes at offset %d, between the central directory and its end record, are not"
                  + " part of the zip",
              directoryEnd - at,
              at),
          // The JDK reads the directory's length from the end record: it may see more records.
          true);
    } else if (at > directoryEnd) {
      problem(
          "zip-readers-disagree",
          "the central directory runs " + (at - directoryEnd) + " bytes into its end record",
          true);
    }
  }

  /**
   * The data of each zip64 extended-information field in the extra data {@code extra}, in order.
   * One is allowed; of two, the readers we know take the first, and nothing stops a reader from
   * taking the last. A field whose length runs past the end ends the walk, cut to what is there.
   */
  static List<byte[]> zip64Fields(byte[] extra) {
    List<byte[]> found = List.of();
    for (int i = 0; i + 4 <= extra.length; ) {
      int tag = (extra[i] & 0xff) | (extra[i + 1] & 0xff) << 8;
      int len = (extra[i + 2] & 0xff) | (extra[i + 3] & 0xff) << 8;
      if (tag == 0x0001) {
        if (found.isEmpty()) {
          found = new ArrayList<>(1);
        }
        found.add(java.util.Arrays.copyOfRange(extra, i + 4, Math.min(extra.length, i + 4 + len)));
      }
      i += 4 + len;
    }
    return found;
  }

  /** Reads into {@code buf} from {@code position} until it is full or the file ends. */
  static int readFully(SeekableByteChannel ch, ByteBuffer buf, long position) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = ch.position(position + total).read(buf);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
