package org.opentransparency.verifier.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.signature.UnknownRoleException;

/** SPEC 3.8 through the library: each check passing and failing, inputs that cannot be checked. */
class AuditorTest {
  @TempDir Path dir;

  private Path jar;
  private byte[] manifest;

  @BeforeEach
  void copyDemo() throws IOException {
    Path demo = TestData.path("demo");
    jar = dir.resolve("demo-app-1.0.jar");
    Files.copy(demo.resolve("release/demo-app-1.0.jar"), jar);
    Files.copy(demo.resolve("release/demo-app-1.0.jar.dsse"), dir.resolve("demo-app-1.0.jar.dsse"));
    manifest = Files.readAllBytes(demo.resolve("manifest.json"));
  }

  private AuditResult audit(Auditor.Request r) throws Exception {
    return Auditor.options().build().audit(r);
  }

  private Auditor.Request request() {
    return Auditor.request(jar, manifest, "software", AT);
  }

  private AuditCheck check(AuditResult r, AuditCheck.Kind kind) {
    return r.checks().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void signatureOnly_passes_andSaysWhoSigned() throws Exception {
    AuditResult r = audit(request());

    assertTrue(r.passed());
    assertEquals(1, r.checks().size());
    assertTrue(r.checks().get(0).summary().startsWith("dsse signature, role software, signed by"));
    assertEquals(r.signature().sha256(), r.sha256());
    assertEquals(null, r.comparison());
  }

  @Test
  void checksumFile_namesResolveAgainstItsOwnDirectory() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sums"));
    String digest =
        org.opentransparency.verifier.hash.MultiDigester.digest(
                Files.readAllBytes(jar),
                List.of(org.opentransparency.verifier.hash.DigestAlgorithm.SHA256))
            .get(org.opentransparency.verifier.hash.DigestAlgorithm.SHA256)
            .hex();
    Path good = Files.writeString(sub.resolve("GOOD"), digest + "  ../demo-app-1.0.jar\n");
    Path other = Files.writeString(sub.resolve("OTHER"), digest + "  demo-app-1.0.jar\n");
    Path wrong =
        Files.writeString(sub.resolve("WRONG"), "0".repeat(64) + "  ../demo-app-1.0.jar\n");
    Path malformed =
        Files.writeString(
            sub.resolve("MALFORMED"), digest + "  ../demo-app-1.0.jar\nnot a checksum line\n");

    AuditResult r = audit(request().sums(good).sums(other).sums(wrong).sums(malformed));

    List<AuditCheck> sums =
        r.checks().stream().filter(c -> c.kind() == AuditCheck.Kind.CHECKSUMS).toList();
    assertEquals(
        List.of(true, false, false, false), sums.stream().map(AuditCheck::passed).toList());
    assertTrue(sums.get(1).summary().endsWith("OTHER does not list demo-app-1.0.jar"));
    assertTrue(sums.get(2).summary().contains("does not match line 1"), sums.get(2).summary());
    assertTrue(sums.get(3).summary().endsWith("has 1 malformed line"), sums.get(3).summary());
    assertTrue(sums.get(3).details().get(0).startsWith("line 2 is malformed"));
    assertFalse(r.passed());
    assertEquals(3, r.failures());
  }

  @Test
  void rebuild_identicalEquivalentAndDifferent() throws Exception {
    Path demo = TestData.path("demo");
    Path same = Files.copy(jar, dir.resolve("same.jar"));

    AuditCheck identical = check(audit(request().rebuilt(same)), AuditCheck.Kind.REPRODUCIBLE);
    AuditResult eq = audit(request().rebuilt(demo.resolve("rebuild/demo-app-1.0.jar")));
    AuditResult diff = audit(request().rebuilt(demo.resolve("tampered/demo-app-1.0.jar")));

    assertTrue(identical.passed());
    assertTrue(identical.summary().startsWith("identical to "));
    assertEquals(CompareVerdict.EQUIVALENT, eq.comparison().verdict());
    assertTrue(check(eq, AuditCheck.Kind.REPRODUCIBLE).passed());
    assertEquals(
        List.of(
            "~ mtime 2026-11-20T10:00:00Z -> 2026-11-28T15:30:00Z: 14 entries (META-INF/,"
                + " META-INF/MANIFEST.MF, com/, ...)"),
        check(eq, AuditCheck.Kind.REPRODUCIBLE).details());
    assertFalse(check(diff, AuditCheck.Kind.REPRODUCIBLE).passed());
    assertEquals(
        List.of("M com/example/scanner/RuleEngine.class"),
        check(diff, AuditCheck.Kind.REPRODUCIBLE).details());
  }

  @Test
  void buildinfo_notListingTheArtifact_fails() throws Exception {
    Path info =
        Files.writeString(
            dir.resolve("x.buildinfo"),
            "buildinfo.version=1.0-SNAPSHOT\noutputs.0.filename=other.jar\noutputs.0.length=1\n"
                + "outputs.0.checksums.sha512="
                + "0".repeat(128)
                + "\n");

    AuditCheck c = check(audit(request().buildinfo(info)), AuditCheck.Kind.BUILDINFO);

    assertFalse(c.passed());
    assertEquals("demo-app-1.0.jar: not listed in the buildinfo", c.summary());
  }

  @Test
  void inputsThatCannotBeChecked_throw_beforeAnyCheck() {
    assertThrows(
        NoSuchFileException.class, () -> audit(request().rebuilt(dir.resolve("missing.jar"))));
    assertThrows(NoSuchFileException.class, () -> audit(request().sums(dir.resolve("SUMS"))));
    assertThrows(
        NoSuchFileException.class, () -> audit(request().buildinfo(dir.resolve("x.buildinfo"))));
    assertThrows(
        NoSuchFileException.class,
        () -> audit(Auditor.request(dir.resolve("nope.jar"), manifest, "software", AT)));
    assertThrows(
        UnknownRoleException.class, () -> audit(Auditor.request(jar, manifest, "firmware", AT)));
  }

  @Test
  void shownNames_replacePathsInTheResult() throws Exception {
    AuditResult r = audit(request().show(jar, "release/app.jar"));

    assertEquals("release/app.jar", r.artifact());
  }
}
