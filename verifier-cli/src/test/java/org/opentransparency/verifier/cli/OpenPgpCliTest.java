package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;

/** End to end: a KEYS file into a manifest, then gpg's detached signatures verified beside it. */
class OpenPgpCliTest {
  private static final String AT = "2026-11-22T00:00:00Z";
  private static final String DIR = "signatures/openpgp/";

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.in(dir, args);
  }

  private void copy(String fixture, String as) throws IOException {
    Files.copy(TestData.path(DIR + fixture), dir.resolve(as), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String fingerprint(String name) {
    for (String line : TestData.lines(DIR + "fingerprints.txt")) {
      if (line.startsWith(name + " ")) {
        return line.substring(name.length() + 1).toLowerCase(Locale.ROOT);
      }
    }
    throw new IllegalStateException(name);
  }

  @BeforeEach
  void manifest() throws IOException {
    run("keygen", "--scheme", "ed25519", "--out", "r1");
    run("keygen", "--scheme", "ed25519", "--out", "r2");
    copy("KEYS", "KEYS");
    CliRun created = run(CliRun.createTwoRootManifest("software=KEYS"));
    assertEquals(0, created.exitCode(), created.err());
    run("manifest", "sign", "-q", "--key", "r1.key", "m.json");
    run("manifest", "sign", "-q", "--key", "r2.key", "m.json");
  }

  @Test
  void keysFile_threeOpenPgpKeysInManifest() {
    CliRun show = run("manifest", "show", "m.json");
    assertEquals(0, show.exitCode(), show.err());
    for (String n : new String[] {"alice", "bob", "erin"}) {
      assertTrue(show.out().contains(fingerprint(n)), show.out());
    }
    assertTrue(show.out().contains("Erin Subkey <erin@example.org>"), show.out());
  }

  @Test
  void subkeySignatureBesideFile_ok() throws IOException {
    copy("data.txt", "release.txt");
    copy("erin.txt.asc", "release.txt.asc");
    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "release.txt");
    assertEquals(
        new CliRun(
            0,
            "OK release.txt: role software, signed by "
                + fingerprint("erin")
                + "\n  signed: 2026-02-01T00:00:00Z\n",
            ""),
        r);
  }

  @Test
  void tamperedFile_badSignature() throws IOException {
    copy("data-tampered.txt", "release.txt");
    copy("alice.txt.sig", "release.txt.sig");
    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "release.txt");
    assertEquals(1, r.exitCode());
    assertTrue(
        r.out().startsWith("FAILED release.txt: BAD_SIGNATURE: openpgp signature by "), r.out());
  }

  @Test
  void keyNotInKeysFile_unknownKey() throws IOException {
    copy("data.txt", "release.txt");
    copy("carol.txt.asc", "release.txt.asc");
    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "release.txt");
    assertEquals(1, r.exitCode());
    assertTrue(r.out().startsWith("FAILED release.txt: UNKNOWN_KEY: "), r.out());
  }
}
