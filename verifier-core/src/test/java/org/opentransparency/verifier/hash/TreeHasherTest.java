package org.opentransparency.verifier.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeHasherTest {
  @TempDir Path dir;

  private List<HashOutcome> hash(List<Path> paths, int threads) throws InterruptedException {
    List<HashOutcome> out = new ArrayList<>();
    new TreeHasher(List.of(DigestAlgorithm.SHA256), threads, ProgressListener.NONE)
        .hash(paths, out::add);
    return out;
  }

  @Test
  void hash_directory_listsRegularFilesSortedByPathBytes() throws Exception {
    Files.createDirectories(dir.resolve("t/a"));
    Files.writeString(dir.resolve("t/a/b"), "1");
    Files.writeString(dir.resolve("t/a-b"), "2");
    Files.writeString(dir.resolve("t/B"), "3");
    Files.writeString(dir.resolve("t/\u00e9"), "4");

    List<HashOutcome> out = hash(List.of(dir.resolve("t")), 2);

    String t = dir.resolve("t").toString();
    assertEquals(
        List.of(t + "/B", t + "/a-b", t + "/a/b", t + "/\u00e9"),
        out.stream().map(HashOutcome::name).toList());
  }

  @Test
  void hash_symlinkBelowDirectory_isSkippedNotFollowed() throws Exception {
    Files.createDirectories(dir.resolve("t"));
    Files.writeString(dir.resolve("secret"), "outside");
    Files.createSymbolicLink(dir.resolve("t/link"), dir.resolve("secret"));

    List<HashOutcome> out = hash(List.of(dir.resolve("t")), 1);

    assertEquals(1, out.size());
    HashOutcome.Skipped s = assertInstanceOf(HashOutcome.Skipped.class, out.get(0));
    assertTrue(s.reason().contains("not followed"), s.reason());
  }

  @Test
  void hash_explicitSymlink_isFollowedLikeSha256sum() throws Exception {
    Files.writeString(dir.resolve("target"), "abc");
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target"));

    List<HashOutcome> out = hash(List.of(dir.resolve("link")), 1);

    HashOutcome.Hashed h = assertInstanceOf(HashOutcome.Hashed.class, out.get(0));
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        h.digest().digest(DigestAlgorithm.SHA256).hex());
  }

  @Test
  void hash_missingPath_isFailedAndOthersStillHashed() throws Exception {
    Files.writeString(dir.resolve("present"), "x");

    List<HashOutcome> out = hash(List.of(dir.resolve("absent"), dir.resolve("present")), 2);

    assertInstanceOf(HashOutcome.Failed.class, out.get(0));
    assertInstanceOf(HashOutcome.Hashed.class, out.get(1));
  }

  @Test
  void hash_manyFiles_parallelResultsArriveInOrder() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      files.add(
          Files.writeString(dir.resolve(String.format(Locale.ROOT, "f%03d", i)), "content " + i));
    }

    List<HashOutcome> out = hash(files, 4);

    for (int i = 0; i < files.size(); i++) {
      assertEquals(files.get(i).toString(), out.get(i).name());
      HashOutcome.Hashed h = assertInstanceOf(HashOutcome.Hashed.class, out.get(i));
      assertEquals(
          MultiDigester.digest(
              ("content " + i).getBytes(StandardCharsets.UTF_8), List.of(DigestAlgorithm.SHA256)),
          h.digest().digests());
    }
  }

  @Test
  void hash_walkedAsItGoes_ordersLikeASortOfWholePaths() throws Exception {
    // Directory names that sort apart from their paths: "a/" after "a.txt" and "a-b", before
    // "a0"; and enough files (with one large one among them) to fill several batches.
    Path t = dir.resolve("t");
    for (String d : List.of("a", "a/x", "b", "b/c")) {
      Files.createDirectories(t.resolve(d));
    }
    List<String> files = new ArrayList<>(List.of("a.txt", "a-b", "a0", "a/x/y", "a/x.z", "b/c/d"));
    for (int i = 0; i < 700; i++) {
      files.add(String.format(Locale.ROOT, "b/f%03d", i));
    }
    for (String f : files) {
      Files.writeString(t.resolve(f), f);
    }
    Files.write(t.resolve("b/f350"), new byte[(int) TreeHasher.BATCH_BYTES + 1]);

    List<String> names = hash(List.of(t), 2).stream().map(HashOutcome::name).toList();

    List<String> expected =
        files.stream()
            .map(f -> t + "/" + f)
            .sorted(org.opentransparency.verifier.internal.PathOrder::compare)
            .toList();
    assertEquals(expected, names);
  }
}
