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
}
