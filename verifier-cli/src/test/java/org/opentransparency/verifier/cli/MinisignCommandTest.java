package org.opentransparency.verifier.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/**
 * minisign and signify end to end: {@code manifest create --key} with the tools' public key files,
 * {@code manifest sign}, {@code manifest show}, {@code verify} with the signature beside the file.
 */
class MinisignCommandTest {
  private static final String AT = "2026-11-22T00:00:00Z";

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.in(dir, args);
  }

  private void copy(String fixture, String as) throws IOException {
    Files.copy(TestData.path(fixture), dir.resolve(as), StandardCopyOption.REPLACE_EXISTING);
  }

  /** The documented key id, computed here from the file: SHA-256 of the 42 decoded bytes. */
  private String keyId(String pubFile) throws IOException {
    byte[] decoded = Base64.getDecoder().decode(Files.readAllLines(dir.resolve(pubFile)).get(1));
    return MultiDigester.digest(decoded, List.of(DigestAlgorithm.SHA256))
        .get(DigestAlgorithm.SHA256)
        .hex();
  }

  @BeforeEach
  void manifest() throws IOException {
    copy("signatures/minisign/minisign.pub", "minisign.pub");
    copy("signatures/signify/signify.pub", "signify.pub");
    for (String k : List.of("r1", "r2")) {
      assertEquals(0, run("keygen", "--scheme", "ed25519", "--out", k).exitCode());
    }
    CliRun created =
        run(CliRun.createTwoRootManifest("software=minisign.pub", "threat-rules=signify.pub"));
    assertEquals(0, created.exitCode(), created.err());
    assertEquals(0, run("manifest", "sign", "-q", "--key", "r1.key", "m.json").exitCode());
    assertEquals(0, run("manifest", "sign", "-q", "--key", "r2.key", "m.json").exitCode());
  }

  @Test
  void verify_minisignBesideFile_okWithTrustedComment() throws IOException {
    copy("signatures/minisign/message.txt", "message.txt");
    copy("signatures/minisign/message.txt.comment.minisig", "message.txt.minisig");

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "message.txt");

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "OK message.txt: role software, signed by "
            + keyId("minisign.pub")
            + "\n  trusted comment: release 1.2.3 of example, built 2026-11-20\n",
        r.out());
  }

  @Test
  void verify_minisignTamperedFile_failedBadSignatureExit1() throws IOException {
    copy("signatures/minisign/message-tampered.txt", "message.txt");
    copy("signatures/minisign/message.txt.minisig", "message.txt.minisig");

    CliRun r =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "message.txt");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().startsWith("FAILED message.txt: BAD_SIGNATURE: "), r.out());
  }

  @Test
  void verify_minisignJson_carriesTrustedComment() throws IOException {
    copy("signatures/minisign/message.txt", "message.txt");
    copy("signatures/minisign/message.txt.comment.minisig", "message.txt.minisig");

    CliRun r =
        run(
            "verify",
            "--manifest",
            "m.json",
            "--role",
            "software",
            "--at",
            AT,
            "--format",
            "json",
            "message.txt");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"format\":\"minisign\""), r.out());
    assertTrue(
        r.out()
            .contains(
                "\"details\":{\"trusted comment\":\"release 1.2.3 of example, built"
                    + " 2026-11-20\"}"),
        r.out());
  }

  @Test
  void verify_signifyBesideFile_ok_andMinisignKeyRoleRefused() throws IOException {
    copy("signatures/signify/message.txt", "message.txt");
    copy("signatures/signify/message.txt.sig", "message.txt.sig");

    CliRun ok =
        run("verify", "--manifest", "m.json", "--role", "threat-rules", "--at", AT, "message.txt");
    assertEquals(0, ok.exitCode(), ok.err());
    assertEquals(
        "OK message.txt: role threat-rules, signed by " + keyId("signify.pub") + "\n", ok.out());

    CliRun wrongRole =
        run("verify", "--manifest", "m.json", "--role", "software", "--at", AT, "message.txt");
    assertEquals(1, wrongRole.exitCode());
    assertTrue(
        wrongRole.out().startsWith("FAILED message.txt: KEY_NOT_AUTHORIZED: "), wrongRole.out());
  }

  @Test
  void manifestShow_listsKeysWithKeyNumbers() throws IOException {
    CliRun r = run("manifest", "show", "m.json");

    assertEquals(0, r.exitCode(), r.err());
    String comment = Files.readAllLines(dir.resolve("minisign.pub")).get(0);
    String minisignId = comment.substring(comment.lastIndexOf(' ') + 1);
    assertTrue(
        r.out()
            .contains(
                "  "
                    + keyId("minisign.pub")
                    + " minisign software (minisign key "
                    + minisignId
                    + ")\n"),
        r.out());
    byte[] signify =
        Base64.getDecoder().decode(Files.readAllLines(dir.resolve("signify.pub")).get(1));
    assertTrue(
        r.out()
            .contains(
                "  "
                    + keyId("signify.pub")
                    + " signify threat-rules (signify key "
                    + java.util.HexFormat.of().formatHex(signify, 2, 10)
                    + ")\n"),
        r.out());
    assertTrue(new String(Files.readAllBytes(dir.resolve("m.json")), UTF_8).contains("payload"));
  }

  @Test
  void manifestCreate_minisignFileAsSignify_byExplicitScheme() throws IOException {
    CliRun r =
        run(
            "manifest",
            "create",
            "--publisher",
            "P",
            "--version",
            "1",
            "--expires",
            "P365D",
            "--key",
            "root=r1.pub",
            "--key",
            "software=minisign.pub#signify",
            "-o",
            "m2.json");
    assertEquals(0, r.exitCode(), r.err());
    CliRun show = run("manifest", "show", "m2.json");
    assertTrue(show.out().contains(keyId("minisign.pub") + " signify software"), show.out());
  }
}
