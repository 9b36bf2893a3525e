package org.opentransparency.verifier.buildinfo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.TestData;

class BuildInfoTest {
  @TempDir Path dir;

  private static BuildInfo real() throws IOException {
    return BuildInfo.parse(Files.readAllBytes(TestData.path("buildinfo/out/demo-1.0.buildinfo")));
  }

  @Test
  void parse_mavenArtifactPluginOutput_twoOutputs() throws IOException {
    BuildInfo b = real();

    assertEquals(
        List.of("demo-1.0.pom", "demo-1.0.jar"),
        b.outputs().stream().map(BuildInfo.Output::filename).toList());
    assertEquals("demo", b.properties().get("artifact-id"));
  }

  @Test
  void checkDirectory_artifactsAsBuilt_allOk() throws IOException {
    List<BuildInfoCheck.Result> r =
        BuildInfoCheck.checkDirectory(real(), TestData.path("buildinfo/out"));

    assertTrue(r.stream().allMatch(x -> x.status() == BuildInfoCheck.Status.OK), r.toString());
  }

  @Test
  void checkDirectory_tamperedJar_mismatchNamingLengthAndDigest() throws IOException {
    List<BuildInfoCheck.Result> r =
        BuildInfoCheck.checkDirectory(real(), TestData.path("buildinfo/out/tampered"));

    BuildInfoCheck.Result jar = r.get(1);
    assertEquals(BuildInfoCheck.Status.MISMATCH, jar.status());
    assertTrue(jar.detail().contains("length 1853, expected 1852"), jar.detail());
    assertTrue(jar.detail().contains("sha512"), jar.detail());
  }

  @Test
  void checkDirectory_absent_missing() throws IOException {
    List<BuildInfoCheck.Result> r = BuildInfoCheck.checkDirectory(real(), dir);

    assertEquals(
        List.of(BuildInfoCheck.Status.MISSING, BuildInfoCheck.Status.MISSING),
        r.stream().map(BuildInfoCheck.Result::status).toList());
  }

  @Test
  void parse_multiModuleForm_outputsNM() throws IOException {
    String text =
        "outputs.0.0.filename=a.jar\noutputs.0.0.length=3\noutputs.0.0.checksums.sha512=00\n"
            + "outputs.1.0.filename=b.jar\noutputs.1.0.length=4\noutputs.1.0.checksums.sha512=11\n";

    BuildInfo b = BuildInfo.parse(text.getBytes(UTF_8));

    assertEquals(2, b.outputs().size());
  }

  @Test
  void parse_keyTwice_refused() {
    String text =
        "outputs.0.filename=a.jar\noutputs.0.length=3\noutputs.0.checksums.sha512=00\n"
            + "outputs.0.checksums.sha512=11\n";

    assertThrows(InvalidInputException.class, () -> BuildInfo.parse(text.getBytes(UTF_8)));
  }

  @Test
  void check_md5Only_mismatchEvenWhenItMatches() throws IOException {
    Path f = Files.writeString(dir.resolve("a.jar"), "abc");
    String text =
        "outputs.0.filename=a.jar\noutputs.0.length=3\noutputs.0.checksums.md5=900150983cd24fb0d6963f7d28e17f72\n";

    List<BuildInfoCheck.Result> r =
        BuildInfoCheck.checkDirectory(BuildInfo.parse(text.getBytes(UTF_8)), dir);

    assertEquals(BuildInfoCheck.Status.MISMATCH, r.get(0).status());
    assertTrue(r.get(0).detail().contains("no strong checksum"), r.get(0).detail());
    assertTrue(Files.exists(f));
  }
}
