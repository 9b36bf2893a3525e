package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Tars built byte by byte where Commons Compress and GNU tar would read other entries: each is read
 * as GNU tar reads it, or refused, never read otherwise without a word.
 */
class GnuTarAgreementTest {
  @TempDir Path dir;

  /** A tar of {@code parts}, each a header or data, padded to blocks, then zeros to 10240. */
  private Path tar(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
      out.write(new byte[(512 - p.length % 512) % 512]);
    }
    out.write(new byte[(10240 - out.size() % 10240) % 10240]);
    Path t = dir.resolve("t" + System.nanoTime() + ".tar");
    Files.write(t, out.toByteArray());
    return t;
  }

  private static ArchiveIndex index(Path p) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(p);
  }

  /** A pax extended header ('x') holding {@code records}, each "key=value". */
  private static byte[][] pax(String... records) {
    return paxOf('x', records);
  }

  /** A pax header of {@code type} ('x' or the global 'g') holding {@code records}. */
  private static byte[][] paxOf(char type, String... records) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String r : records) {
      byte[] kv = (" " + r + "\n").getBytes(StandardCharsets.UTF_8);
      int n = kv.length + 1;
      while (Integer.toString(n).length() + kv.length != n) {
        n++;
      }
      body.writeBytes(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
      body.writeBytes(kv);
    }
    byte[] data = body.toByteArray();
    return new byte[][] {Hostile.tarHeader("./PaxHeaders/x", data.length, type), data};
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void dumpDirectoryNamedAsAFile_refused() throws IOException {
    // GNU tar makes a directory of a 'D' entry whatever its name and passes over its list; Commons
    // Compress took "x" for a file holding the next header's first byte, and read on out of step.
    Path t =
        tar(
            Hostile.tarHeader("x", 1, 'D'),
            new byte[1],
            Hostile.tarHeader("e", 0, '2'),
            Hostile.tarHeader("f.txt", 3, '0'),
            bytes("hi\n"));

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(t));
    assertTrue(e.getMessage().contains("not named as a directory"), e.getMessage());
  }

  @Test
  void dumpDirectoryWithASparseMap_refused() throws IOException {
    byte[] d = Hostile.tarHeader("d/", 1024, 'D');
    // Under GNU's magic (a dump directory's own) the pax sparse keys are refused first; under the
    // POSIX magic, the dump directory with a sparse map.
    refused("pax sparse keys", dumpDirWithAMap(d));
    refused("with a sparse map", dumpDirWithAMap(posix(d)));
  }

  /** Pax sparse keys, then the dump directory {@code header} whose data is a map, then a file. */
  private static byte[][] dumpDirWithAMap(byte[] header) {
    byte[][] x = pax("GNU.sparse.major=1", "GNU.sparse.minor=0", "GNU.sparse.realsize=0");
    return new byte[][] {
      x[0],
      x[1],
      header,
      bytes("0\n"),
      new byte[512],
      Hostile.tarHeader("f.txt", 3, '0'),
      bytes("hi\n")
    };
  }

  @Test
  void dumpDirectoryListInAPaxHeader_isTheOneShown() throws IOException {
    // GNU tar takes the list from the pax keyword when there is one, and passes over the data.
    byte[][] x = pax("GNU.dumpdir=Yp\0\0");
    Path t = tar(x[0], x[1], Hostile.tarHeader("d/", 4, 'D'), bytes("Yq\0\0"));

    ArchiveIndex idx = index(t);

    assertEquals(List.of(), idx.findings());
    assertEquals("Yp\\0\\0", idx.items().get("d/").entry().metadata().get("pax.GNU.dumpdir"));
  }

  /** {@code h} under the POSIX magic ("ustar\0" "00"), where GNU tar reads pax sparse keys. */
  private static byte[] posix(byte[] h) {
    System.arraycopy(bytes("ustar\u000000"), 0, h, 257, 8);
    return checksum(h);
  }

  /** {@code h} with its checksum made again. */
  private static byte[] checksum(byte[] h) {
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    byte[] field =
        String.format(java.util.Locale.ROOT, "%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, h, 148, 8);
    return h;
  }

  private void refused(String why, byte[]... parts) throws IOException {
    Path t = tar(parts);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(t));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void symlinkOrDeviceWithData_refused() throws IOException {
    // GNU tar makes the link without reading data, and takes the data for the next header: here
    // a symbolic link evil -> /etc/x, which Commons Compress passed over.
    byte[] link = Hostile.tarHeader("s", 512, '2');
    System.arraycopy(bytes("a.txt"), 0, link, 157, 5);
    refused(
        "a link, device or FIFO with 512 bytes of data",
        checksum(link),
        Hostile.tarHeader("evil", 0, '2'));
  }

  @Test
  void hardLinkWithASize_readAsGnuTarReadsIt() throws IOException {
    // Go's and Rust's tar writers leave the file's size on a hard link and write no data; GNU tar
    // reads the next header right after it. Commons Compress read 3000 bytes of "data" there: the
    // next entries, evil among them, went unseen.
    byte[] link = Hostile.tarHeader("h", 3000, '1');
    System.arraycopy(bytes("a.txt"), 0, link, 157, 5);
    Path t =
        tar(
            Hostile.tarHeader("a.txt", 3, '0'),
            bytes("hi\n"),
            checksum(link),
            Hostile.tarHeader("evil", 0, '2'),
            Hostile.tarHeader("z.txt", 3, '0'),
            bytes("zz\n"));

    ArchiveIndex idx = index(t);

    assertEquals(List.of(), idx.findings());
    assertEquals(List.of("a.txt", "h", "evil", "z.txt"), List.copyOf(idx.items().keySet()));
    // No data of its own: the link holds what a.txt holds, as extraction makes it.
    assertEquals(3L, idx.items().get("h").size());
    assertEquals(idx.items().get("a.txt").sha256(), idx.items().get("h").sha256());
  }

  /** A long name "a-long-name.txt", then the pax header {@code x}, then the entry. */
  private static byte[][] longNameThen(byte[][] x) {
    return new byte[][] {
      Hostile.tarHeader("././@LongLink", 16, 'L'),
      bytes("a-long-name.txt\0"),
      x[0],
      x[1],
      Hostile.tarHeader("a-long-name.tx", 3, '0'),
      bytes("hi\n")
    };
  }

  @Test
  void hardLinkWithASize_stillCheckedLikeEveryEntry() throws IOException {
    // Two long names before a hard link: GNU tar takes the last, Commons Compress the first.
    byte[] link = Hostile.tarHeader("h", 512, '1');
    refused(
        "readers resolve differently",
        Hostile.tarHeader("././@LongLink", 6, 'L'),
        bytes("a.txt\0"),
        Hostile.tarHeader("././@LongLink", 5, 'L'),
        bytes("evil\0"),
        link);
    // Named as a directory, Commons Compress read no data and took the zeros for the end.
    refused("a hard link that is also named as a directory", Hostile.tarHeader("h/", 1024, '1'));
  }

  @Test
  void hardLinkWithAPaxSize_refused() throws IOException {
    // GNU tar itself reads a pax size on a hard link two ways: none of it when it makes the link,
    // that much data when it lists or skips the entry (a name with "..").
    byte[][] x = pax("size=1000000000000000");
    refused(
        "a hard link that is also given a size by a pax header",
        x[0],
        x[1],
        Hostile.tarHeader("h", 0, '1'),
        Hostile.tarHeader("z.txt", 3, '0'),
        bytes("zz\n"));
  }

  @Test
  void paxRecordsAsGnuTarReadsThem() throws IOException {
    // A path in the pax header's padding, past its size: neither reader reads it, nor this check.
    byte[] data = new byte[512];
    System.arraycopy(bytes("13 path=evil\n"), 0, data, 0, 13);
    System.arraycopy(bytes("14 path=a.txt\n"), 0, data, 13, 14);
    byte[] xh = Hostile.tarHeader("./PaxHeaders/x", 13, 'x');
    refused(
        "readers resolve differently",
        Hostile.tarHeader("././@LongLink", 6, 'L'),
        bytes("a.txt\0"),
        xh,
        data,
        Hostile.tarHeader("a.tx", 0, '0'));
    // Two blanks after the length: GNU tar reads "path", Commons Compress " path".
    byte[] blanks = bytes("14  path=evil\n");
    refused(
        "a pax record that tar readers read differently",
        Hostile.tarHeader("./PaxHeaders/x", blanks.length, 'x'),
        blanks,
        Hostile.tarHeader("a.txt", 0, '0'));
    // A global path: GNU tar applies it over a local long name, Commons Compress does not.
    byte[][] g = paxOf('g', "path=G");
    refused("a global pax header setting path", g[0], g[1], Hostile.tarHeader("a.txt", 0, '0'));
    // Records GNU tar and Commons Compress each read their own way: a NUL in a keyword, a record
    // whose length runs past its newline, bytes after the last record within the header's size
    // (refused here, or by Commons Compress itself).
    for (String records :
        List.of("20 x\0y=1\n15 path=evil\n", "6 path=11 path=xy\n", "9 a=bcd\nzz")) {
      byte[] d = bytes(records);
      refused(
          "archive too damaged to read",
          Hostile.tarHeader("./PaxHeaders/x", d.length, 'x'),
          d,
          Hostile.tarHeader("a.txt", 0, '0'));
    }
    // A global GNU.sparse.name renames every entry after it in GNU tar.
    byte[][] gs = paxOf('g', "GNU.sparse.name=evil");
    refused(
        "a global pax header setting GNU.sparse.name",
        gs[0],
        gs[1],
        Hostile.tarHeader("a.txt", 0, '0'));
    // GNU.sparse.name names the entry in GNU tar whatever else the header says.
    byte[][] sparseName = pax("GNU.sparse.name=evil");
    refused(
        "readers apply differently",
        sparseName[0],
        sparseName[1],
        Hostile.tarHeader("a.txt", 0, '0'));
  }

  @Test
  void longNameThenPaxPath_readAlikeWhenTheyAgree_refusedWhenNot() throws IOException {
    // Commons Compress's own writer puts a long name, then a pax header repeating it: fine. A pax
    // path that differs from the long name before it is read by GNU tar, not by Commons Compress.
    byte[][] same = pax("path=a-long-name.txt");
    ArchiveIndex idx = index(tar(longNameThen(same)));
    assertEquals(List.of("a-long-name.txt"), List.copyOf(idx.items().keySet()));

    byte[][] other = pax("path=b.txt");
    refused("readers resolve differently", longNameThen(other));

    // A pax header before a long name (Rust's tar crate): both readers take the pax path.
    byte[][] first = pax("path=c.txt");
    ArchiveIndex c =
        index(
            tar(
                first[0],
                first[1],
                Hostile.tarHeader("././@LongLink", 16, 'L'),
                bytes("a-long-name.txt\0"),
                Hostile.tarHeader("a-long-name.tx", 3, '0'),
                bytes("hi\n")));
    assertEquals(List.of("c.txt"), List.copyOf(c.items().keySet()));
  }

  @Test
  void headerWithAWrongChecksum_refused() throws IOException {
    // GNU tar skips the block and reads the next one as a header: b.txt, which Commons Compress
    // took for a.txt's data.
    byte[] a = Hostile.tarHeader("a.txt", 512, '0');
    a[148] = '7';
    refused("checksum is wrong", a, Hostile.tarHeader("b.txt", 0, '0'));
    // The same for a long-name header before the entry, which the reader reads on its own.
    byte[] l = Hostile.tarHeader("././@LongLink", 6, 'L');
    l[148] = '7';
    refused(
        "a tar header whose checksum is wrong (type L)",
        l,
        bytes("a.txt\0"),
        Hostile.tarHeader("b.txt", 0, '0'));
  }

  @Test
  void longNameAndADifferentPaxPath_refused() throws IOException {
    // GNU tar takes the pax path over the long name, Commons Compress the long name.
    byte[][] x = pax("path=b.txt");
    refused(
        "readers resolve differently",
        Hostile.tarHeader("././@LongLink", 6, 'L'),
        bytes("a.txt\0"),
        x[0],
        x[1],
        Hostile.tarHeader("c.txt", 3, '0'),
        bytes("hi\n"));
  }

  @Test
  void fileNamedLikeADirectoryWithData_refused() throws IOException {
    // A name ending in '/' is a directory to Commons Compress whatever the type, its data read
    // as the next header; GNU tar extracts a file of type '0'.
    refused(
        "a name ending in '/' on an entry of type 0 with data",
        Hostile.tarHeader("x/", 3, '0'),
        bytes("hi\n"));
  }

  @Test
  void tooManyPaxKeywords_refused() throws IOException {
    String[] keys = new String[1100];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "VENDOR.k" + i + "=v";
    }
    byte[][] x = pax(keys);
    refused("more than 1024 pax keywords", x[0], x[1], Hostile.tarHeader("a.txt", 0, '0'));
  }

  @Test
  void sparseExtentsOutOfOrder_refused() throws IOException {
    // GNU tar reads the extents from the data in the map's order, Commons Compress sorted.
    byte[][] x =
        pax(
            "GNU.sparse.major=0",
            "GNU.sparse.minor=1",
            "GNU.sparse.name=s",
            "GNU.sparse.size=1024",
            "GNU.sparse.numblocks=2",
            "GNU.sparse.map=512,512,0,512");
    byte[] data = new byte[1024];
    java.util.Arrays.fill(data, 0, 512, (byte) 'B');
    java.util.Arrays.fill(data, 512, 1024, (byte) 'A');
    refused("out of order", x[0], x[1], posix(Hostile.tarHeader("s", 1024, '0')), data);
  }

  @Test
  void oldGnuSparseHeaderUnderUstarMagic_refused() throws IOException {
    // GNU tar reads type 'S' as sparse only under its own magic: under ustar's, a file of the 512
    // bytes stored, which Commons Compress read as sparse (by the review: an empty file, and the
    // stored block as the next header).
    byte[] s = Hostile.tarHeader("s", 512, 'S');
    System.arraycopy(bytes("ustar\u000000"), 0, s, 257, 8);
    refused(
        "an old GNU sparse header without GNU tar's magic",
        checksum(s),
        Hostile.tarHeader("evil", 0, '2'));
  }

  /** A pax 1.0 sparse file "s" of 5 bytes: its keys, its header, {@code map}, "hello". */
  private static byte[][] sparseFile(String map, boolean posixMagic) {
    byte[][] x =
        pax(
            "GNU.sparse.major=1",
            "GNU.sparse.minor=0",
            "GNU.sparse.name=s",
            "GNU.sparse.realsize=5");
    byte[] h = Hostile.tarHeader("./GNUSparseFile.0/s", 512 + 5, '0');
    return new byte[][] {x[0], x[1], posixMagic ? posix(h) : h, bytes(map), bytes("hello")};
  }

  @Test
  void paxSparseKeysUnderGnuMagic_refused() throws IOException {
    // GNU tar extracts the stored bytes, map and all, of such an entry; Commons Compress expanded
    // the map. Under the POSIX magic the same entry reads alike in both.
    refused("pax sparse keys on a header with GNU tar's magic", sparseFile("1\n0\n5\n", false));
    ArchiveIndex idx = index(tar(sparseFile("1\n0\n5\n", true)));
    assertEquals(List.of("s"), List.copyOf(idx.items().keySet()));
    assertEquals(5L, idx.items().get("s").size());
  }

  @Test
  void oldGnuSparseHeaderWithEndlessExtensions_refused() throws IOException {
    byte[] s = Hostile.tarHeader("s", 0, 'S');
    s[482] = 1; // isextended
    for (int i = 0; i < 4; i++) {
      s[386 + 24 * i + 12] = '0';
    }
    byte[] extension = new byte[512];
    for (int i = 0; i < 21; i++) {
      extension[24 * i + 12] = '0'; // no extent is empty: GNU tar would read on too
    }
    extension[504] = 1; // and another follows
    byte[][] parts = new byte[100_002][];
    parts[0] = checksum(s);
    for (int i = 1; i < parts.length; i++) {
      parts[i] = extension;
    }
    refused("tar records for one entry", parts);
  }

  /**
   * GNU tar's old GNU sparse file of 50 extents (4 in its header, 21, 21 and 4 after), then a file.
   */
  private static byte[] oldGnuSparse() throws IOException {
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(Hostile.attack("sparse-oldgnu.tar.gz")))) {
      return in.readAllBytes();
    }
  }

  @Test
  void oldGnuSparseMapInExtensionRecords_readAsTarExtractsIt() throws IOException {
    // The extension records' bytes were taken for the entry's header: every old GNU sparse file
    // of more than 4 extents, GNU tar's own --sparse output, was refused as damaged.
    Path t = dir.resolve("oldgnu.tar");
    Files.write(t, oldGnuSparse());
    ArchiveIndex idx = index(t);

    assertEquals(List.of(), idx.findings());
    assertEquals(List.of("many.bin", "after.txt"), List.copyOf(idx.items().keySet()));
    assertEquals(51L * 65536, idx.items().get("many.bin").size());
    assertEquals(
        Files.readString(Hostile.attack("sparse-oldgnu.h1"), StandardCharsets.US_ASCII).strip(),
        ContentDigest.of(t, Limits.defaults()));
  }

  @Test
  void oldGnuSparseMapWithAnExtendedFlagNotOne_refused() throws IOException {
    // GNU tar reads another extension record where the flag is not 0, Commons Compress only where
    // it is 1: the other takes that record for the file's data.
    byte[] header = oldGnuSparse();
    header[482] = 2;
    System.arraycopy(checksum(java.util.Arrays.copyOf(header, 512)), 0, header, 0, 512);
    refused("\"extended\" flag is 2", header);
    byte[] extension = oldGnuSparse();
    extension[512 + 504] = 2;
    refused("\"extended\" flag is 2", extension);
  }

  @Test
  void oldGnuSparseMapGoingOnAfterAnEmptyExtent_refused() throws IOException {
    // The last extension record (4 extents, then empty slots) says another follows, and one of
    // empty slots (a byte past them, so it is no end-of-archive block) is put after it. GNU tar
    // 1.34 stops its map at the first empty slot, extracts that record as the file's first bytes,
    // every extent after it shifted, and exits 2 having written it ("Skipping to next header");
    // Commons Compress read the record as the map's and the file as it was made.
    byte[] t = oldGnuSparse();
    int last = 3 * 512;
    t[last + 504] = 1;
    byte[] more = new byte[t.length + 512];
    System.arraycopy(t, 0, more, 0, last + 512);
    more[last + 1023] = 1;
    System.arraycopy(t, last + 512, more, last + 1024, t.length - last - 512);
    refused("goes on in another record after an empty extent", more);
  }

  @Test
  void deviceAgainstAnEmptyFile_different() throws IOException {
    // Commons Compress calls a device a file: an empty one compared equal to it.
    Path dev = tar(Hostile.tarHeader("dev/null", 0, '3'));
    Path file = tar(Hostile.tarHeader("dev/null", 0, '0'));

    org.opentransparency.verifier.compare.ComparisonResult r =
        org.opentransparency.verifier.compare.ArchiveComparator.compare(
            dev, file, org.opentransparency.verifier.compare.CompareOptions.builder().build());

    assertEquals(org.opentransparency.verifier.compare.CompareVerdict.DIFFERENT, r.verdict());
    assertEquals("other", r.entries().get(0).left().type());
  }

  @Test
  void headerAfterOneZeroBlock_isBytesAfterTheEnd() throws IOException {
    // GNU tar, bsdtar and Python stop at a lone zero block; tar -i reads the header after it.
    // The reader reads that header to look for a second zero block: it stays watched.
    Path t =
        tar(
            Hostile.tarHeader("a.txt", 3, '0'),
            bytes("hi\n"),
            new byte[512],
            Hostile.tarHeader("e", 0, '2'));

    List<Finding> f = index(t).findings();

    assertEquals(1, f.size(), f.toString());
    assertEquals("unreferenced-bytes", f.get(0).kind());
    assertTrue(f.get(0).message().contains("from offset 1536)"), f.get(0).message());
  }

  @Test
  void sparseMapWithAnEmptyOrTooLongNumber_refusedAsGnuTarRefusesIt() throws IOException {
    // Commons Compress reads an empty line as 0 and lets 20 digits wrap; GNU tar refuses both.
    for (String map : List.of("1\n\n5\n", "1\n0\n18446744073709551621\n")) {
      refused("digits", sparseFile(map, true));
    }
  }

  @Test
  void sparseMapOfMillionsOfExtents_refusedBeforeItIsParsed() throws IOException {
    // 300,000 extents: 1.2 MB of map, which the reader would make 300,000 objects of; a gzip'd
    // 200 MB map would be an OutOfMemoryError. Refused past 1 MiB, while it is read.
    StringBuilder map = new StringBuilder("300000\n");
    for (int i = 0; i < 300_000; i++) {
      map.append("0\n0\n");
    }
    byte[] m = bytes(map.toString());
    byte[][] x =
        pax(
            "GNU.sparse.major=1",
            "GNU.sparse.minor=0",
            "GNU.sparse.name=s",
            "GNU.sparse.realsize=0");
    Path t = tar(x[0], x[1], posix(Hostile.tarHeader("./GNUSparseFile.0/s", m.length, '0')), m);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(t));
    assertTrue(e.getMessage().contains("bytes between a tar header"), e.getMessage());
  }
}
