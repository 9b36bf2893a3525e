package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;

/**
 * End to end with openssl-made CMS fixtures (testdata/signatures/cms): {@code manifest create} with
 * CA certificates, {@code manifest sign}, {@code verify} with the .p7s beside the file.
 */
class CmsVerifyCommandTest {
  private static final String AT = "2026-11-22T00:00:00Z";

  /** After the expiring leaf's notAfter and the token's genTime (see make.sh). */
  private static final String LATER = "2029-01-01T00:00:00Z";

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.in(dir, args);
  }

  private void copy(String fixture, String as) throws IOException {
    Files.copy(TestData.path("signatures/cms/" + fixture), dir.resolve(as));
  }

  @BeforeEach
  void manifest() throws IOException {
    for (String k : List.of("r1", "r2")) {
      run("keygen", "--scheme", "ed25519", "--out", k);
    }
    copy("root-ca.pem", "ca.pem");
    copy("tsa-ca.pem", "tsa-ca.pem");
    CliRun created =
        run(
            "manifest",
            "create",
            "--publisher",
            "Example Security Ltd",
            "--version",
            "1",
            "--expires",
            "2030-01-01T00:00:00Z",
            "--at",
            "2026-11-01T00:00:00Z",
            "--key",
            "root=r1.pub",
            "--key",
            "root=r2.pub",
            "--key",
            "software=ca.pem",
            "--key",
            "timestamp=tsa-ca.pem",
            "--threshold",
            "root=2",
            "-o",
            "m.json");
    assertEquals(0, created.exitCode(), created.err());
    run("manifest", "sign", "-q", "--key", "r1.key", "m.json");
    run("manifest", "sign", "-q", "--key", "r2.key", "m.json");
    copy("release.txt", "release.txt");
  }

  private String caId() {
    CliRun show = run("manifest", "show", "m.json");
    String line =
        show.out()
            .lines()
            .filter(l -> l.contains(" x509-ca software (CN=Test Root CA,O=OpenTransparency Test)"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(show.out()));
    return line.strip().split(" ")[0];
  }

  @Test
  void p7sBesideFile_ok() throws IOException {
    copy("good.p7s", "release.txt.p7s");

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "release.txt");

    assertEquals(0, r.exitCode(), r.err());
    assertEquals("OK release.txt: role software, signed by " + caId() + "\n", r.out());
  }

  @Test
  void expiredLeafWithToken_okWithTimestampDetail() throws IOException {
    copy("expired-ts.p7s", "release.txt.p7s");
    String genTime = TestData.lines("signatures/cms/gentime.txt").get(0);

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", LATER, "release.txt");

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "OK release.txt: role software, signed by " + caId() + "\n  timestamp: " + genTime + "\n",
        r.out());
  }

  @Test
  void expiredLeafWithoutToken_keyExpired() throws IOException {
    copy("expired.p7s", "release.txt.p7s");

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", LATER, "release.txt");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().startsWith("FAILED release.txt: KEY_EXPIRED: "), r.out());
  }

  @Test
  void tamperedFile_digestMismatch() throws IOException {
    copy("good.p7s", "release.txt.p7s");
    Files.writeString(dir.resolve("release.txt"), "tampered\n");

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "release.txt");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().startsWith("FAILED release.txt: DIGEST_MISMATCH: "), r.out());
  }
}
