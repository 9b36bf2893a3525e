package org.opentransparency.verifier.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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

  private static final Set<DigestAlgorithm> STRONG =
      EnumSet.copyOf(
          Arrays.stream(DigestAlgorithm.values()).filter(DigestAlgorithm::isStrong).toList());

  private Path file(String name, int size, int seed) throws IOException {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (i * seed + 7);
    }
    return Files.write(dir.resolve(name), data);
  }

  private static void assertDigestsOf(Path f, FileDigest d) throws IOException {
    byte[] data = Files.readAllBytes(f);
    assertEquals(data.length, d.size(), f.toString());
    assertEquals(MultiDigester.digest(data, d.digests().keySet()), d.digests(), f.toString());
  }

  @Test
  void oneThreadFileAfterFile_eachDigestIsOfItsOwnBytesOnly() throws Exception {
    // The digester of one file is reused for the next on the same thread: nothing of the first
    // may reach the second, for every algorithm, on the small-file and the channel path.
    Path a = file("a", 5000, 31);
    Path b = file("b", 300_000, 17);
    Path empty = file("empty", 0, 1);
    for (Set<DigestAlgorithm> algs :
        List.of(STRONG, EnumSet.of(DigestAlgorithm.SHA256), EnumSet.of(DigestAlgorithm.BLAKE3))) {
      for (Path f : List.of(a, b, a, empty, a, b, b)) {
        assertDigestsOf(f, FileDigester.digest(f, algs, ProgressListener.NONE));
        assertDigestsOf(f, FileDigester.digest(f, algs, ProgressListener.NONE, Files.size(f)));
      }
    }
  }

  @Test
  void aFileThatFailsHalfWay_theNextFileIsStillRight() throws Exception {
    Path a = file("a", 100_000, 31);
    Path notAFile = Files.createDirectory(dir.resolve("d"));
    assertDigestsOf(a, FileDigester.digest(a, STRONG, ProgressListener.NONE));

    // A directory opens as a channel and fails on its first read, with a digester taken.
    assertThrows(
        IOException.class, () -> FileDigester.digest(notAFile, STRONG, ProgressListener.NONE));
    assertThrows(
        IOException.class, () -> FileDigester.digest(notAFile, STRONG, ProgressListener.NONE, 10));

    assertDigestsOf(a, FileDigester.digest(a, STRONG, ProgressListener.NONE));
    assertDigestsOf(a, FileDigester.digest(a, STRONG, ProgressListener.NONE, 100_000));
  }

  @Test
  void restart_onlyOnceFinished() {
    MultiDigester d = MultiDigester.of(STRONG);
    d.update(new byte[] {1, 2, 3}, 0, 3);
    assertThrows(IllegalStateException.class, d::restart);

    Map<DigestAlgorithm, Digest> first = d.finish();
    d.restart().update(new byte[] {1, 2, 3}, 0, 3);
    assertEquals(3, d.count());
    assertEquals(first, d.finish());
    assertThrows(IllegalStateException.class, () -> d.update(new byte[1], 0, 1));
  }
}
