package org.opentransparency.verifier.hash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.TestData;

class ChecksumCheckTest {
  @TempDir Path dir;

  private final List<CheckResult> results = new ArrayList<>();

  @BeforeEach
  void copyFixtures() throws IOException {
    for (String f : List.of("abc", "empty", "fips-448bit", "fips-896bit", "all-bytes.bin")) {
      Files.copy(TestData.path("hash/files/" + f), dir.resolve(f));
    }
    Files.writeString(dir.resolve("name with spaces.txt"), "spaces\n");
    Files.writeString(dir.resolve("back\\slash.txt"), "backslash\n");
    Files.writeString(dir.resolve("new\nline.txt"), "newline\n");
  }

  private CheckSummary check(String sumsName, String content) throws Exception {
    return check(sumsName, content, ChecksumCheck.options());
  }

  private CheckSummary check(String sumsName, String content, ChecksumCheck.Builder options)
      throws Exception {
    Path sums = dir.resolve(sumsName);
    Files.writeString(sums, content);
    return options.baseDirectory(dir).build().check(sums, results::add);
  }

  private static String recorded(String name) throws IOException {
    return Files.readString(TestData.path("hash/recorded/" + name), UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256sum.txt",
        "sha384sum.txt",
        "sha512sum.txt",
        "sha256sum-tag.txt",
        "sha256sum-binary.txt",
        "sha256sum-crlf.txt",
        "awkward.sha256sum",
        "awkward.sha256sum-tag"
      })
  void check_coreutilsRecordings_allOk(String recording) throws Exception {
    CheckSummary s = check("SUMS", recorded(recording));

    assertTrue(s.passed(), results.toString());
    assertEquals(0, s.failed() + s.malformed() + s.unreadable());
  }

  @Test
  void check_b2sumAndB3sumRecordings_inferAlgorithmFromFileName() throws Exception {
    assertTrue(check("B2SUMS", recorded("b2sum.txt")).passed(), results.toString());
    assertTrue(check("B3SUMS", recorded("b3sum.txt")).passed(), results.toString());
    assertTrue(check("files.sha3-256", recorded("openssl-sha3-256.txt")).passed());
  }

  @Test
  void check_awkwardNames_areUnescaped() throws Exception {
    check("SUMS", recorded("awkward.sha256sum"));

    assertEquals(
        List.of("back\\slash.txt", "name with spaces.txt", "new\nline.txt"),
        results.stream().map(CheckResult::name).toList());
  }

  @Test
  void check_changedFile_failsWithFailed() throws Exception {
    Files.writeString(dir.resolve("abc"), "abd");

    CheckSummary s = check("SUMS", recorded("sha256sum.txt"));

    assertFalse(s.passed());
    assertEquals(1, s.failed());
    assertEquals(CheckResult.Status.FAILED, results.get(0).status());
    assertEquals("abc", results.get(0).name());
  }

  @Test
  void check_missingFile_isUnreadable_orIgnoredWhenAsked() throws Exception {
    Files.delete(dir.resolve("abc"));

    CheckSummary strict = check("SUMS", recorded("sha256sum.txt"));
    CheckResult first = results.get(0);
    results.clear();
    CheckSummary lenient =
        check("SUMS", recorded("sha256sum.txt"), ChecksumCheck.options().ignoreMissing(true));

    assertFalse(strict.passed());
    assertEquals(CheckResult.Status.UNREADABLE, first.status());
    assertEquals("No such file or directory", first.detail());
    assertTrue(lenient.passed());
    assertEquals(1, lenient.ignored());
  }

  @Test
  void check_allMissingAndIgnored_doesNotPass() throws Exception {
    CheckSummary s =
        check(
            "SUMS",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  gone\n",
            ChecksumCheck.options().ignoreMissing(true));

    assertFalse(s.passed());
    assertEquals(1, s.ignored());
  }

  @Test
  void check_malformedLine_failsTheCheck() throws Exception {
    CheckSummary s =
        check(
            "SUMS",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  abc\n"
                + "this is not a checksum line\n");

    assertFalse(s.passed());
    assertEquals(1, s.ok());
    assertEquals(1, s.malformed());
    assertEquals(2, results.get(1).line());
  }

  @Test
  void check_onlyCommentsAndBlankLines_doesNotPass() throws Exception {
    CheckSummary s = check("SUMS", "# nothing here\n\n");

    assertFalse(s.passed());
    assertEquals(List.of(), results);
  }

  @Test
  void check_md5AndSha1Lines_areRefusedAsWeak() throws Exception {
    CheckSummary s =
        check(
            "SUMS",
            "900150983cd24fb0d6963f7d28e17f72  abc\n"
                + "MD5 (abc) = 900150983cd24fb0d6963f7d28e17f72\n"
                + "SHA1 (abc) = a9993e364706816aba3e25717850c26c9cd0d89d\n");

    assertFalse(s.passed());
    assertEquals(3, s.malformed());
    assertTrue(results.get(0).detail().contains("too weak"), results.get(0).detail());
    assertTrue(results.get(2).detail().contains("too weak"), results.get(2).detail());
  }

  @Test
  void check_singleSpaceSeparator_isMalformed() throws Exception {
    // coreutils reads "<hex> <name>" only in its BSD-reversed mode; a lone space is ambiguous.
    CheckSummary s =
        check("SUMS", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad abc\n");

    assertEquals(1, s.malformed());
  }

  @Test
  void check_uppercaseHexAndLeadingWhitespace_accepted() throws Exception {
    CheckSummary s =
        check("SUMS", "  BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD  abc\n");

    assertTrue(s.passed(), results.toString());
  }

  @Test
  void check_opensslOutput_accepted() throws Exception {
    CheckSummary s =
        check(
            "SUMS",
            "SHA2-256(abc)= ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");

    assertTrue(s.passed(), results.toString());
  }

  @Test
  void check_forcedAlgorithm_refusesLinesOfAnother() throws Exception {
    CheckSummary s =
        check(
            "SUMS",
            recorded("sha256sum.txt"),
            ChecksumCheck.options().algorithm(DigestAlgorithm.BLAKE3));

    assertFalse(s.passed());
    assertEquals(0, s.malformed());
    assertEquals(s.failed(), results.size());
  }

  @Test
  void check_mavenSingleHashFile_checksTheFileBesideIt() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("dist"));
    Files.copy(dir.resolve("abc"), sub.resolve("app.jar"));
    Files.writeString(
        sub.resolve("app.jar.sha512"),
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\n");

    CheckSummary s =
        ChecksumCheck.options().build().check(sub.resolve("app.jar.sha512"), results::add);

    assertTrue(s.passed(), results.toString());
    assertEquals(sub.resolve("app.jar").toString(), results.get(0).name());
    assertEquals(DigestAlgorithm.SHA512, results.get(0).algorithm());
  }

  @Test
  void check_mavenSha1File_isRefusedAsWeak() throws Exception {
    Files.copy(dir.resolve("abc"), dir.resolve("app.jar"));

    CheckSummary s = check("app.jar.sha1", "a9993e364706816aba3e25717850c26c9cd0d89d\n");

    assertFalse(s.passed());
    assertTrue(results.get(0).detail().contains("too weak"), results.get(0).detail());
  }

  @Test
  void check_directoryAsChecksumFile_throws() {
    assertThrows(IOException.class, () -> ChecksumCheck.options().build().check(dir, results::add));
  }

  @Test
  void check_hugeLine_isMalformedWithoutBufferingIt() throws Exception {
    String huge = "a".repeat(ChecksumCheck.MAX_LINE_BYTES * 3);
    String ok = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  abc\n";

    CheckSummary s =
        ChecksumCheck.options()
            .baseDirectory(dir)
            .build()
            .check(
                new ByteArrayInputStream((huge + "\n" + ok).getBytes(UTF_8)), "SUMS", results::add);

    assertEquals(1, s.malformed());
    assertEquals(1, s.ok());
    assertTrue(results.get(0).detail().contains("longer than"));
  }

  @Test
  void check_invalidEscape_isMalformed() throws Exception {
    CheckSummary s =
        check(
            "SUMS", "\\ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\\tb\n");

    assertEquals(1, s.malformed());
  }
}
