package org.opentransparency.verifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.buildinfo.BuildInfo;
import org.opentransparency.verifier.buildinfo.BuildInfoCheck;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigester;
import org.opentransparency.verifier.hash.ProgressListener;

/**
 * Maven {@code .buildinfo} parsing and checking ({@link BuildInfo}, {@link BuildInfoCheck}).
 * Invariant: an artifact is OK only when its length and a strong checksum listed for it are true.
 */
class BuildInfoFuzzTest {
  private static final Path DIR = FuzzSupport.scratch("buildinfo");
  private static final Path JAR = DIR.resolve("demo-1.0.jar");

  static {
    try {
      Files.writeString(JAR, "pretend this is a jar\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void buildinfo(byte[] data) throws IOException {
    BuildInfo info;
    try {
      info = BuildInfo.parse(data);
    } catch (InvalidInputException e) {
      FuzzSupport.expected(e);
      return;
    }
    for (BuildInfoCheck.Result r : BuildInfoCheck.checkFiles(info, List.of(JAR))) {
      if (r.status() != BuildInfoCheck.Status.OK) {
        continue;
      }
      Optional<BuildInfo.Output> o =
          info.outputs().stream().filter(x -> x.filename().equals("demo-1.0.jar")).findFirst();
      assertTrue(o.isPresent());
      assertEquals(Files.size(JAR), o.get().length());
      boolean strongAndTrue = false;
      for (var c : o.get().checksums().entrySet()) {
        Optional<DigestAlgorithm> a = DigestAlgorithm.fromId(c.getKey().replace("sha-", "sha"));
        if (a.isPresent() && a.get().isStrong()) {
          String actual =
              FileDigester.digest(JAR, List.of(a.get()), ProgressListener.NONE)
                  .digest(a.get())
                  .hex();
          strongAndTrue |= actual.equals(c.getValue().strip().toLowerCase(Locale.ROOT));
        }
      }
      assertTrue(strongAndTrue, "OK without a true strong checksum");
    }
  }
}
