package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.TestData;

class BuildinfoCommandTest {
  @Test
  void verify_asBuilt_okLinesExit0() {
    CliRun r =
        CliRun.in(TestData.path("buildinfo/out"), "buildinfo", "verify", "demo-1.0.buildinfo");

    assertEquals(new CliRun(0, "OK demo-1.0.pom\nOK demo-1.0.jar\n", ""), r);
  }

  @Test
  void verify_tampered_mismatchExit1() {
    CliRun r =
        CliRun.in(
            TestData.path("buildinfo/out"),
            "buildinfo",
            "verify",
            "--dir",
            "tampered",
            "demo-1.0.buildinfo");

    assertEquals(1, r.exitCode());
    assertTrue(
        r.out()
            .startsWith(
                "OK demo-1.0.pom\nMISMATCH demo-1.0.jar: length 1853, expected 1852; sha512 "),
        r.out());
  }

  @Test
  void verify_artifactNotListed_mismatchExit1() {
    CliRun r =
        CliRun.in(
            TestData.path("archives/out"),
            "buildinfo",
            "verify",
            "../../buildinfo/out/demo-1.0.buildinfo",
            "same-left.jar");

    assertEquals(new CliRun(1, "MISMATCH same-left.jar: not listed in the buildinfo\n", ""), r);
  }

  @Test
  void verify_missingBuildinfo_exit2() {
    CliRun r = CliRun.in(TestData.path("buildinfo/out"), "buildinfo", "verify", "nope.buildinfo");

    assertEquals(2, r.exitCode());
  }

  @Test
  void verify_buildinfoOverTheJsonLimit_exit2NamingTheOptionItTakes() {
    CliRun small =
        CliRun.in(
            TestData.path("buildinfo/out"),
            "buildinfo",
            "verify",
            "--max-json-bytes",
            "100",
            "demo-1.0.buildinfo");
    CliRun raised =
        CliRun.in(
            TestData.path("buildinfo/out"),
            "buildinfo",
            "verify",
            "--max-json-bytes",
            "1000000",
            "demo-1.0.buildinfo");

    assertEquals(2, small.exitCode());
    assertTrue(
        small
            .err()
            .endsWith("is larger than the limit of 100 bytes (raise it with --max-json-bytes)\n"),
        small.err());
    assertEquals(0, raised.exitCode(), raised.err());
  }

  @Test
  void verify_digestInOtherScriptsDigits_mismatchNotACrash() throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("buildinfo");
    java.nio.file.Files.writeString(dir.resolve("a.txt"), "a\n");
    // U+0663 ARABIC-INDIC DIGIT THREE where a hex digit belongs.
    java.nio.file.Files.writeString(
        dir.resolve("a.buildinfo"),
        "buildinfo.version=1.0-SNAPSHOT\noutputs.0.filename=a.txt\noutputs.0.length=2\n"
            + "outputs.0.checksums.sha512=\u0663"
            + "0".repeat(127)
            + "\n");

    CliRun r = CliRun.in(dir, "buildinfo", "verify", "a.buildinfo", "a.txt");

    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("MISMATCH a.txt: sha512 "), r.out());
  }
}
