package org.opentransparency.verifier.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;

/**
 * Zip refusals and findings written byte by byte, each beside its valid neighbour: a central
 * directory of no entry over a file that starts with a local header, a Unicode Path extra field too
 * short to read, and a record the JDK's zip reader reads otherwise than ours.
 */
class ZipRulesTest {
  @TempDir Path dir;

  private static final int UNIX = 0x031E;
  private static final int FAT = 0x0014;

  /** One stored entry: its name as stored, the host that made it, its extra fields. */
  private record Entry(String name, byte[] data, int madeBy, byte[] localExtra, byte[] extra) {
    Entry(String name, String data) {
      this(name, data.getBytes(UTF_8), UNIX, new byte[0], new byte[0]);
    }

    long crc() {
      CRC32 c = new CRC32();
      c.update(data);
      return c.getValue();
    }
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * A zip of stored entries: local headers and data, then the central directory, whose end record
   * counts {@code listed} of them (all when {@code listed} is negative).
   */
  private static byte[] zip(int listed, Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    for (Entry e : entries) {
      byte[] name = e.name().getBytes(UTF_8);
      offsets.add(out.size());
      ByteBuffer h = le(30);
      h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800).putShort((short) 0);
      h.putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc());
      h.putInt(e.data().length).putInt(e.data().length);
      h.putShort((short) name.length).putShort((short) e.localExtra().length);
      out.writeBytes(h.array());
      out.writeBytes(name);
      out.writeBytes(e.localExtra());
      out.writeBytes(e.data());
    }
    int directory = out.size();
    int count = listed < 0 ? entries.length : listed;
    for (int i = 0; i < count; i++) {
      Entry e = entries[i];
      byte[] name = e.name().getBytes(UTF_8);
      ByteBuffer c = le(46);
      c.putInt(0x02014b50).putShort((short) e.madeBy()).putShort((short) 20);
      c.putShort((short) 0x800).putShort((short) 0).putShort((short) 0).putShort((short) 0x21);
      c.putInt((int) e.crc()).putInt(e.data().length).putInt(e.data().length);
      c.putShort((short) name.length).putShort((short) e.extra().length).putShort((short) 0);
      c.putShort((short) 0).putShort((short) 0);
      c.putInt(e.madeBy() == UNIX ? 0x81a40000 : 0).putInt(offsets.get(i));
      out.writeBytes(c.array());
      out.writeBytes(name);
      out.writeBytes(e.extra());
    }
    int size = out.size() - directory;
    ByteBuffer end = le(22);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    end.putShort((short) count).putShort((short) count).putInt(size).putInt(directory);
    end.putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }

  private Path write(String name, byte[] zip) throws IOException {
    return Files.write(dir.resolve(name), zip);
  }

  private static ArchiveIndex index(Path p) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(p);
  }

  // --- a central directory of no entry

  /**
   * A zip whose end record lists no entry, though a local header (and its data) starts the file: a
   * zip cut off or damaged, or hiding entries from the readers of the central directory, never an
   * empty archive. An empty zip (the end record alone) is one.
   */
  @Test
  void noEntryListed_yetALocalHeaderFirst_isDamaged() throws IOException {
    Path hidden = write("hidden.zip", zip(0, new Entry("a.txt", "alpha")));
    Path empty = write("empty.zip", zip(0));
    Path listed = write("listed.zip", zip(-1, new Entry("a.txt", "alpha")));

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(hidden));

    assertEquals(
        hidden
            + ": archive too damaged to read: the central directory lists no entry, yet the file"
            + " starts with a local header",
        e.getMessage());
    ArchiveIndex none = index(empty);
    assertEquals(ArchiveFormat.ZIP, none.format());
    assertEquals(0, none.items().size());
    assertEquals(List.of(), none.findings());
    assertEquals(List.of("a.txt"), List.copyOf(index(listed).items().keySet()));
    assertEquals(List.of(), index(listed).findings());
  }

  // --- the Unicode Path extra field

  /** Info-ZIP's Unicode Path field (0x7075): version 1, the CRC-32 of the header's name, a name. */
  private static byte[] unicodePath(String headerName, String name) {
    CRC32 c = new CRC32();
    c.update(headerName.getBytes(UTF_8));
    byte[] n = name.getBytes(UTF_8);
    return le(9 + n.length)
        .putShort((short) 0x7075)
        .putShort((short) (5 + n.length))
        .put((byte) 1)
        .putInt((int) c.getValue())
        .put(n)
        .array();
  }

  /** A field of 3 bytes: too short for the version and CRC every Unicode Path field starts with. */
  private static final byte[] SHORT_UNICODE_PATH = {0x75, 0x70, 3, 0, 1, 0, 0};

  private List<Finding> findingsWith(String file, byte[] local, byte[] central) throws IOException {
    Entry e = new Entry("a.txt", "alpha".getBytes(UTF_8), UNIX, local, central);
    return index(write(file, zip(-1, e))).findings();
  }

  @Test
  void aUnicodePathFieldShorterThanFiveBytes_isAFinding() throws IOException {
    Finding unreadable =
        new Finding(
            "a.txt",
            "unicode-path-mismatch",
            "a Unicode Path extra field that cannot be read; tools that read that field may see"
                + " another name");

    assertEquals(List.of(unreadable), findingsWith("central.zip", new byte[0], SHORT_UNICODE_PATH));
    assertEquals(List.of(unreadable), findingsWith("local.zip", SHORT_UNICODE_PATH, new byte[0]));
    byte[] same = unicodePath("a.txt", "a.txt");
    assertEquals(List.of(), findingsWith("same.zip", same, same));
  }

  // --- the JDK's reading of one record

  /**
   * A name with backslashes from a DOS or Windows zip is read with them as separators, as Commons
   * Compress, Info-ZIP and 7-Zip read it; the JDK keeps them. Two readers, two names for one entry:
   * a finding on that record (the record before it agrees). The same name from a Unix zip is one
   * name to both.
   */
  @Test
  void aRecordTheJdkReadsOtherwise_isAReadersDisagreeFinding() throws IOException {
    Entry first = new Entry("b.txt", "beta");
    byte[] alpha = "alpha".getBytes(UTF_8);
    Path fat =
        write(
            "fat.zip", zip(-1, first, new Entry("d\\a.txt", alpha, FAT, new byte[0], new byte[0])));
    Path unix =
        write(
            "unix.zip",
            zip(-1, first, new Entry("d\\a.txt", alpha, UNIX, new byte[0], new byte[0])));

    ArchiveIndex idx = index(fat);

    CRC32 crc = new CRC32();
    crc.update(alpha);
    assertEquals(
        List.of(
            new Finding(
                "d/a.txt",
                "zip-readers-disagree",
                String.format(
                    Locale.ROOT,
                    "the JDK's zip reader sees another record here: 'd\\a.txt', method 0, 5 bytes"
                        + " (5 stored), CRC %08x",
                    crc.getValue()))),
        idx.findings());
    assertEquals(List.of("b.txt", "d/a.txt"), List.copyOf(idx.items().keySet()));
    assertEquals(List.of(), index(unix).findings());
    assertEquals(List.of("b.txt", "d\\a.txt"), List.copyOf(index(unix).items().keySet()));
  }
}
