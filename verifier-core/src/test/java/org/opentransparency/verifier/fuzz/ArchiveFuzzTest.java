package org.opentransparency.verifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareAccess;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.hash.ContentDigest;
import org.opentransparency.verifier.report.CompareReport;

/**
 * Archive reading and comparison through the real entry points ({@link ArchiveIndexer}, {@link
 * ContentDigest}, {@link ArchiveComparator}), one target per format family, each seeded from
 * testdata (src/test/resources/.../ArchiveFuzzTestInputs/METHOD). Invariants: only documented
 * exceptions escape; an input compared with itself is never "equivalent" and is "different" only
 * with a finding or an entry that cannot be compared; an input compared with a copy that differs in
 * one byte is never "identical".
 */
class ArchiveFuzzTest {
  private static final Path DIR = FuzzSupport.scratch("archive");
  private static final CompareOptions OPTIONS =
      CompareOptions.builder().limits(FuzzSupport.LIMITS).build();

  @FuzzTest
  void zip(byte[] data) throws IOException {
    check(data, "a.zip");
  }

  @FuzzTest
  void tar(byte[] data) throws IOException {
    check(data, "a.tar");
  }

  @FuzzTest
  void compressedTar(byte[] data) throws IOException {
    check(data, "a.tar.gz");
  }

  @FuzzTest
  void ar(byte[] data) throws IOException {
    check(data, "a.deb");
  }

  @FuzzTest
  void sevenZ(byte[] data) throws IOException {
    check(data, "a.7z");
  }

  @FuzzTest
  void cpio(byte[] data) throws IOException {
    check(data, "a.cpio");
  }

  /**
   * Differential: a zip compared with itself and with a copy one byte away gives one outcome
   * (report, or refusal) whether the entries the two hold in the same bytes are read once for both
   * sides, every one however small, or each by its side.
   */
  @FuzzTest
  void zipShared(byte[] data) throws IOException {
    Path left = Files.write(DIR.resolve("left-shared.zip"), data);
    assertEquals(outcome(left, left, -1), outcome(left, left, 0));
    if (data.length > 0) {
      byte[] other = data.clone();
      other[other.length / 2] ^= 0x01;
      Path right = Files.write(DIR.resolve("right-shared.zip"), other);
      assertEquals(outcome(left, right, -1), outcome(left, right, 0));
    }
  }

  /** The text and JSON reports, or the refusal the comparison ends in. */
  private static String outcome(Path left, Path right, long shareFromBytes) {
    try {
      ComparisonResult r = CompareAccess.compare(left, right, OPTIONS, shareFromBytes);
      java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
      CompareReport.json(r, json);
      return CompareReport.text(r) + json.toString(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      FuzzSupport.expected(e);
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static void check(byte[] data, String name) throws IOException {
    Path left = Files.write(DIR.resolve("left-" + name), data);
    ArchiveIndex idx;
    try {
      idx = new ArchiveIndexer(FuzzSupport.LIMITS).index(left);
    } catch (IOException e) {
      FuzzSupport.expected(e);
      return;
    }
    try {
      String h1 = ContentDigest.of(left, FuzzSupport.LIMITS);
      assertTrue(h1.startsWith("h1:"), h1);
    } catch (IOException e) {
      FuzzSupport.expected(e);
    }
    try {
      ComparisonResult self = ArchiveComparator.compare(left, left, OPTIONS);
      assertNotEquals(CompareVerdict.EQUIVALENT, self.verdict(), "same bytes are identical");
      if (self.verdict() == CompareVerdict.DIFFERENT) {
        assertTrue(
            !self.findings().isEmpty() || self.summary().modified() > 0,
            "a self-comparison is different only with a finding or an unreadable entry");
        assertEquals(0, self.summary().added() + self.summary().removed());
      } else {
        assertTrue(idx.findings().stream().allMatch(f -> isNote(f.kind())), "finding ignored");
      }
      if (data.length > 0) {
        byte[] other = data.clone();
        other[other.length / 2] ^= 0x01;
        Path right = Files.write(DIR.resolve("right-" + name), other);
        ComparisonResult r = ArchiveComparator.compare(left, right, OPTIONS);
        assertNotEquals(CompareVerdict.IDENTICAL, r.verdict(), "other bytes are never identical");
      }
    } catch (IOException e) {
      FuzzSupport.expected(e);
    }
  }

  private static boolean isNote(String kind) {
    return kind.equals("streamed-zip")
        || kind.equals("not-expanded")
        || kind.equals("unreadable-nested-archive");
  }
}
