package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.in(dir, args);
  }

  private String keyId(String name) {
    CliRun r = run("keygen", "--scheme", "ed25519", "--out", name);
    assertEquals(0, r.exitCode(), r.err());
    return r.out().strip();
  }

  private String rootId;
  private String root2Id;

  @BeforeEach
  void keys() {
    rootId = keyId("r1");
    root2Id = keyId("r2");
    keyId("r3");
    keyId("s1");
  }

  private void create(String out, int version) {
    CliRun r =
        run(
            "manifest",
            "create",
            "--publisher",
            "Example Security Ltd",
            "--version",
            Integer.toString(version),
            "--expires",
            "P365D",
            "--at",
            "2026-11-01T00:00:00Z",
            "--key",
            "root=r1.pub",
            "--key",
            "root=r2.pub",
            "--key",
            "root=r3.pub",
            "--key",
            "software,threat-rules=s1.pub",
            "--threshold",
            "root=2",
            "-o",
            out);
    assertEquals(new CliRun(0, "", ""), r);
  }

  private void sign(String manifest, String... keys) {
    for (String k : keys) {
      CliRun r = run("manifest", "sign", "--quiet", "--key", k + ".key", manifest);
      assertEquals(new CliRun(0, "", ""), r);
    }
  }

  @Test
  void keygen_writesPrivateKey0600AndPublicKey() throws IOException {
    assertEquals(64, rootId.length());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("r1.key"))));
    assertTrue(Files.readString(dir.resolve("r1.pub")).startsWith("-----BEGIN PUBLIC KEY-----"));
  }

  @Test
  void keygen_existingKey_notOverwrittenExit2() {
    CliRun r = run("keygen", "--scheme", "ed25519", "--out", "r1");

    assertEquals(
        new CliRun(2, "", "verifier: error: keygen: r1.key exists; not overwriting a key\n"), r);
  }

  @Test
  void keygen_unknownScheme_exit2() {
    CliRun r = run("keygen", "--scheme", "dsa", "--out", "x");

    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown scheme 'dsa'"), r.err());
  }

  @Test
  void keygen_encrypted_needsPassphraseToSign() throws IOException {
    Files.writeString(dir.resolve("pass"), "correct horse\n");
    Files.writeString(dir.resolve("wrong"), "battery staple\n");
    run("keygen", "--scheme", "ecdsa-p256", "--out", "enc", "--passphrase-file", "pass");
    create("m.json", 1);

    CliRun without = run("manifest", "sign", "--key", "enc.key", "m.json");
    CliRun wrong =
        run("manifest", "sign", "--key", "enc.key", "--passphrase-file", "wrong", "m.json");
    CliRun right =
        run(
            "manifest",
            "sign",
            "--quiet",
            "--key",
            "enc.key",
            "--passphrase-file",
            "pass",
            "m.json");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: enc.key: the private key is encrypted; give its passphrase file\n"),
        without);
    assertEquals(
        new CliRun(
            2, "", "verifier: error: enc.key: cannot decrypt the private key: wrong passphrase?\n"),
        wrong);
    assertEquals(new CliRun(0, "", ""), right);
  }

  @Test
  void manifest_createSignVerify_ok() {
    create("m.json", 1);
    sign("m.json", "r1", "r3");

    CliRun r = run("manifest", "verify", "--at", "2026-11-22T00:00:00Z", "m.json");

    assertEquals(new CliRun(0, "OK manifest v1 (Example Security Ltd)\n", ""), r);
  }

  @Test
  void manifest_underSigned_exit1WithCode() {
    create("m.json", 1);
    sign("m.json", "r1", "s1");

    CliRun r = run("manifest", "verify", "--at", "2026-11-22T00:00:00Z", "m.json");

    assertEquals(1, r.exitCode());
    assertTrue(
        r.out()
            .startsWith(
                "FAILED manifest: MANIFEST_THRESHOLD_NOT_MET: key manifest v1 is not trusted: signed"
                    + " by 1 of the 2 distinct root keys it needs; key "),
        r.out());
    assertTrue(r.out().contains(" signed the key manifest but is not a root key"), r.out());
  }

  @Test
  void manifest_expired_exit1() {
    create("m.json", 1);
    sign("m.json", "r1", "r2");

    CliRun r = run("manifest", "verify", "--at", "2027-11-01T00:00:00Z", "m.json");

    assertEquals(
        new CliRun(
            1,
            "FAILED manifest: MANIFEST_EXPIRED: key manifest v1 expired at 2027-11-01T00:00:00Z\n",
            ""),
        r);
  }

  @Test
  void manifest_notJson_exit1ManifestInvalid() throws IOException {
    Files.writeString(dir.resolve("bad.json"), "not json");

    CliRun r = run("manifest", "verify", "--format", "json", "bad.json");

    assertEquals(1, r.exitCode());
    assertTrue(
        r.out()
            .startsWith(
                "{\"verdict\":\"invalid\",\"version\":null,\"publisher\":null,\"signers\":[],\"reasons\":[{\"code\":\"MANIFEST_INVALID\""),
        r.out());
  }

  @Test
  void manifest_missingFile_exit2() {
    CliRun r = run("manifest", "verify", "nope.json");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: " + dir.resolve("nope.json") + ": No such file or directory\n"),
        r);
  }

  @Test
  void manifest_overJsonLimit_exit2NamingLimit() {
    create("m.json", 1);

    CliRun r = run("manifest", "verify", "--max-json-bytes", "100", "m.json");

    assertEquals(2, r.exitCode());
    assertTrue(
        r.err().contains("larger than the limit of 100 bytes (raise it with --max-json-bytes)"),
        r.err());
  }

  @Test
  void manifest_createWithoutRoot_exit2() {
    CliRun r =
        run(
            "manifest",
            "create",
            "--publisher",
            "P",
            "--version",
            "1",
            "--expires",
            "30d",
            "--key",
            "software=s1.pub",
            "-o",
            "m.json");

    assertEquals(new CliRun(2, "", "verifier: error: manifest create: no \"root\" role\n"), r);
  }

  @Test
  void manifest_updateThroughRotation_thenRollbackRefused() {
    create("v1.json", 1);
    sign("v1.json", "r1", "r2");
    create("v2.json", 2);
    sign("v2.json", "r2", "r3");

    CliRun pinned =
        run("manifest", "update", "--state", "st", "--at", "2026-11-22T00:00:00Z", "v1.json");
    CliRun rotated =
        run("manifest", "update", "--state", "st", "--at", "2026-11-22T00:00:00Z", "v2.json");
    CliRun rollback =
        run("manifest", "update", "--state", "st", "--at", "2026-11-22T00:00:00Z", "v1.json");

    assertEquals(new CliRun(0, "OK manifest v1 (Example Security Ltd)\n", ""), pinned);
    assertEquals(new CliRun(0, "OK manifest v2 (Example Security Ltd)\n", ""), rotated);
    assertEquals(
        new CliRun(
            1,
            "FAILED manifest: MANIFEST_ROLLBACK: key manifest v1 is older than the trusted v2\n",
            ""),
        rollback);
  }

  @Test
  void manifest_updateStopsAtFirstFailureKeepingEarlierSteps() throws IOException {
    create("v1.json", 1);
    sign("v1.json", "r1", "r2");
    create("v2.json", 2);
    sign("v2.json", "r1", "r2");
    create("v3.json", 3);
    sign("v3.json", "r1");

    CliRun r =
        run(
            "manifest",
            "update",
            "--state",
            "st",
            "--at",
            "2026-11-22T00:00:00Z",
            "v1.json",
            "v2.json",
            "v3.json");

    assertEquals(1, r.exitCode());
    assertTrue(
        r.out()
            .startsWith(
                "OK manifest v1 (Example Security Ltd)\nOK manifest v2 (Example Security Ltd)\nFAILED manifest: MANIFEST_THRESHOLD_NOT_MET"),
        r.out());
    assertEquals(
        Files.readString(dir.resolve("v2.json")),
        Files.readString(dir.resolve("st/trusted-manifest.json")));
  }

  @Test
  void manifest_show_listsRolesAndKeys() {
    create("m.json", 1);
    sign("m.json", "r1");

    CliRun r = run("manifest", "show", "m.json");

    assertEquals(0, r.exitCode());
    assertTrue(
        r.out()
            .startsWith(
                "manifest v1 (Example Security Ltd)\n  issued  2026-11-01T00:00:00Z\n  expires 2027-11-01T00:00:00Z\nroles:\n  root: 2 of 3 keys\n"),
        r.out());
    assertTrue(r.out().contains("  keyid " + rootId + "\n"), r.out());
    assertTrue(r.out().contains(root2Id + " ed25519 root\n"), r.out());
  }
}
