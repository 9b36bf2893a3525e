package org.opentransparency.verifier.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the key manifest itself is not trusted, {@code verify} must say so: the headline code is the
 * manifest's, and its explanation names the manifest and the key at fault, so that nobody reads it
 * as a fault of the update's own signature. JSON still lists every cause after it.
 */
class ManifestHeadlineCommandTest {
  private static final String AT = "2026-11-22T00:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final Map<String, String> ids = new HashMap<>();

  private CliRun run(String... args) {
    return CliRun.in(dir, args);
  }

  @BeforeEach
  void update() throws IOException {
    for (String k : List.of("r1", "r2", "s1", "stranger")) {
      ids.put(k, run("keygen", "--scheme", "ed25519", "--out", k).out().strip());
    }
    Files.writeString(dir.resolve("app.tar.gz"), "app\n");
    CliRun signed = run("sign", "--key", "s1.key", "--role", "software", "--at", AT, "app.tar.gz");
    assertEquals(0, signed.exitCode(), signed.err());
  }

  /** An unsigned manifest: r1 and r2 are root (threshold 2), s1 signs software. */
  private void create(String... extraMembersOfR2) throws IOException {
    CliRun r = run(CliRun.createTwoRootManifest("software=s1.pub"));
    assertEquals(0, r.exitCode(), r.err());
    if (extraMembersOfR2.length == 0) {
      return;
    }
    ObjectNode envelope = (ObjectNode) JSON.readTree(dir.resolve("m.json").toFile());
    ObjectNode payload =
        (ObjectNode) JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
    for (JsonNode key : payload.get("keys")) {
      if (key.get("keyId").asText().equals(ids.get("r2"))) {
        for (int i = 0; i < extraMembersOfR2.length; i += 2) {
          ((ObjectNode) key).set(extraMembersOfR2[i], JSON.readTree(extraMembersOfR2[i + 1]));
        }
      }
    }
    envelope.put("payload", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(payload)));
    Files.write(dir.resolve("m.json"), JSON.writeValueAsBytes(envelope));
  }

  private void signManifest(String... keys) {
    for (String k : keys) {
      assertEquals(0, run("manifest", "sign", "-q", "--key", k + ".key", "m.json").exitCode());
    }
  }

  private CliRun verify(String... format) {
    List<String> args =
        new ArrayList<>(
            List.of("verify", "--manifest", "m.json", "--role", "software", "--at", AT));
    args.addAll(List.of(format));
    args.add("app.tar.gz");
    return run(args.toArray(String[]::new));
  }

  private List<String> jsonCodes() throws IOException {
    return codes(verify("--format", "json"));
  }

  private static List<String> codes(CliRun json) throws IOException {
    assertEquals(1, json.exitCode(), json.err());
    List<String> codes = new ArrayList<>();
    JSON.readTree(json.out().getBytes(UTF_8))
        .get("reasons")
        .forEach(n -> codes.add(n.get("code").asText()));
    return codes;
  }

  private void assertHeadline(String cause) {
    CliRun r = verify();
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "FAILED app.tar.gz: MANIFEST_THRESHOLD_NOT_MET: key manifest v1 is not trusted:"
                    + " signed by 1 of the 2 distinct root keys it needs; "
                    + cause),
        r.out());
    assertEquals("", r.err());
  }

  @Test
  void manifestSignedByTwoRootKeys_ok() throws IOException {
    create();
    signManifest("r1", "r2");

    CliRun r = verify();

    assertEquals(
        new CliRun(0, "OK app.tar.gz: role software, signed by " + ids.get("s1") + "\n", ""), r);
  }

  @Test
  void manifestSignedByUnknownKey_headlineIsTheManifests() throws IOException {
    create();
    signManifest("r1", "stranger");

    assertHeadline(
        "a signature on the key manifest claims key "
            + ids.get("stranger")
            + ", which the manifest does not list\n");
    assertEquals(List.of("MANIFEST_THRESHOLD_NOT_MET", "UNKNOWN_KEY"), jsonCodes());
  }

  @Test
  void manifestSignedByNonRootKey_headlineSaysNotARootKey() throws IOException {
    create();
    signManifest("r1", "s1");

    assertHeadline("key " + ids.get("s1") + " signed the key manifest but is not a root key\n");
    assertEquals(List.of("MANIFEST_THRESHOLD_NOT_MET", "KEY_NOT_AUTHORIZED"), jsonCodes());
  }

  @Test
  void manifestSignedByExpiredRootKey_headlineSaysExpired() throws IOException {
    create("notAfter", "\"2026-11-10T00:00:00Z\"");
    signManifest("r1", "r2");

    assertHeadline(
        "key " + ids.get("r2") + " signed the key manifest but expired at 2026-11-10T00:00:00Z\n");
    assertEquals(List.of("MANIFEST_THRESHOLD_NOT_MET", "KEY_EXPIRED"), jsonCodes());
  }

  @Test
  void manifestSignedByRevokedRootKey_headlineSaysRevoked() throws IOException {
    create("revoked", "{\"at\": \"2026-11-15T00:00:00Z\", \"reason\": \"key-compromise\"}");
    signManifest("r1", "r2");

    assertHeadline(
        "key "
            + ids.get("r2")
            + " signed the key manifest but was revoked at 2026-11-15T00:00:00Z (key-compromise)\n");
    assertEquals(List.of("MANIFEST_THRESHOLD_NOT_MET", "KEY_REVOKED"), jsonCodes());
  }

  @Test
  void manifestExpiredAndUndersigned_bothManifestCodesBeforeTheCause() throws IOException {
    create();
    signManifest("r1", "s1");

    CliRun r =
        run(
            "verify",
            "--manifest",
            "m.json",
            "--role",
            "software",
            "--at",
            "2027-12-01T00:00:00Z",
            "--format",
            "json",
            "app.tar.gz");

    assertEquals(
        List.of("MANIFEST_THRESHOLD_NOT_MET", "MANIFEST_EXPIRED", "KEY_NOT_AUTHORIZED"), codes(r));
  }
}
