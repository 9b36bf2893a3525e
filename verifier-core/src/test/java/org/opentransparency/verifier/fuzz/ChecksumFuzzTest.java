package org.opentransparency.verifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentransparency.verifier.hash.CheckResult;
import org.opentransparency.verifier.hash.ChecksumCheck;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigester;
import org.opentransparency.verifier.hash.ProgressListener;

/**
 * Checksum files (coreutils, BSD tags, single-hash) through {@link ChecksumCheck}, against a
 * directory holding one file. Invariant: a line is OK only when the file it names exists and the
 * input holds that file's true digest; nothing escapes but a documented exception.
 */
class ChecksumFuzzTest {
  private static final Path DIR = FuzzSupport.scratch("sums");

  static {
    try {
      Files.writeString(DIR.resolve("a.txt"), "abc\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void sums(byte[] data) throws Exception {
    for (String name : new String[] {"SHA256SUMS", "a.txt.sha512"}) {
      List<CheckResult> results = new ArrayList<>();
      ChecksumCheck check = ChecksumCheck.options().baseDirectory(DIR).threads(1).build();
      try {
        check.check(new ByteArrayInputStream(data), name, results::add);
      } catch (IOException e) {
        FuzzSupport.expected(e);
      }
      String text = new String(data, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      for (CheckResult r : results) {
        if (r.status() == CheckResult.Status.OK) {
          Path target =
              name.endsWith(".sha512") && r.name().equals("a.txt")
                  ? DIR.resolve("a.txt")
                  : DIR.resolve(r.name());
          DigestAlgorithm alg = r.algorithm();
          String actual =
              FileDigester.digest(target, List.of(alg), ProgressListener.NONE).digest(alg).hex();
          assertTrue(text.contains(actual), "OK without the true digest: " + r);
        }
      }
    }
  }
}
