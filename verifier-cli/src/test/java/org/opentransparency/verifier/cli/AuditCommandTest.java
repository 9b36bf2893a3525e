package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentransparency.verifier.TestData;

/**
 * {@code verifier audit} on the bundled demo (testdata/demo/make.sh): the good release passes, the
 * tampered one fails every check, and every combination of passing and failing checks gives the
 * exit code SPEC 3.8 says.
 */
class AuditCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void copyDemo() throws IOException {
    Path demo = TestData.path("demo");
    for (String f :
        List.of(
            "manifest.json",
            "release/demo-app-1.0.jar",
            "release/demo-app-1.0.jar.dsse",
            "release/demo-app-1.0.buildinfo",
            "release/SHA256SUMS",
            "release/threat-rules-2026-11-22.tar.gz.dsse",
            "rebuild/demo-app-1.0.jar",
            "tampered/demo-app-1.0.jar",
            "tampered/demo-app-1.0.jar.dsse",
            "tampered/demo-app-1.0.buildinfo",
            "tampered/SHA256SUMS")) {
      Path to = dir.resolve(f);
      Files.createDirectories(to.getParent());
      Files.copy(demo.resolve(f), to);
    }
  }

  private CliRun audit(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("audit", "--manifest", "manifest.json", "--role", "software"));
    args.addAll(List.of(extra));
    return CliRun.in(dir, args.toArray(String[]::new));
  }

  @Test
  void demoRelease_everyCheckPasses_exit0() {
    CliRun r =
        audit(
            "--sums",
            "release/SHA256SUMS",
            "--buildinfo",
            "release/demo-app-1.0.buildinfo",
            "--rebuilt",
            "rebuild/demo-app-1.0.jar",
            "release/demo-app-1.0.jar");

    assertEquals(0, r.exitCode(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        "audit of release/demo-app-1.0.jar (role software, at 2026-11-22T00:00:00Z)", lines.get(0));
    assertTrue(lines.get(1).startsWith("  \u2713 signature     dsse signature, role software"));
    assertEquals(
        "  \u2713 checksums     demo-app-1.0.jar matches release/SHA256SUMS (sha256)",
        lines.get(3));
    assertEquals(
        "  \u2713 buildinfo     demo-app-1.0.jar matches release/demo-app-1.0.buildinfo (length and"
            + " checksums)",
        lines.get(4));
    assertEquals(
        "  \u2713 reproducible  equivalent to rebuild/demo-app-1.0.jar: same contents; 14 entries"
            + " differ only in metadata (mtime)",
        lines.get(5));
    assertEquals(
        "        ~ mtime 2026-11-20T10:00:00Z -> 2026-11-28T15:30:00Z: 14 entries (META-INF/,"
            + " META-INF/MANIFEST.MF, com/, ...)",
        lines.get(6));
    assertEquals("PASSED release/demo-app-1.0.jar: 4 of 4 checks passed", lines.get(7));
    assertEquals("", r.err());
  }

  @Test
  void tamperedRelease_failsEveryCheck_namingTheChangedClass() {
    CliRun r =
        audit(
            "--sums",
            "tampered/SHA256SUMS",
            "--buildinfo",
            "tampered/demo-app-1.0.buildinfo",
            "--rebuilt",
            "rebuild/demo-app-1.0.jar",
            "tampered/demo-app-1.0.jar");

    assertEquals(1, r.exitCode(), r.out() + r.err());
    String out = r.out();
    assertTrue(
        out.contains("  \u2717 signature     DIGEST_MISMATCH: sha256 of demo-app-1.0.jar"), out);
    assertTrue(
        out.contains(
            "  \u2717 checksums     sha256 of demo-app-1.0.jar does not match line 1 of"
                + " tampered/SHA256SUMS\n"),
        out);
    assertTrue(out.contains("  \u2717 buildinfo     demo-app-1.0.jar: length"), out);
    assertTrue(
        out.contains(
            "  \u2717 reproducible  different from rebuild/demo-app-1.0.jar: 1 modified, 0 added,"
                + " 0 removed (com/example/scanner/RuleEngine.class)\n"
                + "        M com/example/scanner/RuleEngine.class\n"),
        out);
    assertTrue(out.endsWith("FAILED tampered/demo-app-1.0.jar: 4 of 4 checks failed\n"), out);
  }

  /** Bit 0: the signature fails; 1: the checksum file; 2: the .buildinfo; 3: the rebuild. */
  static Stream<Integer> combinations() {
    return IntStream.range(0, 16).boxed();
  }

  @ParameterizedTest
  @MethodSource("combinations")
  void everyCombinationOfChecks_exitsZeroOnlyWhenAllPass(int failing) throws IOException {
    List<String> args = new ArrayList<>();
    if ((failing & 1) != 0) {
      // The threat-rules statement names another file: NAME_MISMATCH.
      args.addAll(List.of("--signature", "release/threat-rules-2026-11-22.tar.gz.dsse"));
    }
    String sums = Files.readString(dir.resolve("release/SHA256SUMS"), StandardCharsets.UTF_8);
    if ((failing & 2) != 0) {
      sums = sums.replaceFirst("^[0-9a-f]", sums.startsWith("0") ? "1" : "0");
    }
    Files.writeString(dir.resolve("release/SUMS"), sums);
    args.addAll(List.of("--sums", "release/SUMS"));
    String info =
        Files.readString(dir.resolve("release/demo-app-1.0.buildinfo"), StandardCharsets.UTF_8);
    if ((failing & 4) != 0) {
      info = info.replaceAll("(outputs\\.1\\.length=)(\\d+)", "$1" + 1);
    }
    Files.writeString(dir.resolve("release/b.buildinfo"), info);
    args.addAll(List.of("--buildinfo", "release/b.buildinfo"));
    args.addAll(
        List.of(
            "--rebuilt",
            (failing & 8) != 0 ? "tampered/demo-app-1.0.jar" : "rebuild/demo-app-1.0.jar"));
    args.add("release/demo-app-1.0.jar");

    CliRun r = audit(args.toArray(String[]::new));

    assertEquals(failing == 0 ? 0 : 1, r.exitCode(), r.out() + r.err());
    String[] names = {"signature", "checksums", "buildinfo", "reproducible"};
    for (int bit = 0; bit < 4; bit++) {
      String mark = (failing & (1 << bit)) != 0 ? "\u2717 " : "\u2713 ";
      assertTrue(r.out().contains("  " + mark + names[bit] + " "), names[bit] + "\n" + r.out());
    }
    assertEquals("", r.err());
  }

  @Test
  void signatureOnly_missingSignature_exit1() throws IOException {
    Files.delete(dir.resolve("release/demo-app-1.0.jar.dsse"));

    CliRun r = audit("release/demo-app-1.0.jar");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("  \u2717 signature     MISSING_SIGNATURE: "), r.out());
    assertTrue(r.out().endsWith("FAILED release/demo-app-1.0.jar: 1 of 1 check failed\n"));
  }

  @Test
  void missingInputs_exit2_oneLine() {
    CliRun noRebuild = audit("--rebuilt", "nope.jar", "release/demo-app-1.0.jar");
    CliRun noArtifact = audit("nope.jar");
    CliRun noSums = audit("--sums", "nope.sums", "release/demo-app-1.0.jar");
    CliRun role =
        CliRun.in(
            dir,
            "audit",
            "--manifest",
            "manifest.json",
            "--role",
            "firmware",
            "release/demo-app-1.0.jar");

    for (CliRun r : List.of(noRebuild, noArtifact, noSums, role)) {
      assertEquals(2, r.exitCode(), r.err());
      assertEquals("", r.out());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("verifier: error: "), r.err());
    }
    assertTrue(noRebuild.err().contains("nope.jar"), noRebuild.err());
    assertTrue(role.err().contains("firmware"), role.err());
  }

  @Test
  void asciiTerminal_marksChecksPassAndFail() throws IOException {
    Files.delete(dir.resolve("release/demo-app-1.0.jar.dsse"));
    CliRun r =
        CliRun.ascii(
            dir,
            "audit",
            "--manifest",
            "manifest.json",
            "--role",
            "software",
            "--rebuilt",
            "rebuild/demo-app-1.0.jar",
            "release/demo-app-1.0.jar");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("  FAIL signature     MISSING_SIGNATURE"), r.out());
    assertTrue(r.out().contains("  PASS reproducible  equivalent"), r.out());
    assertFalse(r.out().chars().anyMatch(c -> c > 127), r.out());
  }

  @Test
  void utf8Locale_readFromLcAllThenLcCtypeThenLang() {
    assertTrue(CliEnvironment.utf8Locale(java.util.Map.of("LANG", "en_US.UTF-8")));
    assertTrue(CliEnvironment.utf8Locale(java.util.Map.of("LC_CTYPE", "C.utf8", "LANG", "C")));
    assertFalse(CliEnvironment.utf8Locale(java.util.Map.of("LC_ALL", "C", "LANG", "C.UTF-8")));
    assertTrue(CliEnvironment.utf8Locale(java.util.Map.of("LC_ALL", "", "LANG", "C.UTF-8")));
    assertFalse(CliEnvironment.utf8Locale(java.util.Map.of()));
  }

  @Test
  void json_carriesChecksSignatureAndComparison() {
    CliRun r =
        audit(
            "--format",
            "json",
            "--rebuilt",
            "rebuild/demo-app-1.0.jar",
            "release/demo-app-1.0.jar");

    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(
        out.startsWith(
            "{\"verdict\":\"passed\",\"artifact\":{\"path\":\"release/demo-app-1.0.jar\",\"sha256\":\""),
        out);
    assertTrue(out.contains("\"checks\":[{\"check\":\"signature\",\"status\":\"passed\""), out);
    assertTrue(out.contains("{\"check\":\"reproducible\",\"status\":\"passed\""), out);
    assertTrue(out.contains("\"signature\":{\"verdict\":\"valid\""), out);
    assertTrue(out.contains("\"comparison\":{\"verdict\":\"equivalent\""), out);
    assertTrue(out.endsWith("}\n"));
  }

  @Test
  void html_isOneSelfContainedPage() throws IOException {
    CliRun r =
        audit(
            "--format",
            "html",
            "-o",
            "audit.html",
            "--rebuilt",
            "tampered/demo-app-1.0.jar",
            "release/demo-app-1.0.jar");

    assertEquals(1, r.exitCode(), r.err());
    String html = Files.readString(dir.resolve("audit.html"), StandardCharsets.UTF_8);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("default-src 'none'"));
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("http://") || html.contains("https://"), html);
    assertTrue(html.contains("com/example/scanner/RuleEngine.class"));
    assertTrue(html.contains("<span class=\"verdict failed\">failed</span>"));
  }
}
