package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.tuf.TufClient;

/**
 * {@code verifier tuf} and {@code verify --tuf-metadata} on testdata/tuf/repo, read as a directory.
 */
class TufCommandTest {
  @TempDir Path dir;
  String repo;

  @BeforeEach
  void init() {
    repo = TestData.path("tuf/repo").toString();
    CliRun r =
        CliRun.in(dir, "tuf", "init", "--metadata-dir", "md", repo + "/metadata/1.root.json");
    assertEquals(0, r.exitCode(), r.err());
  }

  private CliRun download(String target) {
    return CliRun.in(
        dir,
        "tuf",
        "download",
        "--metadata-dir",
        "md",
        "--metadata-url",
        repo + "/metadata",
        "--target-base-url",
        repo + "/targets",
        "--target-dir",
        "out",
        "--target-name",
        target);
  }

  @Test
  void refresh_followsTheRootRotationAndStoresEveryRole() throws IOException {
    CliRun r =
        CliRun.in(
            dir, "tuf", "refresh", "--metadata-dir", "md", "--metadata-url", repo + "/metadata");

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "OK tuf refresh: trusted root v2, snapshot v2, targets v2, timestamp v2\n", r.out());
    assertTrue(Files.exists(dir.resolve("md/snapshot.json")));
  }

  @Test
  void refresh_json() {
    CliRun r =
        CliRun.in(
            dir,
            "tuf",
            "refresh",
            "--format",
            "json",
            "--metadata-dir",
            "md",
            "--metadata-url",
            repo + "/metadata");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("{\"command\":\"tuf refresh\",\"verdict\":\"valid\""), r.out());
  }

  @Test
  void download_delegatedTarget_thenFromTheCache() throws IOException {
    CliRun first = download("rules/rules.tar");
    CliRun second = download("rules/rules.tar");

    assertEquals(0, first.exitCode(), first.err());
    assertEquals("demo rules\n", Files.readString(dir.resolve("out/rules%2Frules.tar")));
    assertTrue(first.out().contains("downloaded rules/rules.tar (11 bytes)"), first.out());
    assertTrue(second.out().contains("cached     rules/rules.tar"), second.out());
  }

  @Test
  void download_unknownTarget_exits1WithItsReason() {
    CliRun r = download("rules/other.tar");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("TUF_TARGET_NOT_FOUND"), r.out());
  }

  @Test
  void refresh_withoutInit_exits1() {
    CliRun r =
        CliRun.in(
            dir, "tuf", "refresh", "--metadata-dir", "none", "--metadata-url", repo + "/metadata");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("TUF_METADATA_MISSING"), r.out());
  }

  @Test
  void badArguments_exit2() {
    CliRun ftp =
        CliRun.in(dir, "tuf", "refresh", "--metadata-dir", "md", "--metadata-url", "ftp://x/");

    assertEquals(2, CliRun.in(dir, "tuf", "refresh", "--metadata-dir", "md").exitCode());
    assertEquals(2, ftp.exitCode());
    assertTrue(
        ftp.err().startsWith("verifier: error: tuf refresh: --metadata-url: only http"), ftp.err());
  }

  @Test
  void verifyTufMetadata_checksAFileOffline() throws IOException {
    assertEquals(0, download("rules/rules.tar").exitCode());
    Files.writeString(dir.resolve("rules.tar"), "demo rules\n");
    Files.writeString(dir.resolve("bad.tar"), "demo rulez\n");

    CliRun good =
        CliRun.in(
            dir, "verify", "--tuf-metadata", "md", "--target-name", "rules/rules.tar", "rules.tar");
    CliRun bad =
        CliRun.in(
            dir, "verify", "--tuf-metadata", "md", "--target-name", "rules/rules.tar", "bad.tar");
    CliRun unknown = CliRun.in(dir, "verify", "--tuf-metadata", "md", "rules.tar");

    assertEquals(0, good.exitCode(), good.out() + good.err());
    assertTrue(good.out().contains("  matches    rules/rules.tar (11 bytes) -> "), good.out());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.out().contains("DIGEST_MISMATCH"), bad.out());
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.out().contains("TUF_TARGET_NOT_FOUND"), unknown.out());
  }

  @Test
  void verifyTufMetadata_cannotCheck_exits2() throws IOException {
    Files.writeString(dir.resolve("f"), "x");

    assertEquals(2, CliRun.in(dir, "verify", "--tuf-metadata", "nowhere", "f").exitCode());
    assertEquals(
        2,
        CliRun.in(dir, "verify", "--tuf-metadata", "md", "--manifest", "m.json", "f").exitCode());
    assertEquals(2, CliRun.in(dir, "verify", "f").exitCode());
  }

  @Test
  void refresh_relativeDirectory_resolvesAgainstTheWorkingDirectoryOfTheCommand()
      throws IOException {
    // The command's working directory (dir), not the JVM's: the forwarding server runs many
    // commands, each from its caller's directory.
    copyTree(Path.of(repo), dir.resolve("mirror"));

    CliRun r =
        CliRun.in(
            dir, "tuf", "refresh", "--metadata-dir", "md", "--metadata-url", "mirror/metadata");

    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void refresh_relativeFileUrl_isAUsageErrorNamingTheForm() {
    CliRun r =
        CliRun.in(
            dir,
            "tuf",
            "refresh",
            "--metadata-dir",
            "md",
            "--metadata-url",
            "file:mirror/metadata");

    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("a file URL names an absolute path"), r.err());
  }

  @Test
  void init_rootLargerThanAnyRoot_isRefusedAsItIsRead() throws IOException {
    Files.write(dir.resolve("big.json"), new byte[(int) TufClient.ROOT_MAX_LENGTH + 1]);

    CliRun r = CliRun.in(dir, "tuf", "init", "--metadata-dir", "md2", "big.json");

    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().contains("is larger than the limit of 512000 bytes"), r.err());
    assertTrue(Files.notExists(dir.resolve("md2/root.json")));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
