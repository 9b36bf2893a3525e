package org.opentransparency.verifier.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigesterTest {
  private static final Set<DigestAlgorithm> ALGS =
      Set.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);

  @TempDir Path dir;

  @Test
  void smallFilePath_digestsAsTheChannelPathDoes() throws Exception {
    for (int size : List.of(0, 1, 4096, 8191, 8192, 8193, 100_000)) {
      byte[] data = new byte[size];
      for (int i = 0; i < size; i++) {
        data[i] = (byte) (i * 31 + 7);
      }
      Path f = Files.write(dir.resolve("f" + size), data);

      FileDigest channel = FileDigester.digest(f, ALGS, ProgressListener.NONE);
      FileDigest hinted = FileDigester.digest(f, ALGS, ProgressListener.NONE, size);

      assertEquals(channel.size(), hinted.size(), "size " + size);
      for (DigestAlgorithm a : ALGS) {
        assertEquals(channel.digest(a).hex(), hinted.digest(a).hex(), a + ", size " + size);
      }
    }
  }

  @Test
  void hintSmallerThanTheFile_theWholeFileIsRead() throws Exception {
    byte[] data = new byte[50_000];
    data[49_999] = 1;
    Path f = Files.write(dir.resolve("grew"), data);

    FileDigest hinted = FileDigester.digest(f, ALGS, ProgressListener.NONE, 10);

    assertEquals(50_000, hinted.size());
    assertEquals(
        FileDigester.digest(f, ALGS, ProgressListener.NONE).digest(DigestAlgorithm.SHA256).hex(),
        hinted.digest(DigestAlgorithm.SHA256).hex());
  }
}
