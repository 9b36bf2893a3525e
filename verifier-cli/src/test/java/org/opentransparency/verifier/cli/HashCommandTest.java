package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;

class HashCommandTest {
  private static final String ABC_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @TempDir Path dir;

  @BeforeEach
  void fixtures() throws IOException {
    for (String f : List.of("abc", "empty", "fips-448bit", "fips-896bit", "all-bytes.bin")) {
      Files.copy(TestData.path("hash/files/" + f), dir.resolve(f));
    }
  }

  private CliRun run(String... args) {
    return CliRun.in(dir, args);
  }

  /** A checksum file cut short by a full disk is an error, never exit 0; the same file is fine. */
  @Test
  void hash_toAFullDisk_isAnError_andToAFileIsNot() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")));
    CliRun full = run("hash", "-o", "/dev/full", "abc", "all-bytes.bin");
    assertEquals(2, full.exitCode(), full.toString());
    assertTrue(full.err().contains("could not be written in full"), full.err());

    CliRun file = run("hash", "-o", "SUMS", "abc", "all-bytes.bin");
    assertEquals(0, file.exitCode(), file.toString());
    assertEquals(0, run("hash", "--check", "SUMS").exitCode());
  }

  /** Standard output that fails (a closed pipe, a full disk behind it) makes exit 0 an error. */
  @Test
  void hash_whenStandardOutputFails_isAnError() {
    java.io.OutputStream broken =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    CliEnvironment env =
        new CliEnvironment(
            dir,
            java.io.InputStream.nullInputStream(),
            new java.io.PrintStream(broken, false, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
            java.time.Clock.fixed(TestData.AT, java.time.ZoneOffset.UTC),
            false,
            true);
    assertEquals(2, Main.run(new String[] {"hash", "abc"}, env));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("could not be written in full"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void hash_oneFile_printsCoreutilsLine() {
    CliRun r = run("hash", "abc");

    assertEquals(new CliRun(0, ABC_SHA256 + "  abc\n", ""), r);
  }

  @Test
  void hash_fixtures_outputEqualsSha256sum() throws IOException {
    String expected = Files.readString(TestData.path("hash/recorded/sha256sum.txt"));

    CliRun r = run("hash", "abc", "all-bytes.bin", "empty", "fips-448bit", "fips-896bit");

    assertEquals(new CliRun(0, expected, ""), r);
  }

  @Test
  void hash_severalAlgorithms_printsBsdTagsInAlgorithmOrder() {
    CliRun r = run("hash", "-a", "blake3", "-a", "sha256", "abc");

    assertEquals(
        new CliRun(
            0,
            "SHA256 (abc) = "
                + ABC_SHA256
                + "\n"
                + "BLAKE3 (abc) = 6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85\n",
            ""),
        r);
  }

  @Test
  void hash_namesBeyondAscii_sameBytesAsPrintln() throws IOException {
    // Lines are encoded by the command, not by the stream's writer: UTF-8 names and escaped
    // ones must come out exactly as println wrote them.
    assumeTrue(
        "UTF-8".equals(System.getProperty("sun.jnu.encoding")), "file names are not UTF-8 here");
    Files.copy(dir.resolve("abc"), dir.resolve("caf\u00e9-\u2603-\ud83d\ude00"));
    Files.copy(dir.resolve("abc"), dir.resolve("back\\slash\nnewline"));

    CliRun one = run("hash", "caf\u00e9-\u2603-\ud83d\ude00", "back\\slash\nnewline");
    CliRun two = run("hash", "-a", "sha256", "-a", "sha512", "caf\u00e9-\u2603-\ud83d\ude00");

    assertEquals(
        new CliRun(
            0,
            ABC_SHA256
                + "  caf\u00e9-\u2603-\ud83d\ude00\n\\"
                + ABC_SHA256
                + "  back\\\\slash\\nnewline\n",
            ""),
        one);
    assertTrue(
        two.out().startsWith("SHA256 (caf\u00e9-\u2603-\ud83d\ude00) = " + ABC_SHA256 + "\n"),
        two.out());
  }

  @Test
  void hash_directory_hashesFilesBelowSortedWithRelativeNames() throws IOException {
    Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(dir.resolve("tree/sub/z"), "abc");
    Files.writeString(dir.resolve("tree/a"), "");

    CliRun r = run("hash", "tree");

    assertEquals(new CliRun(0, EMPTY_SHA256 + "  tree/a\n" + ABC_SHA256 + "  tree/sub/z\n", ""), r);
  }

  @Test
  void hash_symlinkInDirectory_reportedOnStderrNotFollowed() throws IOException {
    Files.createDirectories(dir.resolve("tree"));
    Files.createSymbolicLink(dir.resolve("tree/link"), Path.of("../abc"));

    CliRun r = run("hash", "tree");

    assertEquals(
        new CliRun(0, "", "verifier: warning: tree/link: symbolic link to ../abc, not followed\n"),
        r);
  }

  @Test
  void hash_stdin_isNamedDash() {
    CliRun r = CliRun.withInput(dir, "abc".getBytes(StandardCharsets.US_ASCII), "hash", "-");

    assertEquals(new CliRun(0, ABC_SHA256 + "  -\n", ""), r);
  }

  @Test
  void hash_json_isOneDocumentWithDigestsAndSizes() throws IOException {
    CliRun r = run("hash", "--format", "json", "-a", "sha256", "-a", "sha512", "abc");

    assertEquals(0, r.exitCode());
    try (JsonParser p = new JsonFactory().createParser(r.out())) {
      while (p.nextToken() != null) {
        // A parse error would throw: the output is well-formed JSON.
      }
    }
    assertTrue(
        r.out()
            .startsWith(
                "{\"algorithms\":[\"sha256\",\"sha512\"],\"files\":[{\"path\":\"abc\",\"status\":\"ok\","
                    + "\"size\":3,\"digests\":{\"sha256\":\""
                    + ABC_SHA256
                    + "\",\"sha512\":\"ddaf35a1"),
        r.out());
    assertTrue(r.out().endsWith("\"}}]}\n"), r.out());
  }

  @Test
  void hash_outputFile_writesReportThere() throws IOException {
    CliRun r = run("hash", "-o", "SUMS", "abc");

    assertEquals(new CliRun(0, "", ""), r);
    assertEquals(ABC_SHA256 + "  abc\n", Files.readString(dir.resolve("SUMS")));
  }

  @Test
  void hash_missingFile_exit2OneLineAndOthersStillPrinted() {
    CliRun r = run("hash", "missing", "abc");

    assertEquals(
        new CliRun(
            2, ABC_SHA256 + "  abc\n", "verifier: error: missing: No such file or directory\n"),
        r);
  }

  @Test
  void hash_unknownAlgorithm_exit2WithKnownList() {
    CliRun r = run("hash", "-a", "md4", "abc");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: hash: Invalid value for option '--algorithm' (ALG): unknown algorithm"
                + " 'md4'; known: sha256, sha384, sha512, sha3-256, sha3-512, blake2b-512, blake3"
                + " (see 'verifier hash --help')\n"),
        r);
  }

  @Test
  void hash_noPath_exit2() {
    CliRun r = run("hash");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: hash: Missing required parameter: 'PATH' (see 'verifier hash --help')\n"),
        r);
  }

  @Test
  void hash_htmlFormat_refusedWithExit2() {
    CliRun r = run("hash", "--format", "html", "abc");

    assertEquals(2, r.exitCode());
    assertEquals(
        "verifier: error: hash: --format html is not available here; use one of [text, json]"
            + " (see 'verifier hash --help')\n",
        r.err());
  }

  @Test
  void hash_badAt_refusedWithExit2() {
    CliRun r = run("hash", "--at", "yesterday", "abc");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: hash: Invalid value for option '--at': not an ISO-8601 instant:"
                + " 'yesterday' (e.g. 2026-11-22T00:00:00Z) (see 'verifier hash --help')\n"),
        r);
  }

  @Test
  void check_allGood_printsOkLinesExit0() throws IOException {
    Files.copy(TestData.path("hash/recorded/sha256sum.txt"), dir.resolve("SHA256SUMS"));

    CliRun r = run("hash", "--check", "SHA256SUMS");

    assertEquals(
        new CliRun(
            0, "abc: OK\nall-bytes.bin: OK\nempty: OK\nfips-448bit: OK\nfips-896bit: OK\n", ""),
        r);
  }

  @Test
  void check_quiet_printsOnlyFailures() throws IOException {
    Files.copy(TestData.path("hash/recorded/sha256sum.txt"), dir.resolve("SHA256SUMS"));
    Files.writeString(dir.resolve("empty"), "no longer empty");

    CliRun r = run("hash", "--check", "--quiet", "SHA256SUMS");

    assertEquals(
        new CliRun(1, "empty: FAILED\n", "verifier: WARNING: 1 computed checksum did NOT match\n"),
        r);
  }

  @Test
  void check_mismatchAndMissing_likeSha256sum() throws IOException {
    Files.copy(TestData.path("hash/recorded/sha256sum.txt"), dir.resolve("SHA256SUMS"));
    Files.writeString(dir.resolve("abc"), "abd");
    Files.delete(dir.resolve("empty"));

    CliRun r = run("hash", "-c", "SHA256SUMS");

    assertEquals(
        new CliRun(
            1,
            "abc: FAILED\nall-bytes.bin: OK\nempty: FAILED open or read\nfips-448bit: OK\nfips-896bit: OK\n",
            "verifier: empty: No such file or directory\n"
                + "verifier: WARNING: 1 listed file could not be read\n"
                + "verifier: WARNING: 1 computed checksum did NOT match\n"),
        r);
  }

  @Test
  void check_listedDirectory_failedOpenOrRead() throws IOException {
    Files.createDirectories(dir.resolve("adir"));
    Files.writeString(dir.resolve("SUMS"), ABC_SHA256 + "  adir\n");

    CliRun r = run("hash", "--check", "SUMS");

    assertEquals(1, r.exitCode());
    assertEquals("adir: FAILED open or read\n", r.out());
    assertTrue(r.err().startsWith("verifier: adir: Is a directory\n"), r.err());
  }

  @Test
  void check_malformedLine_namesLineAndExit1() throws IOException {
    Files.writeString(dir.resolve("SUMS"), ABC_SHA256 + "  abc\nnot a checksum line\n");

    CliRun r = run("hash", "--check", "SUMS");

    assertEquals(
        new CliRun(
            1,
            "abc: OK\n",
            "verifier: SUMS:2: improperly formatted checksum line\n"
                + "verifier: WARNING: 1 line is improperly formatted\n"),
        r);
  }

  @Test
  void check_noChecksumLines_exit1() throws IOException {
    Files.writeString(dir.resolve("SUMS"), "# just a comment\n");

    CliRun r = run("hash", "--check", "SUMS");

    assertEquals(
        new CliRun(1, "", "verifier: SUMS: no properly formatted checksum lines found\n"), r);
  }

  @Test
  void check_oneGoodOneEmptyChecksumFile_exit1AndJsonVerdictFailed() throws IOException {
    Files.writeString(dir.resolve("GOOD"), ABC_SHA256 + "  abc\n");
    Files.writeString(dir.resolve("EMPTY"), "");

    CliRun text = run("hash", "--check", "GOOD", "EMPTY");
    CliRun json = run("hash", "--check", "--format", "json", "GOOD", "EMPTY");

    assertEquals(
        new CliRun(1, "abc: OK\n", "verifier: EMPTY: no properly formatted checksum lines found\n"),
        text);
    assertEquals(1, json.exitCode());
    assertTrue(json.out().contains("\"verdict\":\"failed\""), json.out());
  }

  @Test
  void check_missingChecksumFile_exit2() {
    CliRun r = run("hash", "--check", "NOSUCH");

    assertEquals(new CliRun(2, "", "verifier: error: NOSUCH: No such file or directory\n"), r);
  }

  @Test
  void check_directoryGiven_exit2() throws IOException {
    Files.createDirectories(dir.resolve("adir"));

    CliRun r = run("hash", "--check", "adir");

    assertEquals(new CliRun(2, "", "verifier: error: adir: Is a directory\n"), r);
  }

  @Test
  void check_ignoreMissing_passesWhenTheRestMatches() throws IOException {
    Files.writeString(
        dir.resolve("SUMS"), ABC_SHA256 + "  abc\n" + ABC_SHA256 + "  not-downloaded\n");

    CliRun r = run("hash", "--check", "--ignore-missing", "SUMS");

    assertEquals(new CliRun(0, "abc: OK\n", ""), r);
  }

  @Test
  void check_ignoreMissingButNothingVerified_exit1() throws IOException {
    Files.writeString(dir.resolve("SUMS"), ABC_SHA256 + "  not-downloaded\n");

    CliRun r = run("hash", "--check", "--ignore-missing", "SUMS");

    assertEquals(new CliRun(1, "", "verifier: SUMS: no file was verified\n"), r);
  }

  @Test
  void check_status_printsNothing() throws IOException {
    Files.writeString(dir.resolve("SUMS"), EMPTY_SHA256 + "  abc\n");

    CliRun r = run("hash", "--check", "--status", "SUMS");

    assertEquals(new CliRun(1, "", ""), r);
  }

  @Test
  void check_mavenSha512File_checksSibling() throws IOException {
    Files.createDirectories(dir.resolve("dist"));
    Files.copy(dir.resolve("abc"), dir.resolve("dist/app.jar"));
    run("hash", "-a", "sha512", "-o", "full.txt", "dist/app.jar");
    String hex = Files.readString(dir.resolve("full.txt")).split(" ")[0];
    Files.writeString(dir.resolve("dist/app.jar.sha512"), hex);

    CliRun r = run("hash", "--check", "dist/app.jar.sha512");

    assertEquals(new CliRun(0, "dist/app.jar: OK\n", ""), r);
  }

  @Test
  void check_awkwardNames_printedEscapedLikeCoreutils() throws IOException {
    Files.writeString(dir.resolve("back\\slash.txt"), "backslash\n");
    Files.writeString(dir.resolve("name with spaces.txt"), "spaces\n");
    Files.writeString(dir.resolve("new\nline.txt"), "newline\n");
    Files.copy(TestData.path("hash/recorded/awkward.sha256sum"), dir.resolve("SUMS"));

    CliRun r = run("hash", "--check", "SUMS");

    assertEquals(
        new CliRun(
            0, "\\back\\\\slash.txt: OK\nname with spaces.txt: OK\n\\new\\nline.txt: OK\n", ""),
        r);
  }

  @Test
  void check_json_hasVerdictSummaryAndResults() throws IOException {
    Files.writeString(dir.resolve("SUMS"), ABC_SHA256 + "  abc\n" + ABC_SHA256 + "  empty\n");

    CliRun r = run("hash", "--check", "--format", "json", "SUMS");

    assertEquals(
        new CliRun(
            1,
            "{\"results\":["
                + "{\"checksumFile\":\"SUMS\",\"line\":1,\"path\":\"abc\",\"algorithm\":\"sha256\",\"status\":\"ok\",\"message\":\"\"},"
                + "{\"checksumFile\":\"SUMS\",\"line\":2,\"path\":\"empty\",\"algorithm\":\"sha256\",\"status\":\"failed\",\"message\":\"\"}],"
                + "\"verdict\":\"failed\","
                + "\"summary\":{\"ok\":1,\"failed\":1,\"unreadable\":0,\"ignored\":0,\"malformed\":0},"
                + "\"errors\":[]}\n",
            ""),
        r);
  }

  @Test
  void roundTrip_hashDirectoryThenCheck_ok() throws IOException {
    Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(dir.resolve("tree/sub/x"), "x");
    Files.writeString(dir.resolve("tree/y"), "y");

    CliRun made = run("hash", "-a", "sha3-512", "-a", "blake2b-512", "-o", "TAGS", "tree");
    CliRun checked = run("hash", "--check", "TAGS");

    assertEquals(0, made.exitCode());
    assertEquals(
        new CliRun(0, "tree/sub/x: OK\ntree/sub/x: OK\ntree/y: OK\ntree/y: OK\n", ""), checked);
  }

  @Test
  void version_printsVersionExit0() {
    CliRun r = run("--version");

    assertEquals(0, r.exitCode());
    // The build's version, filled in (not the template's placeholder), and the JVM's.
    assertTrue(
        r.out()
            .matches(
                "verifier [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)? \\(Java "
                    + java.util.regex.Pattern.quote(Runtime.version().toString())
                    + "\\)\n"),
        r.out());
  }

  @Test
  void unknownCommand_exit2OneLine() {
    CliRun r = run("frobnicate");

    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("verifier: error: "), r.err());
  }

  @Test
  void debug_addsStackTraceToErrors() {
    CliRun plain = run("hash", "-o", "no/such/dir/out", "abc");
    CliRun debug = run("hash", "--debug", "-o", "no/such/dir/out", "abc");

    assertEquals(2, plain.exitCode());
    assertEquals(
        "verifier: error: " + dir.resolve("no/such/dir/out") + ": No such file or directory\n",
        plain.err());
    assertTrue(debug.err().lines().count() > 1, debug.err());
  }
}
