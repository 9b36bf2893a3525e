package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.SharedEntries;
import org.opentransparency.verifier.report.CompareReport;

/**
 * Entries two zips hold in the same bytes are read once for both sides ({@link SharedEntries}):
 * that must never change a comparison's result, and bytes that differ must never be shared,
 * whatever their records say.
 */
class SharedEntriesTest {
  @TempDir Path tmp;

  /** Every zip and jar fixture against itself, and the pairs the other tests compare. */
  static Stream<Arguments> pairs() throws IOException {
    List<Arguments> pairs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TestData.root())) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(zip|jar|war)$"))
          .sorted()
          .forEach(p -> pairs.add(Arguments.of(rel(p), rel(p))));
    }
    String[][] more = {
      {"archives/out/same-left.jar", "archives/out/same-right.jar"},
      {"archives/out/same-left.jar", "archives/out/timestamps-right.jar"},
      {"archives/out/same-left.jar", "archives/out/changed-right.jar"},
      {"archives/out/noise-left.jar", "archives/out/noise-right.jar"},
      {"archives/out/order-left.zip", "archives/out/order-right.zip"},
      {"archives/out/order-left.zip", "archives/out/added-right.zip"},
      {"archives/out/app-left.war", "archives/out/app-right.war"},
      {"archives/out/encrypted-left-fail.zip", "archives/out/encrypted-right-fail.zip"},
      {"archives/duplicates/two-copies.zip", "archives/duplicates/first-copy.zip"},
      {"archives/duplicates/two-copies.zip", "archives/duplicates/second-changed.zip"},
      {"archives/duplicates/nested-left.zip", "archives/duplicates/nested-right.zip"},
      {"demo/release/demo-app-1.0.jar", "demo/rebuild/demo-app-1.0.jar"},
      {"demo/release/demo-app-1.0.jar", "demo/tampered/demo-app-1.0.jar"},
      {"attacks/out/zip-prefix-decoy-honest.zip", "attacks/out/zip-prefix-decoy.zip"},
      {"attacks/out/zip-bzip2-honest.zip", "attacks/out/zip-bzip2-crc-mismatch.zip"},
    };
    for (String[] p : more) {
      pairs.add(Arguments.of(p[0], p[1]));
      pairs.add(Arguments.of(p[1], p[0]));
    }
    return pairs.stream();
  }

  private static String rel(Path p) {
    return TestData.root().relativize(p).toString().replace('\\', '/');
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @MethodSource("pairs")
  void compare_sharedOrNot_sameResult(String left, String right) {
    Path l = TestData.path(left);
    Path r = TestData.path(right);
    assertEquals(outcome(l, r, false), outcome(l, r, true));
  }

  /** The limits a shared entry's content counts toward, each side's, as the entry's reading did. */
  @ParameterizedTest(name = "maxTotalBytes {0}, maxEntries {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "3000, 100",
    "6954, 100",
    "6955, 100",
    "100000, 5",
    "100000, 14",
    "100000, 13",
  })
  void compare_sharedOrNot_sameLimitsHit(long maxTotalBytes, long maxEntries) {
    Path l = TestData.path("demo/release/demo-app-1.0.jar");
    Path r = TestData.path("demo/rebuild/demo-app-1.0.jar");
    Limits limits =
        Limits.defaults().toBuilder().maxTotalBytes(maxTotalBytes).maxEntries(maxEntries).build();
    CompareOptions o = CompareOptions.builder().limits(limits).build();
    String shared = outcome(l, r, o, true);
    assertEquals(outcome(l, r, o, false), shared);
    if (maxTotalBytes == 3000 || maxEntries == 5) {
      assertTrue(shared.startsWith(LimitExceededException.class.getName()), shared);
    }
  }

  /**
   * The report as text and JSON, or the error the comparison ends in: {@code share}, every entry
   * the two hold in the same bytes read once, however small (the command shares only entries of
   * {@link SharedEntries#FROM_BYTES} or more); else none.
   */
  private static String outcome(Path l, Path r, boolean share) {
    return outcome(l, r, CompareOptions.builder().build(), share);
  }

  private static String outcome(Path l, Path r, CompareOptions options, boolean share) {
    try {
      ComparisonResult result =
          ArchiveComparator.compare(l, "left", r, "right", options, share ? 0 : -1);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      CompareReport.json(result, json);
      return CompareReport.text(result) + "\n" + json.toString(StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Test
  void of_rebuiltJar_sharesExactlyTheEntriesWhoseRawBytesAndRecordsMatch() throws IOException {
    Path l = TestData.path("demo/release/demo-app-1.0.jar");
    Path r = TestData.path("demo/tampered/demo-app-1.0.jar");
    // Told apart by Commons Compress's reading of the raw bytes, not by our own.
    TreeSet<String> expected = new TreeSet<>();
    try (ZipFile a = ZipFile.builder().setPath(l).get();
        ZipFile b = ZipFile.builder().setPath(r).get()) {
      for (ZipArchiveEntry e : java.util.Collections.list(a.getEntries())) {
        ZipArchiveEntry o = b.getEntry(e.getName());
        if (e.isDirectory() || o == null) {
          continue;
        }
        boolean sameRecord =
            e.getCompressedSize() >= SharedEntries.FROM_BYTES
                && e.getMethod() == o.getMethod()
                && e.getCrc() == o.getCrc()
                && e.getSize() == o.getSize()
                && e.getCompressedSize() == o.getCompressedSize();
        if (sameRecord && Arrays.equals(raw(a, e), raw(b, o))) {
          expected.add(e.getName());
        }
      }
    }
    assertTrue(expected.size() > 1, "the fixtures share entries: " + expected);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      SharedEntries s = SharedEntries.of(l, r, Limits.defaults(), pool);
      assertEquals(expected.size(), s.count());
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] raw(ZipFile z, ZipArchiveEntry e) throws IOException {
    try (InputStream in = z.getRawInputStream(e)) {
      return in.readAllBytes();
    }
  }

  @Test
  void compare_otherBytesUnderOneCrcAndSize_notSharedAndModified() throws IOException {
    // Stored in more than SharedEntries.FROM_BYTES, as the command shares.
    byte[] a =
        "the reviewed rules: allow port 443, deny all else.\n"
            .repeat(12)
            .getBytes(StandardCharsets.UTF_8);
    assertTrue(a.length >= SharedEntries.FROM_BYTES);
    byte[] b = a.clone();
    b[28] = '4';
    b[29] = '4';
    b[30] = '4';
    forgeCrc(b, a.length - 4, crc(a));
    assertEquals(crc(a), crc(b), "the forged CRC");
    Path l = storedZip("left.zip", "rules.txt", a);
    Path r = storedZip("right.zip", "rules.txt", b);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertEquals(0, SharedEntries.of(l, r, Limits.defaults(), pool).count());
      assertEquals(1, SharedEntries.of(l, l, Limits.defaults(), pool).count());
    } finally {
      pool.shutdownNow();
    }
    ComparisonResult result = ArchiveComparator.compare(l, r, CompareOptions.builder().build());
    assertEquals("different", result.verdict().id());
    assertEquals(1, result.summary().modified());
    assertEquals(outcome(l, r, false), outcome(l, r, true));
  }

  @Test
  void compare_sameBytesWhereOneRecordLiesAboutTheCrc_theLieIsFound() throws IOException {
    byte[] a = "the reviewed rules: allow port 443".getBytes(StandardCharsets.UTF_8);
    Path l = storedZip("left.zip", "rules.txt", a);
    Path r = tmp.resolve("right.zip");
    byte[] z = Files.readAllBytes(l);
    // The central record's CRC (16 bytes into it) is one the data does not have.
    int central = indexOf(z, new byte[] {0x50, 0x4b, 0x01, 0x02});
    z[central + 16] ^= 1;
    Files.write(r, z);
    ComparisonResult result = ArchiveComparator.compare(l, r, CompareOptions.builder().build());
    List<String> crc =
        result.findings().stream()
            .filter(f -> f.kind().equals("crc-mismatch"))
            .map(f -> f.path() + " " + f.message().substring(0, f.message().indexOf(':')))
            .toList();
    assertEquals(List.of("rules.txt right"), crc, result.findings().toString());
    assertEquals(outcome(l, r, false), outcome(l, r, true));
  }

  private Path storedZip(String file, String name, byte[] content) throws IOException {
    Path p = tmp.resolve(file);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      ZipEntry e = new ZipEntry(name);
      e.setMethod(ZipEntry.STORED);
      e.setSize(content.length);
      e.setCompressedSize(content.length);
      e.setCrc(crc(content));
      e.setTime(0);
      out.putNextEntry(e);
      out.write(content);
      out.closeEntry();
    }
    return p;
  }

  private static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  /**
   * Changes the four bytes at {@code at} so that {@code data}'s CRC-32 becomes {@code target}. A
   * CRC of a fixed length is affine in the bits: the flips of 32 bits that give the change wanted
   * are found by elimination over GF(2).
   */
  private static void forgeCrc(byte[] data, int at, long target) {
    long base = crc(data);
    int[] basis = new int[32];
    int[] chosen = new int[32];
    for (int k = 0; k < 32; k++) {
      byte[] d = data.clone();
      d[at + k / 8] ^= (byte) (1 << (k % 8));
      int v = (int) (crc(d) ^ base);
      int s = 1 << k;
      for (int bit = 31; bit >= 0 && v != 0; bit--) {
        if ((v >>> bit & 1) == 0) {
          continue;
        }
        if (basis[bit] == 0) {
          basis[bit] = v;
          chosen[bit] = s;
          break;
        }
        v ^= basis[bit];
        s ^= chosen[bit];
      }
    }
    int want = (int) (target ^ base);
    int flips = 0;
    for (int bit = 31; bit >= 0; bit--) {
      if ((want >>> bit & 1) != 0) {
        want ^= basis[bit];
        flips ^= chosen[bit];
      }
    }
    for (int k = 0; k < 32; k++) {
      if ((flips >>> k & 1) != 0) {
        data[at + k / 8] ^= (byte) (1 << (k % 8));
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
