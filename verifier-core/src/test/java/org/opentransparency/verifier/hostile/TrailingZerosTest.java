package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.hostile.Hostile.attack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.compare.FieldDiff;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * What bsdtar writes to stdout, padded with zeros after the compressor's end or the zip's end
 * record (testdata/archives/make-padding.sh): read as gzip, bzip2, GNU tar and unzip read it. Only
 * zeros are passed over, the padding still shows in a comparison, and it buys no room under the
 * limits.
 */
class TrailingZerosTest {
  private static final CompareOptions OPTIONS = CompareOptions.builder().build();

  @TempDir Path dir;

  private static Path fixture(String name) {
    return TestData.path("archives/padding/" + name);
  }

  private static ArchiveIndex index(Path p) throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(p);
  }

  private static String shown(byte[] x, int at) {
    if (at == x.length) {
      return "at offset " + at + ": (end)";
    }
    int end = Math.min(x.length, at + 16);
    return "at offset "
        + at
        + ": "
        + HexFormat.of().formatHex(x, at, end)
        + (end < x.length ? " ..." : " (end)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"tar.gz", "tar.bz2", "zip"})
  void bsdtarToStdout_readAsTheToolsExtractIt_thePaddingShownWhereItDiffers(String type)
      throws IOException {
    Path padded = fixture("padded." + type);
    Path plain = fixture("plain." + type);

    ArchiveIndex idx = index(padded);
    ComparisonResult r = ArchiveComparator.compare(plain, padded, OPTIONS);

    assertEquals(List.of(), idx.findings());
    assertEquals(List.of("a.txt", "b.txt"), List.copyOf(idx.items().keySet()));
    // What GNU tar and unzip extract, hashed by coreutils.
    assertEquals(
        Files.readString(fixture("padded.h1")).trim(), ContentDigest.of(padded, Limits.defaults()));
    // Same entries, other bytes: never identical, and the padding is where they differ.
    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
    byte[] a = Files.readAllBytes(plain);
    byte[] b = Files.readAllBytes(padded);
    int at = Arrays.mismatch(a, b);
    assertEquals(a.length, at);
    assertEquals(List.of(new FieldDiff("bytes", shown(a, at), shown(b, at))), r.archiveFields());
    assertEquals(
        CompareVerdict.IDENTICAL, ArchiveComparator.compare(padded, padded, OPTIONS).verdict());
  }

  /** A byte that is not zero after the end is refused as it always was: gzip warns, exit 2. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "padded-garbage-fail.tar.gz, Unexpected data after a valid .gz stream.",
    "padded-member-fail.tar.gz, Unexpected data after a valid .gz stream.",
    "padded-garbage-fail.tar.bz2, Unexpected data after a valid BZip2 stream",
  })
  void anyOtherByteAfterTheZeros_tooDamagedToRead(String name, String why) {
    Path p = fixture(name);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(p));

    assertEquals(name + ": archive too damaged to read: " + why, e.getMessage());
    assertThrows(InvalidInputException.class, () -> ContentDigest.of(p, Limits.defaults()));
  }

  @Test
  void anyOtherByteAfterAZipsEndRecord_staysUnreferenced() throws IOException {
    Path p = fixture("padded-garbage-fail.zip");

    List<Finding> f = index(p).findings();

    assertEquals(1, f.size(), f.toString());
    assertEquals("unreferenced-bytes", f.get(0).kind());
    long after = Files.size(p) - Files.size(fixture("plain.zip"));
    assertEquals(
        after + " bytes after the end of central directory record are not part of the zip",
        f.get(0).message());
    assertEquals(
        CompareVerdict.DIFFERENT,
        ArchiveComparator.compare(fixture("padded.zip"), p, OPTIONS).verdict());
  }

  /**
   * The JDK looks for another end record before this one where the directory is not right before it
   * (a zip64 zip: "zip END header not found" here, or a decoy's record): no padding there.
   */
  @Test
  void zerosAfterAZip64EndRecord_whereTheJdkLooksElsewhere_stayUnreferenced() throws IOException {
    Path p = dir.resolve("zip64-padded.zip");
    Files.write(p, concat(Files.readAllBytes(attack("zip64-forced.zip")), new byte[1000]));

    List<Finding> f = index(p).findings();

    assertEquals(1, f.size(), f.toString());
    assertEquals("unreferenced-bytes", f.get(0).kind());
    assertTrue(f.get(0).message().startsWith("1000 bytes after the end"), f.get(0).message());
  }

  /** Zeros after the end record are no part of the zip's size, which bounds overlapping entries. */
  @Test
  void zerosAfterAnOverlappingZip_buyNoRoomUnderTheRatio() throws IOException {
    // 200 records over one entry of 1 MiB, in 11 KB: 200 MiB. With the ratio at 4000, 65,000
    // zeros counted as the zip's would allow 304 MB; the zip alone allows 44 MB.
    Path p = dir.resolve("overlap-padded.zip");
    Files.write(p, concat(Files.readAllBytes(attack("zip-overlap-bomb.zip")), new byte[65_000]));
    Limits limits = Limits.defaults().toBuilder().maxCompressionRatio(4000).build();

    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> new ArchiveIndexer(limits).index(p));

    assertEquals("maxCompressionRatio", e.limit());
    assertTrue(
        e.getMessage().startsWith("overlap-padded.zip: its entries together expand"),
        e.getMessage());
  }

  /**
   * At most 64 KiB of zeros, more than bsdtar's block; past them refused, soon (found in review: a
   * gibibyte of them, a sparse file, was read through, each zero room under the ratio limit).
   */
  @ParameterizedTest(name = "{0} + {1} zeros")
  @CsvSource({
    "tar.gz, 65536, ", "tar.gz, 65537, Unexpected data after a valid .gz stream.",
    "tar.bz2, 65536, ", "tar.bz2, 65537, Unexpected data after a valid BZip2 stream",
    "tar.gz, 1073741824, Unexpected data after a valid .gz stream.",
  })
  void zerosAfterTheEnd_atMost64KiB(String type, long zeros, String refused) throws IOException {
    Path p = dir.resolve("padding." + type);
    Files.copy(fixture("plain." + type), p);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(f.length() + zeros);
    }

    if (refused == null) {
      assertEquals(List.of(), index(p).findings());
      assertEquals(
          Files.readString(fixture("padded.h1")).trim(), ContentDigest.of(p, Limits.defaults()));
    } else {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> index(p));
      assertEquals(
          p.getFileName()
              + ": archive too damaged to read: "
              + refused
              + " (more than 65536 zero bytes)",
          e.getMessage());
    }
  }

  /**
   * Zeros after a member inside a compressed stream are that stream's output: 100 MiB of them,
   * gzip'd at about 1000:1 around a padded tar.gz, meet the outer stream's ratio limit.
   */
  @Test
  void zerosAfterANestedMember_countTowardTheOuterRatio() throws IOException {
    Path p = dir.resolve("outer.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p), 1 << 16)) {
      o.write(Files.readAllBytes(fixture("padded.tar.gz")));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 100; i++) {
        o.write(zeros);
      }
    }

    LimitExceededException e = assertThrows(LimitExceededException.class, () -> index(p));

    assertEquals("maxCompressionRatio", e.limit());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
