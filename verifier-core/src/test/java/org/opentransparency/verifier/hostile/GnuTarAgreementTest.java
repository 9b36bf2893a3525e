package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.Finding;

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
    return new byte[][] {Hostile.tarHeader("./PaxHeaders/x", data.length, 'x'), data};
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
    byte[][] x = pax("GNU.sparse.major=1", "GNU.sparse.minor=0", "GNU.sparse.realsize=0");
    Path t =
        tar(
            x[0],
            x[1],
            Hostile.tarHeader("d/", 1024, 'D'),
            bytes("0\n"),
            new byte[512],
            Hostile.tarHeader("f.txt", 3, '0'),
            bytes("hi\n"));

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(t));
    assertTrue(e.getMessage().contains("sparse map"), e.getMessage());
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
      byte[][] x =
          pax(
              "GNU.sparse.major=1",
              "GNU.sparse.minor=0",
              "GNU.sparse.name=s",
              "GNU.sparse.realsize=5");
      Path t =
          tar(
              x[0],
              x[1],
              Hostile.tarHeader("./GNUSparseFile.0/s", 512 + 5, '0'),
              bytes(map),
              bytes("hello"));

      InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(t));
      assertTrue(e.getMessage().contains("digits"), map + ": " + e.getMessage());
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
    Path t = tar(x[0], x[1], Hostile.tarHeader("./GNUSparseFile.0/s", m.length, '0'), m);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(t));
    assertTrue(e.getMessage().contains("bytes between a tar header"), e.getMessage());
  }
}
