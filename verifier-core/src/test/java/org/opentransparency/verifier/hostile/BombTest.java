package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.hostile.Hostile.attack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Compression bombs are refused in a moment (testdata/attacks/make-bombs.sh): on the sizes a zip's
 * headers declare before a byte is inflated, one byte past a declared size that lies, and by the
 * running ratio of a compressed stream past its first MiB. The timeout of each test stands for
 * "early": reading the 20 GiB bombs made here to the end takes about a minute. Honest archives of
 * high ratio are read.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BombTest {
  private static final CompareOptions OPTIONS = CompareOptions.builder().build();

  @TempDir Path dir;

  private static ArchiveIndex index(Path p, Limits limits) throws IOException {
    return new ArchiveIndexer(limits).index(p);
  }

  /** The data is not deflate at all: inflating it first would fail as a damaged archive. */
  @ParameterizedTest
  @CsvSource({
    "bomb-declared-garbage.zip, the central directory",
    "bomb-local-declared.zip, its local header",
  })
  void declaredBomb_isRefusedBeforeItsDataIsRead(String name, String header) {
    Path p = attack(name);

    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> index(p, Limits.defaults()));

    assertEquals("maxCompressionRatio", e.limit());
    assertEquals(
        "zeros.bin: expands more than 1000 times its compressed size: "
            + header
            + " declares 16777216 bytes from 1024 (raise it with --max-ratio)",
        e.getMessage());
    assertThrows(LimitExceededException.class, () -> ContentDigest.of(p, Limits.defaults()));
    assertThrows(LimitExceededException.class, () -> ArchiveComparator.compare(p, p, OPTIONS));
  }

  /** The user's case: 20 GiB of zeros in 20 MB, refused in a moment, not after 45 s. */
  @Test
  void twentyGibibyteZip64Bomb_isRefusedOnItsDeclaredSizes() throws IOException {
    Path p = Hostile.zip64Zeros(dir, 20L << 30);

    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> index(p, Limits.defaults()));

    assertEquals("maxCompressionRatio", e.limit());
    assertTrue(
        e.getMessage()
            .startsWith(
                "zeros.bin: expands more than 1000 times its compressed size: the central"
                    + " directory declares 21474836480 bytes from "),
        e.getMessage());
    assertThrows(LimitExceededException.class, () -> ContentDigest.of(p, Limits.defaults()));
    assertThrows(LimitExceededException.class, () -> ArchiveComparator.compare(p, p, OPTIONS));
  }

  /** With the ratio raised, the declared sizes alone pass the total limit: refused unread. */
  @Test
  void declaredSizesOverTheTotal_areRefusedUnread() {
    Limits limits =
        Limits.defaults().toBuilder()
            .maxCompressionRatio(1_000_000)
            .maxTotalBytes(8L << 20)
            .build();

    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> index(attack("bomb-declared-garbage.zip"), limits));

    assertEquals("maxTotalBytes", e.limit());
    assertEquals(
        "zeros.bin: more than 8388608 uncompressed bytes in all, by the sizes the headers declare"
            + " (raise it with --max-total-bytes)",
        e.getMessage());
  }

  /**
   * Headers that declare 1000 bytes before 16 MiB of zeros deflated and then bytes that are not
   * deflate: read to byte 1001 and no further (further, inflating would fail on the garbage).
   */
  @Test
  void sizeThatLies_isReadNoFurtherThanOneBytePastIt() throws IOException {
    Path p = attack("bomb-size-lie.zip");

    ArchiveIndex idx = index(p, Limits.defaults());

    assertEquals(1001, idx.items().get("zeros.bin").size());
    assertEquals(
        List.of(
            new Finding(
                "zeros.bin",
                "size-mismatch",
                "the header claims 1000 bytes, the data holds more (not read past byte 1001)")),
        idx.findings());
    assertEquals(CompareVerdict.DIFFERENT, ArchiveComparator.compare(p, p, OPTIONS).verdict());
  }

  /**
   * Two zips whose text entry declares 1000 bytes and inflates to 400 MiB: the index reads each to
   * byte 1001 (size-mismatch), and the comparison's second look at the modified entry (its diff)
   * read it whole into memory through the JDK, which trusts the stream and not the size: an
   * OutOfMemoryError in the suite's 256 MiB heap. It reads no further than the index did.
   */
  @Test
  void sizeThatLies_boundsTheSecondLookToo() throws IOException {
    Path left = lyingZip("left.zip", "left\n", (byte) 'A', 1000);
    Path right = lyingZip("right.zip", "right\n", (byte) 'A', 1000);

    org.opentransparency.verifier.compare.ComparisonResult r =
        ArchiveComparator.compare(left, right, OPTIONS);

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(1, r.summary().modified());
    assertTrue(r.entries().get(0).diff().contains("+right"), r.entries().get(0).diff().toString());
  }

  /**
   * The same for a binary entry, whose second look finds the first differing byte: two zips of the
   * same 400 MiB, one declaring 1000 bytes and the other 2000. The index read 1001 and 2001 bytes;
   * the offset is where the shorter of those ends, not 400 MiB of inflating later.
   */
  @Test
  void sizeThatLies_boundsTheSearchForTheFirstDifference() throws IOException {
    Path left = lyingZip("left.zip", "\0same", (byte) 0, 1000);
    Path right = lyingZip("right.zip", "\0same", (byte) 0, 2000);

    org.opentransparency.verifier.compare.ComparisonResult r =
        ArchiveComparator.compare(left, right, OPTIONS);

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(1001L, r.entries().get(0).firstDifferenceOffset());
  }

  /**
   * A zip of a.txt: {@code first}, then 400 MiB of {@code fill} deflated, its sizes patched to
   * {@code declared}.
   */
  private Path lyingZip(String name, String first, byte fill, int declared) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(b)) {
      z.setLevel(1);
      z.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
      z.write(first.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] a = new byte[1 << 20];
      java.util.Arrays.fill(a, fill);
      for (int i = 0; i < 400; i++) {
        z.write(a);
      }
      z.closeEntry();
    }
    java.nio.ByteBuffer zip = java.nio.ByteBuffer.wrap(b.toByteArray());
    zip.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= zip.capacity(); i++) {
      int sig = zip.getInt(i);
      if (sig == 0x08074b50) {
        zip.putInt(i + 12, declared); // the data descriptor's size
      } else if (sig == 0x02014b50) {
        zip.putInt(i + 24, declared); // the central record's
      }
    }
    return java.nio.file.Files.write(dir.resolve(name), zip.array());
  }

  /**
   * Nested, the lying zip can only be streamed, and its reader would inflate the rest of the entry
   * to find the next one: nothing after byte 1001 is read, and the size that lies is a finding.
   */
  @Test
  void sizeThatLiesInANestedZip_stopsTheNestedZipThere() throws IOException {
    Path p = attack("bomb-size-lie-nested.zip");

    ArchiveIndex idx = index(p, Limits.defaults());

    assertTrue(
        idx.findings()
            .contains(
                new Finding(
                    "lying.zip!/zeros.bin",
                    "size-mismatch",
                    "the local header claims 1000 bytes, the data holds more (not read past byte"
                        + " 1001): the entries after it are not read")),
        idx.findings()::toString);
    assertEquals(CompareVerdict.DIFFERENT, ArchiveComparator.compare(p, p, OPTIONS).verdict());
  }

  /**
   * 20 GiB of zeros in 1280 gzip members, bzip2 streams, xz streams or zstd frames of 16 MiB each
   * (about 20 MB for gzip, far less for the others): refused by the running ratio.
   */
  @ParameterizedTest
  @CsvSource({"bomb.gz", "bomb.xz", "bomb.zst", "bomb.tar.bz2"})
  void twentyGibibyteStreamBomb_isRefusedByItsRunningRatio(String member) throws IOException {
    Path p = Hostile.repeated(dir, "big-" + member, attack(member), 1280);

    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> index(p, Limits.defaults()));

    assertEquals(
        "big-"
            + member
            + ": expands more than 1000 times its compressed size (raise it with --max-ratio)",
        e.getMessage());
    assertThrows(LimitExceededException.class, () -> ContentDigest.of(p, Limits.defaults()));
  }

  /**
   * 7 GiB of zeros in one tar entry, in 16 MiB gzip members: the stream's compressed bytes were
   * counted again at each member (gzip gives back what it read past one), and the bomb passed.
   */
  @Test
  void tarGzBombInManyMembers_isRefusedByItsRunningRatio() throws IOException {
    Path p = Hostile.tarGzOfZeros(dir, 448);

    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> index(p, Limits.defaults()));

    assertEquals(
        "zeros.tar.gz: expands more than 1000 times its compressed size (raise it with"
            + " --max-ratio)",
        e.getMessage());
  }

  /**
   * Honest archives of high ratio are read: about 855:1 (zip, gzip), and past the ratio under the
   * floor of the first MiB (1,000,000 zeros: about 1028:1 deflated, 20,000:1 in zstd).
   */
  @ParameterizedTest
  @CsvSource({
    "honest-high-ratio.zip",
    "honest-high-ratio.gz",
    "honest-floor.zip",
    "honest-floor.zst"
  })
  void honestHighRatio_isRead(String name) throws IOException {
    Path p = attack(name);

    ArchiveIndex idx = index(p, Limits.defaults());

    assertEquals(List.of(), idx.findings());
    assertEquals(CompareVerdict.IDENTICAL, ArchiveComparator.compare(p, p, OPTIONS).verdict());
    assertTrue(ContentDigest.of(p, Limits.defaults()).startsWith("h1:"));
  }
}
