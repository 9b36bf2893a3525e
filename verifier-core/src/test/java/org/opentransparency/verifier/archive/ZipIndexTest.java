package org.opentransparency.verifier.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.UnrecognizedExtraField;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipShort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.internal.SuppressForbidden;

/**
 * The top-level zip reader: the JDK reads entry data, Commons Compress the central directory, and
 * we read each local header once. These pin what each part must still give.
 */
class ZipIndexTest {
  @TempDir Path dir;

  private static ArchiveIndex index(Path zip) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(zip);
  }

  @SuppressForbidden(reason = "a test oracle, independent of the hash package")
  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8)));
  }

  private interface Writer {
    void write(ZipArchiveOutputStream out) throws IOException;
  }

  private Path zip(String name, Writer w) throws IOException {
    Path p = dir.resolve(name);
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(p)) {
      out.setUseZip64(Zip64Mode.Never);
      w.write(out);
    }
    return p;
  }

  private static void put(ZipArchiveOutputStream out, ZipArchiveEntry e, String content)
      throws IOException {
    out.putArchiveEntry(e);
    out.write(content.getBytes(UTF_8));
    out.closeArchiveEntry();
  }

  @Test
  void localAndCentralExtraFields_reportedEachAsStored() throws Exception {
    Path p =
        zip(
            "extra.zip",
            out -> {
              ZipArchiveEntry e = new ZipArchiveEntry("a.txt");
              UnrecognizedExtraField f = new UnrecognizedExtraField();
              f.setHeaderId(new ZipShort(0x6666));
              f.setLocalFileDataData(new byte[] {1, 2, 3});
              f.setCentralDirectoryData(new byte[] {9});
              e.addExtraField(f);
              put(out, e, "alpha");
            });
    ArchiveIndex.Item item = index(p).items().get("a.txt");
    assertEquals("6666030001020" + "3", item.entry().metadata().get("localExtra"));
    assertEquals("666601000" + "9", item.entry().metadata().get("extra"));
    assertEquals(sha256("alpha"), item.sha256().hex());
  }

  @Test
  void unicodePathOnlyInTheLocalHeader_isStillAFinding() throws Exception {
    Path p =
        zip(
            "upath.zip",
            out -> {
              ZipArchiveEntry e = new ZipArchiveEntry("good.txt");
              UnicodePathExtraField real =
                  new UnicodePathExtraField("evil.txt", "good.txt".getBytes(UTF_8));
              UnrecognizedExtraField localOnly = new UnrecognizedExtraField();
              localOnly.setHeaderId(UnicodePathExtraField.UPATH_ID);
              localOnly.setLocalFileDataData(real.getLocalFileDataData());
              localOnly.setCentralDirectoryData(new byte[0]);
              e.addExtraField(localOnly);
              put(out, e, "x");
            });
    List<Finding> findings = index(p).findings();
    assertEquals(1, findings.size(), findings.toString());
    assertEquals("unicode-path-mismatch", findings.get(0).kind());
    assertTrue(findings.get(0).message().contains("evil.txt"), findings.toString());
  }

  /** The zip's comment is read from the end record the layout chose; none gives no property. */
  @Test
  void theArchiveComment_isAProperty_andNoCommentIsNone() throws Exception {
    Path with =
        zip(
            "with-comment.zip",
            out -> {
              out.setComment("release 1.0, built by CI");
              put(out, new ZipArchiveEntry("a.txt"), "a");
            });
    Path without = zip("no-comment.zip", out -> put(out, new ZipArchiveEntry("a.txt"), "a"));
    assertEquals("release 1.0, built by CI", index(with).properties().get("comment"));
    assertEquals(null, index(without).properties().get("comment"));
  }

  @Test
  void duplicateNames_theFirstIsHashedAndReopened() throws Exception {
    Path p =
        zip(
            "dup.zip",
            out -> {
              put(out, new ZipArchiveEntry("a.txt"), "first");
              put(out, new ZipArchiveEntry("b.txt"), "bee");
              put(out, new ZipArchiveEntry("a.txt"), "second");
            });
    ArchiveIndex idx = index(p);
    assertEquals(sha256("first"), idx.items().get("a.txt").sha256().hex());
    assertEquals(sha256("bee"), idx.items().get("b.txt").sha256().hex());
    assertEquals("duplicate-name", idx.findings().get(0).kind());
    // The JDK's own lookup by name answers the last of them; the second look must not.
    assertArrayEquals(
        "first".getBytes(UTF_8), EntryOpener.read(p, "a.txt", InputStream::readAllBytes));
  }

  @Test
  void aZipTheJdkRefuses_isReadByCommonsCompress() throws Exception {
    // A name in ISO-8859-1 without the UTF-8 flag: not UTF-8, which the JDK refuses outright.
    Path p =
        zip(
            "latin1.zip",
            out -> {
              out.setEncoding("ISO-8859-1");
              out.setUseLanguageEncodingFlag(false);
              put(out, new ZipArchiveEntry("caf\u00e9.txt"), "coffee");
              put(out, new ZipArchiveEntry("tea.txt"), "tea");
            });
    assertThrows(ZipException.class, () -> new java.util.zip.ZipFile(p.toFile(), UTF_8).close());
    ArchiveIndex idx = index(p);
    assertEquals(2, idx.items().size());
    assertEquals(sha256("tea"), idx.items().get("tea.txt").sha256().hex());
    assertArrayEquals(
        "tea".getBytes(UTF_8), EntryOpener.read(p, "tea.txt", InputStream::readAllBytes));
  }

  @Test
  void storedAndDeflated_bothReadFromTheirLocalHeaders() throws Exception {
    Path p =
        zip(
            "methods.zip",
            out -> {
              ZipArchiveEntry stored = new ZipArchiveEntry("s.txt");
              stored.setMethod(ZipArchiveEntry.STORED);
              put(out, stored, "stored bytes");
              put(out, new ZipArchiveEntry("d.txt"), "deflated bytes ".repeat(100));
            });
    ArchiveIndex idx = index(p);
    assertEquals("stored", idx.items().get("s.txt").entry().metadata().get("method"));
    assertEquals(sha256("stored bytes"), idx.items().get("s.txt").sha256().hex());
    assertEquals(sha256("deflated bytes ".repeat(100)), idx.items().get("d.txt").sha256().hex());
    assertEquals(List.of(), idx.findings());
  }

  @Test
  void theJdkSeeingAnotherRecord_isADisagreement() throws Exception {
    Path a = zip("a.zip", out -> put(out, new ZipArchiveEntry("a.txt"), "alpha"));
    Path b = zip("b.zip", out -> put(out, new ZipArchiveEntry("b.txt"), "beta"));
    try (ZipIndex.JdkEntries jdk = ZipIndex.JdkEntries.open(a);
        java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(b)) {
      jdk.expect(1);
      assertEquals(null, jdk.takeDisagreement());
      CentralDirectory e = new CentralDirectory(other, ZipLayout.read(other).directory, 0);
      assertTrue(e.next());
      assertEquals("b.txt", e.name);

      jdk.next(e);
      String why = jdk.takeDisagreement();
      assertTrue(why.contains("'a.txt'"), why);
      assertEquals(null, jdk.takeDisagreement(), "reported once");
    }
    try (ZipIndex.JdkEntries jdk = ZipIndex.JdkEntries.open(a)) {
      jdk.expect(2);
      assertTrue(jdk.takeDisagreement().contains("1 by the JDK's zip reader, 2 by ours"));
    }
  }

  @Test
  void anEntryCommentThatIsNotUtf8_isReadByCommonsCompress() throws Exception {
    // The JDK opens it (the names are ASCII) but refuses the comment as it lists the entry.
    Path p =
        zip(
            "comment.zip",
            out -> {
              out.setEncoding("ISO-8859-1");
              out.setUseLanguageEncodingFlag(false);
              ZipArchiveEntry e = new ZipArchiveEntry("a.txt");
              e.setComment("caf\u00e9");
              put(out, e, "alpha");
              put(out, new ZipArchiveEntry("b.txt"), "beta");
            });
    ArchiveIndex idx = index(p);
    assertEquals(sha256("alpha"), idx.items().get("a.txt").sha256().hex());
    assertEquals(sha256("beta"), idx.items().get("b.txt").sha256().hex());
    // The second look at an entry gets past the comment too.
    assertArrayEquals(
        "beta".getBytes(UTF_8), EntryOpener.read(p, "b.txt", InputStream::readAllBytes));
  }

  private static Path attack(String name) {
    return org.opentransparency.verifier.TestData.path("attacks/out/" + name);
  }

  /**
   * The second look at an entry (the diff of a modified entry) reads what the index hashed: where
   * the JDK would read another central directory, or a zip64 field gives the offset, it is not
   * asked.
   */
  @Test
  void theSecondLook_leavesTheJdkOut_whereItReadsOtherwise() throws Exception {
    String reviewed = "reviewed content: the build that the reviewers read, line by line!\n\n";
    for (String name :
        List.of(
            "zip-dual-end-records.zip",
            "zip64-offset-elsewhere.zip",
            "zip64-two-extra-fields.zip",
            "zip64-record-before-locator.zip",
            "zip64-disk-fields.zip",
            "zip-trailing-bytes.zip")) {
      assertEquals(null, ZipIndex.named(attack(name), "a.txt", 0), name);
      assertArrayEquals(
          reviewed.getBytes(UTF_8),
          EntryOpener.read(attack(name), "a.txt", InputStream::readAllBytes),
          name);
    }
    assertEquals(null, ZipIndex.named(attack("zip64-forced.zip"), "a.txt", 0));
    Path honest = zip("honest.zip", out -> put(out, new ZipArchiveEntry("a.txt"), "alpha"));
    try (InputStream in = ZipIndex.named(honest, "a.txt", 0)) {
      assertArrayEquals("alpha".getBytes(UTF_8), in.readAllBytes());
    }
  }

  /** Where the end records put the central directory, and what they leave unaccounted for. */
  @Test
  void layout_ofHonestAndHostileZips() throws Exception {
    Path honest = zip("honest.zip", out -> put(out, new ZipArchiveEntry("a.txt"), "alpha"));
    try (var ch = java.nio.channels.FileChannel.open(honest)) {
      ZipLayout l = ZipLayout.read(ch);
      assertTrue(l.readersAgree());
      assertEquals(ch.size() - 22, l.directoryEnd);
      assertTrue(l.directory > 30 && l.directory < l.directoryEnd, () -> "" + l.directory);
      l.walk(ch, 1);
      assertEquals(List.of(), l.problems);
      // One record fewer than there are leaves bytes between the directory and its end record.
      ZipLayout short1 = ZipLayout.read(ch);
      short1.walk(ch, 0);
      assertEquals("unreferenced-bytes", short1.problems.get(0)[0]);
    }
    try (var ch = java.nio.channels.FileChannel.open(attack("zip64-forced.zip"))) {
      ZipLayout l = ZipLayout.read(ch);
      assertTrue(l.readersAgree());
      l.walk(ch, 2);
      assertEquals(List.of(), l.problems);
    }
    try (var ch = java.nio.channels.FileChannel.open(attack("zip-dual-end-records.zip"))) {
      ZipLayout l = ZipLayout.read(ch);
      assertTrue(!l.readersAgree());
      assertEquals("zip-readers-disagree", l.problems.get(0)[0]);
      assertTrue(l.problems.get(0)[1].contains("51 bytes at offset 206"), l.problems.get(0)[1]);
      assertTrue(l.problems.get(0)[1].contains("71 bytes at offset 313"), l.problems.get(0)[1]);
    }
    try (var ch = java.nio.channels.FileChannel.open(attack("zip-trailing-bytes.zip"))) {
      ZipLayout l = ZipLayout.read(ch);
      assertTrue(!l.readersAgree());
      assertEquals("unreferenced-bytes", l.problems.get(0)[0]);
    }
    // A zip that is its end record and nothing else, and one with no end record.
    Path empty = zip("empty.zip", out -> {});
    try (var ch = java.nio.channels.FileChannel.open(empty)) {
      ZipLayout l = ZipLayout.read(ch);
      l.walk(ch, 0);
      assertEquals(List.of(), l.problems);
    }
    java.nio.file.Files.write(dir.resolve("none.zip"), new byte[100]);
    try (var ch = java.nio.channels.FileChannel.open(dir.resolve("none.zip"))) {
      assertThrows(ZipException.class, () -> ZipLayout.read(ch));
    }
  }

  @Test
  void zip64Fields_listsTheExtendedInformationFields() {
    assertEquals(0, ZipLayout.zip64Fields(new byte[0]).size());
    assertEquals(0, ZipLayout.zip64Fields(new byte[] {0x55, 0x54, 1, 0, 7}).size());
    assertEquals(1, ZipLayout.zip64Fields(new byte[] {1, 0, 0, 0}).size());
    List<byte[]> two =
        ZipLayout.zip64Fields(new byte[] {1, 0, 1, 0, 9, 0x55, 0x54, 0, 0, 1, 0, 0, 0});
    assertEquals(2, two.size());
    assertArrayEquals(new byte[] {9}, two.get(0));
    // A field whose length runs past the end ends the walk.
    assertEquals(
        1, ZipLayout.zip64Fields(new byte[] {1, 0, 0, 0, 9, 9, 100, 0, 1, 0, 0, 0}).size());
  }

  /**
   * Written to a stream, entries carry data descriptors: each is found where its data ends, with
   * the central CRC and sizes, and counted in the entry's span (no gap, no finding).
   */
  @Test
  void dataDescriptors_areCheckedAndCounted() throws Exception {
    Path p = dir.resolve("streamed.zip");
    try (ZipArchiveOutputStream out =
        new ZipArchiveOutputStream(java.nio.file.Files.newOutputStream(p))) {
      put(out, new ZipArchiveEntry("a.txt"), "alpha ".repeat(50));
      put(out, new ZipArchiveEntry("b.txt"), "beta");
    }
    ArchiveIndex idx = index(p);
    assertEquals(List.of(), idx.findings());
    assertEquals(sha256("alpha ".repeat(50)), idx.items().get("a.txt").sha256().hex());
    assertEquals(sha256("beta"), idx.items().get("b.txt").sha256().hex());
  }

  /** Deflated data read to its end says nothing; cut short, it is a damaged entry. */
  @Test
  void entryData_endsWhereTheRecordSays() throws Exception {
    java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
    byte[] body = "deflated ".repeat(300).getBytes(UTF_8);
    d.setInput(body);
    d.finish();
    byte[] raw = new byte[4096];
    int n = d.deflate(raw);
    d.end();
    Path f = java.nio.file.Files.write(dir.resolve("raw.bin"), java.util.Arrays.copyOf(raw, n));
    try (var ch = java.nio.channels.FileChannel.open(f);
        ZipEntryData.Scratch scratch =
            new ZipEntryData.Scratch(Limits.defaults().maxCompressionRatio())) {
      ZipEntryData cut = new ZipEntryData(ch::read, 0, n - 5, true, false, scratch);
      assertThrows(ZipException.class, cut::readAllBytes);
      // The inflater the cut entry left mid-stream serves the next entry from its start.
      ZipEntryData in = new ZipEntryData(ch::read, 0, n, true, false, scratch);
      assertArrayEquals(body, in.readAllBytes());
      assertEquals(null, in.finish());
    }
  }

  /**
   * Names in CP437 with no UTF-8 flag (old Windows tools) are read as CP437, as Python, unzip and
   * 7z read them: two such names are two names, not two U+FFFD spellings of one. A name ending in
   * '/' with a file's mode is a directory to every reader: no finding.
   */
  @Test
  void cp437NamesAndDirectoryModes_readAsOtherReadersDo() throws Exception {
    Path p =
        zip(
            "cp437.zip",
            out -> {
              out.setEncoding("IBM437");
              out.setUseLanguageEncodingFlag(false);
              put(out, new ZipArchiveEntry("\u00e9.txt"), "e acute");
              put(out, new ZipArchiveEntry("\u00e8.txt"), "e grave");
              ZipArchiveEntry dirAsFile = new ZipArchiveEntry("e/");
              dirAsFile.setUnixMode(0100644);
              put(out, dirAsFile, "");
            });
    ArchiveIndex idx = index(p);
    assertEquals(List.of(), idx.findings());
    assertEquals(List.of("\u00e9.txt", "\u00e8.txt", "e/"), List.copyOf(idx.items().keySet()));
    assertArrayEquals(
        "e grave".getBytes(UTF_8), EntryOpener.read(p, "\u00e8.txt", InputStream::readAllBytes));
  }

  /**
   * Names that extraction lands on one file are duplicates whichever comes first, and the finding
   * names the entry that came second and the first one that took the path.
   */
  @Test
  void namesThatAreOneFile_areDuplicatesInEitherOrder() throws Exception {
    String[][] orders = {
      {"a.txt", "./a.txt", ".//a.txt"},
      {"./a.txt", "a.txt", ".//a.txt"},
      {"d", "d/", "e/f"},
      {"d/", "d", "e/./f"},
    };
    String[][] expected = {
      {"./a.txt: 'a.txt'", ".//a.txt: 'a.txt'"},
      {"a.txt: './a.txt'", ".//a.txt: './a.txt'"},
      {"d/: 'd'"},
      {"d: 'd/'"},
    };
    for (int k = 0; k < orders.length; k++) {
      String[] names = orders[k];
      Path p =
          zip(
              "dup" + k + ".zip",
              out -> {
                for (String n : names) {
                  put(out, new ZipArchiveEntry(n), n.endsWith("/") ? "" : n);
                }
              });
      List<String> found =
          index(p).findings().stream()
              .filter(f -> f.kind().equals("duplicate-name"))
              .map(f -> f.path() + ": " + f.message().replaceAll("^'[^']*' and ('[^']*').*", "$1"))
              .toList();
      assertEquals(List.of(expected[k]), found, String.join(", ", names));
    }
  }

  /**
   * Central records that all point at one local header with a name and an extra field of 64 KiB
   * each: every record cost 128 KiB of reading, hex and messages (a 1.2 MB zip of 20,000 such
   * records ran a comparison out of a 6 GB heap). Refused as soon as the local headers read come to
   * more than the file; records sharing a small header (an overlap bomb) are read as before.
   */
  @Test
  void recordsSharingALargeLocalHeader_areRefused() throws IOException {
    java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
    java.nio.ByteBuffer local =
        java.nio.ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0);
    local.putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) 0xffff);
    local.putShort((short) 0xffff);
    z.write(local.array());
    z.write("a".repeat(0xffff).getBytes(UTF_8));
    java.nio.ByteBuffer extra =
        java.nio.ByteBuffer.allocate(0xffff).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    extra.putShort((short) 0xcafe).putShort((short) (0xffff - 4));
    z.write(extra.array());
    int records = 100;
    int directoryStart = z.size();
    for (int i = 0; i < records; i++) {
      byte[] name = ("f" + i).getBytes(UTF_8);
      java.nio.ByteBuffer r =
          java.nio.ByteBuffer.allocate(46).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      r.putInt(0x02014b50).putShort((short) 20).putShort((short) 20);
      r.putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).putInt(0).putInt(0);
      r.putShort((short) name.length).putShort((short) 0).putShort((short) 0);
      r.putShort((short) 0).putShort((short) 0).putInt(0).putInt(0);
      z.write(r.array());
      z.write(name);
    }
    java.nio.ByteBuffer end =
        java.nio.ByteBuffer.allocate(22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    end.putShort((short) records).putShort((short) records);
    end.putInt(z.size() - directoryStart).putInt(directoryStart).putShort((short) 0);
    z.write(end.array());
    Path p = java.nio.file.Files.write(dir.resolve("shared-header.zip"), z.toByteArray());

    org.opentransparency.verifier.InvalidInputException e =
        assertThrows(
            org.opentransparency.verifier.InvalidInputException.class,
            () -> new ArchiveIndexer(Limits.defaults()).index(p));
    assertTrue(
        e.getMessage().contains("local headers that come to more bytes than the file holds"),
        e.getMessage());
  }
}
