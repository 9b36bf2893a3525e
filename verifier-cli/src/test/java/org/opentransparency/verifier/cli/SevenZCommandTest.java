package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentransparency.verifier.TestData;

/**
 * 7z archives of every coder 7-Zip writes are read on the command line (PPMd and BCJ2 were refused
 * as "too damaged to read"); what cannot be checked is refused by name, exit 2.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SevenZCommandTest {
  private static final Path DIR = TestData.path("archives/7z-coders");

  private static CliRun run(String... args) {
    return CliRun.in(DIR, args);
  }

  private static String treeDigest() {
    CliRun tar = run("hash", "--content", "tree.tar");
    assertEquals(0, tar.exitCode(), tar.err());
    return tar.out().substring(0, tar.out().indexOf(' '));
  }

  @Test
  void hashContent_ofPpmdAndBcj2_isTheTreesDigest() {
    String h1 = treeDigest();

    CliRun r = run("hash", "--content", "ppmd.7z", "bcj2.7z");

    assertEquals(new CliRun(0, h1 + "  ppmd.7z\n" + h1 + "  bcj2.7z\n", ""), r);
  }

  @Test
  void hashContent_ofAnEncrypted7z_saysSo() {
    assertEquals(
        new CliRun(
            2, "", "verifier: error: encrypted-fail.7z: encrypted 7z entries cannot be checked\n"),
        run("hash", "--content", "encrypted-fail.7z"));
    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: encrypted-header-fail.7z: encrypted 7z entries cannot be"
                + " checked\n"),
        run("hash", "--content", "encrypted-header-fail.7z"));
  }

  @Test
  void hashContent_ofAnUnknownCoder_namesIt() {
    assertEquals(
        new CliRun(
            2, "", "verifier: error: unknown-coder-fail.7z: 7z coder 0x7f is not supported\n"),
        run("hash", "--content", "unknown-coder-fail.7z"));
  }

  @Test
  void compare_ofTwoCoders_isEquivalent() {
    CliRun r = run("compare", "--mode", "content", "ppmd.7z", "bcj2.7z");

    assertEquals(0, r.exitCode(), r.out() + r.err());
  }
}
