package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.hash.CheckResult;
import org.opentransparency.verifier.hash.ChecksumCheck;

/** Hostile checksum files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileChecksumTest {
  @TempDir Path dir;

  /**
   * A name holding a NUL, checked against a base directory (as {@code audit --sums} does), threw
   * InvalidPathException out of the check (found by ChecksumFuzzTest): now that line is unreadable.
   */
  @Test
  void nulInANameUnderABaseDirectory() throws Exception {
    String sums = "0".repeat(64) + "  a\u0000b.txt\n";
    List<CheckResult> results = new ArrayList<>();
    ChecksumCheck.options()
        .baseDirectory(dir)
        .build()
        .check(
            new ByteArrayInputStream(sums.getBytes(StandardCharsets.UTF_8)),
            "SHA256SUMS",
            results::add);
    assertEquals(1, results.size());
    assertEquals(CheckResult.Status.UNREADABLE, results.get(0).status());
    assertEquals("invalid file name", results.get(0).detail());
  }
}
