package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  private static final String AT = "2026-11-22T00:00:00Z";

  @TempDir Path dir;

  private String s1;

  private CliRun run(String... args) {
    return CliRun.in(dir, args);
  }

  @BeforeEach
  void release() throws IOException {
    for (String k : List.of("r1", "r2", "s1", "t1")) {
      CliRun r = run("keygen", "--scheme", "ed25519", "--out", k);
      if (k.equals("s1")) {
        s1 = r.out().strip();
      }
    }
    assertEquals(
        0,
        run(CliRun.createTwoRootManifest("software,threat-rules=s1.pub", "threat-rules=t1.pub"))
            .exitCode());
    run("manifest", "sign", "-q", "--key", "r1.key", "m.json");
    run("manifest", "sign", "-q", "--key", "r2.key", "m.json");
    Files.writeString(dir.resolve("rules.tar.gz"), "rules\n");
  }

  @Test
  void signThenVerify_okLineExit0() {
    CliRun signed =
        run(
            "sign",
            "--key",
            "s1.key",
            "--role",
            "threat-rules",
            "--version",
            "3",
            "--at",
            AT,
            "rules.tar.gz");

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "threat-rules", "--at", AT, "rules.tar.gz");

    assertEquals(new CliRun(0, "", ""), signed);
    assertEquals(
        new CliRun(0, "OK rules.tar.gz: role threat-rules, signed by " + s1 + "\n", ""), r);
  }

  @Test
  void verify_tampered_failedLineWithCodeExit1() throws IOException {
    run(
        "sign",
        "--key",
        "s1.key",
        "--role",
        "threat-rules",
        "--version",
        "3",
        "--at",
        AT,
        "rules.tar.gz");
    Files.writeString(dir.resolve("rules.tar.gz"), "evil rules\n");

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "threat-rules", "--at", AT, "rules.tar.gz");

    assertEquals(1, r.exitCode());
    assertTrue(
        r.out().startsWith("FAILED rules.tar.gz: DIGEST_MISMATCH: sha256 of rules.tar.gz is "),
        r.out());
    assertEquals("", r.err());
  }

  @Test
  void verify_json_hasEveryMember() {
    run(
        "sign",
        "--key",
        "s1.key",
        "--role",
        "threat-rules",
        "--version",
        "3",
        "--at",
        AT,
        "--expires",
        "7d",
        "rules.tar.gz");

    CliRun r =
        run(
            "verify",
            "--manifest",
            "m.json",
            "--role",
            "threat-rules",
            "--at",
            AT,
            "--format",
            "json",
            "rules.tar.gz");

    assertEquals(0, r.exitCode());
    assertTrue(
        r.out()
            .matches(
                "\\{\"verdict\":\"valid\",\"file\":\"rules.tar.gz\",\"sha256\":\"[0-9a-f]{64}\",\"role\":\"threat-rules\","
                    + "\"format\":\"dsse\",\"signers\":\\[\""
                    + s1
                    + "\"\\],\"threshold\":1,\"version\":3,"
                    + "\"expiresAt\":\"2026-11-29T00:00:00Z\",\"manifest\":\\{\"publisher\":\"Example Security Ltd\",\"version\":1\\},"
                    + "\"details\":\\{\\},\"reasons\":\\[\\]\\}\n"),
        r.out());
  }

  @Test
  void verify_missingSignature_exit1() {
    CliRun r = run("verify", "--manifest", "m.json", "--role", "threat-rules", "rules.tar.gz");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().startsWith("FAILED rules.tar.gz: MISSING_SIGNATURE: "), r.out());
  }

  @Test
  void verify_unknownRole_exit2NamingDefinedRoles() {
    run("sign", "--key", "s1.key", "--role", "threat-rules", "--at", AT, "rules.tar.gz");

    CliRun r = run("verify", "--manifest", "m.json", "--role", "firmware", "rules.tar.gz");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: verify: role 'firmware' is not defined by the manifest; it defines: root, software, threat-rules\n"),
        r);
  }

  @Test
  void verify_missingFile_exit2() {
    CliRun r = run("verify", "--manifest", "m.json", "--role", "threat-rules", "absent.tar.gz");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: " + dir.resolve("absent.tar.gz") + ": No such file or directory\n"),
        r);
  }

  @Test
  void signAppend_secondSignerAdded_thresholdTwoMet() throws IOException {
    run(
        "manifest",
        "create",
        "--publisher",
        "P",
        "--version",
        "1",
        "--expires",
        "P365D",
        "--at",
        "2026-11-01T00:00:00Z",
        "--key",
        "root=r1.pub",
        "--key",
        "software=s1.pub",
        "--key",
        "software=t1.pub",
        "--threshold",
        "software=2",
        "-o",
        "m2.json");
    run("manifest", "sign", "-q", "--key", "r1.key", "m2.json");
    run(
        "sign",
        "--key",
        "s1.key",
        "--role",
        "software",
        "--version",
        "1",
        "--at",
        AT,
        "rules.tar.gz");
    CliRun one =
        run("verify", "--manifest", "m2.json", "--role", "software", "--at", AT, "rules.tar.gz");

    CliRun appended = run("sign", "--append", "--key", "t1.key", "rules.tar.gz");
    CliRun two =
        run("verify", "--manifest", "m2.json", "--role", "software", "--at", AT, "rules.tar.gz");

    assertEquals(1, one.exitCode());
    assertTrue(
        one.out()
            .startsWith(
                "FAILED rules.tar.gz: THRESHOLD_NOT_MET: role software is signed by 1 of the 2"),
        one.out());
    assertEquals(new CliRun(0, "", ""), appended);
    assertEquals(0, two.exitCode(), two.out());
  }

  @Test
  void signAppend_fileChangedSinceSigned_refusedExit2() throws IOException {
    run("sign", "--key", "s1.key", "--role", "software", "--at", AT, "rules.tar.gz");
    Files.writeString(dir.resolve("rules.tar.gz"), "changed\n");

    CliRun r = run("sign", "--append", "--key", "t1.key", "rules.tar.gz");

    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("it changed since it was signed"), r.err());
  }

  @Test
  void verifyState_twoProcessesAtOnce_neitherCorruptsNorLosesAnUpdate() throws Exception {
    int rounds = 3;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < rounds * 2; i++) {
      String name = "u" + i + ".tar.gz";
      Files.writeString(dir.resolve(name), "update " + i + "\n");
      assertEquals(
          0,
          run(
                  "sign",
                  "--key",
                  "s1.key",
                  "--role",
                  "threat-rules",
                  "--version",
                  "5",
                  "--at",
                  AT,
                  name)
              .exitCode());
      names.add(name);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");

    for (int round = 0; round < rounds; round++) {
      List<Process> running = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        running.add(
            new ProcessBuilder(
                    java,
                    "-cp",
                    cp,
                    Main.class.getName(),
                    "verify",
                    "--manifest",
                    "m.json",
                    "--role",
                    "threat-rules",
                    "--at",
                    AT,
                    "--state",
                    "state",
                    names.get(round * 2 + p))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out-" + round + "-" + p).toFile())
                .start());
      }
      for (Process p : running) {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a verify process hung");
        assertEquals(
            0,
            p.exitValue(),
            Files.readString(dir.resolve("out-" + round + "-0"))
                + Files.readString(dir.resolve("out-" + round + "-1")));
      }
    }

    String updates = Files.readString(dir.resolve("state/updates.json"));
    for (String name : names) {
      assertTrue(updates.contains("\"name\" : \"" + name + "\""), name + " lost:\n" + updates);
    }
    // And the state still parses: a further verify of an older version is refused as rollback.
    run(
        "sign",
        "--key",
        "s1.key",
        "--role",
        "threat-rules",
        "--version",
        "4",
        "--at",
        AT,
        names.get(0));
    CliRun rollback =
        run(
            "verify",
            "--manifest",
            "m.json",
            "--role",
            "threat-rules",
            "--at",
            AT,
            "--state",
            "state",
            names.get(0));
    assertTrue(
        rollback.out().startsWith("FAILED " + names.get(0) + ": ROLLBACK"),
        rollback.out() + rollback.err());
    assertTrue(new File(dir.toFile(), "state/trusted-manifest.json").isFile());
  }
}
