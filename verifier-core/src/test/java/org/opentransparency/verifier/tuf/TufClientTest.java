package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.tuf.TufRepo.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.signature.SigningKey;

/**
 * The client workflow against repositories the tests build and sign: each attack beside its valid
 * case.
 */
class TufClientTest {
  @TempDir Path dir;
  TufRepo repo;

  @BeforeEach
  void setUp() throws IOException {
    repo = new TufRepo();
    repo.initIn(dir);
  }

  private TufResult refresh() throws IOException {
    return refresh(TufRepo.AT);
  }

  private TufResult refresh(Instant at) throws IOException {
    return repo.client(dir, at).refresh();
  }

  private TufResult download(String... paths) throws IOException {
    return repo.client(dir, TufRepo.AT).download(List.of(paths), dir.resolve("out"));
  }

  private static void assertRefused(TufResult r, ReasonCode code) {
    assertFalse(r.isValid(), "accepted");
    assertEquals(code, r.reasons().get(0).code(), r.reasons().toString());
  }

  private long stored(String role) throws IOException {
    Path p = dir.resolve(role + ".json");
    return Files.exists(p)
        ? TufRepo.parse(Files.readAllBytes(p)).get("signed").get("version").asLong()
        : 0;
  }

  // --- the valid workflow

  @Test
  void refresh_validRepository_trustsEveryRoleWithVersionedRequests() throws IOException {
    TufResult r = refresh();

    assertTrue(r.isValid(), r.reasons().toString());
    assertEquals(Map.of("root", 1L, "timestamp", 1L, "snapshot", 1L, "targets", 1L), r.trusted());
    assertEquals(
        List.of(
            "metadata/2.root.json",
            "metadata/timestamp.json",
            "metadata/1.snapshot.json",
            "metadata/1.targets.json"),
        repo.takeRequests());
    assertTrue(
        java.util.Arrays.equals(
            repo.served("timestamp", 1), Files.readAllBytes(dir.resolve("timestamp.json"))),
        "stored bytes are the repository's bytes");
  }

  @Test
  void refresh_notConsistentSnapshot_usesUnversionedNames() throws IOException {
    repo.root().put("consistent_snapshot", false);
    repo.publish("root");
    repo.publishAll();

    assertTrue(refresh().isValid());

    assertTrue(
        repo.requests.containsAll(List.of("metadata/snapshot.json", "metadata/targets.json")));
  }

  @Test
  void refresh_secondRun_usesStoredSnapshotAndTargets() throws IOException {
    assertTrue(refresh().isValid());
    repo.takeRequests();

    assertTrue(refresh().isValid());

    assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json"), repo.takeRequests());
  }

  // --- root rotation

  @Test
  void rootRotation_signedByOldAndNew_isFollowedVersionByVersion() throws IOException {
    SigningKey old = repo.signers.get("root").get(0);
    SigningKey fresh = repo.rotate("root");
    repo.signers.get("root").add(old);
    repo.publish("root"); // v2: signed by the old key and the new
    repo.signers.put("root", List.of(fresh));
    repo.publish("root"); // v3: the new key only

    TufResult r = refresh();

    assertTrue(r.isValid(), r.reasons().toString());
    assertEquals(3, stored("root"));
  }

  @Test
  void rootRotation_notSignedByOldThreshold_isRefused() throws IOException {
    repo.rotate("root");
    repo.publish("root"); // signed by the new key only

    TufResult r = refresh();

    assertRefused(r, ReasonCode.THRESHOLD_NOT_MET);
    assertEquals(1, stored("root"));
  }

  @Test
  void rootRotation_notSignedByNewThreshold_isRefused() throws IOException {
    SigningKey old = repo.signers.get("root").get(0);
    repo.rotate("root");
    repo.signers.put("root", List.of(old));
    repo.publish("root");

    assertRefused(refresh(), ReasonCode.THRESHOLD_NOT_MET);
    assertEquals(1, stored("root"));
  }

  @Test
  void rootRotation_fileHoldsAnotherVersion_isRefused() throws IOException {
    repo.root().put("version", 3);
    repo.publish("root", false);
    repo.serve("root", 2, repo.served("root", 3));

    assertRefused(refresh(), ReasonCode.TUF_VERSION_MISMATCH);
    assertEquals(1, stored("root"));
  }

  // --- rollback

  @Test
  void rootRollback_nextVersionFileHoldingAnOlderRoot_isRefused() throws IOException {
    repo.publish("root"); // v2, trusted next
    assertTrue(refresh().isValid());
    repo.serve("root", 3, repo.served("root", 1));

    assertRefused(refresh(), ReasonCode.ROLLBACK);
    assertEquals(2, stored("root"));
  }

  @Test
  void timestampRollback_isRefused() throws IOException {
    repo.publish("timestamp");
    assertTrue(refresh().isValid());
    repo.signed.get("timestamp").put("version", 1);
    repo.publish("timestamp", false);

    assertRefused(refresh(), ReasonCode.ROLLBACK);
    assertEquals(2, stored("timestamp"));
  }

  @Test
  void snapshotRollback_isRefused() throws IOException {
    repo.publish("snapshot", "timestamp");
    assertTrue(refresh().isValid());
    repo.signed.get("snapshot").put("version", 1);
    repo.publish("snapshot", false);
    repo.publish("timestamp");

    assertRefused(refresh(), ReasonCode.ROLLBACK);
    assertEquals(2, stored("timestamp"));
    assertEquals(2, stored("snapshot"));
  }

  @Test
  void targetsRollback_isRefusedByTheSnapshotCheck() throws IOException {
    repo.publishAll();
    assertTrue(refresh().isValid());
    repo.signed.get("targets").put("version", 1);
    repo.publish("targets", false);
    repo.publish("snapshot", "timestamp");

    assertRefused(refresh(), ReasonCode.ROLLBACK);
    assertEquals(2, stored("snapshot"));
    assertEquals(2, stored("targets"));
  }

  @Test
  void snapshotDroppingARole_isRefused() throws IOException {
    repo.delegate("targets", "d", false, List.of("d/*"), null);
    repo.publish("d", "targets", "snapshot", "timestamp");
    assertTrue(refresh().isValid());
    repo.signed.get("snapshot").with("meta").remove("d.json");
    repo.publish("snapshot", "timestamp");

    assertRefused(refresh(), ReasonCode.TUF_ROLE_REMOVED);
  }

  // --- freeze

  @Test
  void expiredTimestamp_isRefusedAndNotStored() throws IOException {
    assertTrue(refresh().isValid());
    repo.signed.get("timestamp").put("expires", TufRepo.AT.minusSeconds(60).toString());
    repo.publish("timestamp");

    assertRefused(refresh(), ReasonCode.TUF_EXPIRED);
    assertEquals(1, stored("timestamp"));
  }

  @Test
  void expiredSnapshot_isRefused() throws IOException {
    repo.signed.get("snapshot").put("expires", TufRepo.AT.toString());
    repo.publish("snapshot", "timestamp");

    assertRefused(refresh(), ReasonCode.TUF_EXPIRED);
    assertEquals(0, stored("snapshot"));
  }

  @Test
  void expiredTargets_isRefused() throws IOException {
    repo.signed.get("targets").put("expires", TufRepo.AT.minusSeconds(1).toString());
    repo.publishAll();

    assertRefused(refresh(), ReasonCode.TUF_EXPIRED);
    assertEquals(0, stored("targets"));
  }

  @Test
  void expiredFinalRoot_isStoredButStopsTheRefresh() throws IOException {
    repo.root().put("expires", TufRepo.AT.minusSeconds(1).toString());
    repo.publish("root");

    assertRefused(refresh(), ReasonCode.TUF_EXPIRED);
    assertEquals(2, stored("root"));
    assertEquals(0, stored("timestamp"));
  }

  @Test
  void expiredLocalTimestamp_isReplacedByACurrentOne() throws IOException {
    repo.signed.get("timestamp").put("expires", TufRepo.AT.plus(Duration.ofDays(1)).toString());
    repo.publish("timestamp");
    assertTrue(refresh().isValid());
    repo.signed.get("timestamp").put("expires", TufRepo.AT.plus(Duration.ofDays(60)).toString());
    repo.publish("timestamp");

    assertTrue(refresh(TufRepo.AT.plus(Duration.ofDays(20))).isValid());
    assertEquals(3, stored("timestamp"));
  }

  // --- mix-and-match

  @Test
  void snapshotHashMismatch_isRefused() throws IOException {
    repo.metaHashes = true;
    repo.publish("snapshot");
    repo.signed
        .get("timestamp")
        .with("meta")
        .with("snapshot.json")
        .with("hashes")
        .put("sha256", "0".repeat(64));
    repo.publish("timestamp");

    assertRefused(refresh(), ReasonCode.DIGEST_MISMATCH);
    assertEquals(2, stored("timestamp"));
    assertEquals(0, stored("snapshot"));
  }

  @Test
  void snapshotWithHashes_valid_isAccepted() throws IOException {
    repo.metaHashes = true;
    repo.publishAll();

    assertTrue(refresh().isValid());
  }

  @Test
  void targetsLengthMismatch_isRefused() throws IOException {
    repo.metaHashes = true;
    repo.publish("targets");
    repo.signed.get("snapshot").with("meta").with("targets.json").put("length", 10);
    repo.publish("snapshot", "timestamp");

    assertRefused(refresh(), ReasonCode.TUF_FETCH_FAILED);
    assertEquals(0, stored("targets"));
  }

  @Test
  void snapshotOfAnotherVersionThanTimestampNames_isRefused() throws IOException {
    repo.publish("snapshot");
    byte[] v2 = repo.served("snapshot", 2);
    repo.publish("snapshot", "timestamp"); // timestamp names v3
    repo.serve("snapshot", 3, v2);

    assertRefused(refresh(), ReasonCode.TUF_VERSION_MISMATCH);
  }

  @Test
  void targetsHashMismatch_isRefused() throws IOException {
    repo.metaHashes = true;
    repo.publish("targets");
    repo.signed
        .get("snapshot")
        .with("meta")
        .with("targets.json")
        .with("hashes")
        .put("sha256", "0".repeat(64));
    repo.publish("snapshot", "timestamp");

    assertRefused(refresh(), ReasonCode.DIGEST_MISMATCH);
    assertEquals(0, stored("targets"));
  }

  @Test
  void targetsOfAnotherVersionThanSnapshotNames_isRefused() throws IOException {
    repo.publish("targets");
    byte[] v2 = repo.served("targets", 2);
    repo.publish("targets", "snapshot", "timestamp"); // the snapshot names v3
    repo.serve("targets", 3, v2);

    assertRefused(refresh(), ReasonCode.TUF_VERSION_MISMATCH);
    assertEquals(0, stored("targets"));
  }

  @Test
  void snapshotServedAsTimestamp_wrongType_isRefused() throws IOException {
    repo.serve("timestamp", 1, repo.served("snapshot", 1));

    assertRefused(refresh(), ReasonCode.TUF_METADATA_INVALID);
  }

  // --- fast-forward recovery

  @Test
  void timestampKeyRotation_recoversFromAFastForwardedTimestamp() throws IOException {
    repo.signed.get("timestamp").put("version", 99);
    repo.publish("timestamp", false);
    assertTrue(refresh().isValid());

    repo.rotate("timestamp");
    repo.publish("root");
    repo.signed.get("timestamp").put("version", 1);
    repo.publish("timestamp", false);

    assertTrue(refresh().isValid());
    assertEquals(1, stored("timestamp"));
  }

  @Test
  void withoutKeyRotation_aFastForwardedTimestampIsNotUndone() throws IOException {
    repo.signed.get("timestamp").put("version", 99);
    repo.publish("timestamp", false);
    assertTrue(refresh().isValid());

    repo.signed.get("timestamp").put("version", 1);
    repo.publish("timestamp", false);

    assertRefused(refresh(), ReasonCode.ROLLBACK);
    assertEquals(99, stored("timestamp"));
  }

  @Test
  void snapshotKeyRotation_recoversFromAFastForwardedSnapshot() throws IOException {
    repo.signed.get("snapshot").put("version", 99);
    repo.publish("snapshot", false);
    repo.publish("timestamp");
    assertTrue(refresh().isValid());

    repo.rotate("snapshot");
    repo.rotate("timestamp");
    repo.publish("root");
    repo.signed.get("snapshot").put("version", 1);
    repo.publish("snapshot", false);
    repo.publish("timestamp");

    assertTrue(refresh().isValid());
    assertEquals(1, stored("snapshot"));
  }

  // --- thresholds

  @Test
  void duplicateSignatureKeyIds_areRefused() throws IOException {
    ObjectNode doc = TufRepo.parse(repo.served("snapshot", 1));
    ArrayNode sigs = (ArrayNode) doc.get("signatures");
    sigs.add(sigs.get(0).deepCopy());
    repo.serve("snapshot", 1, TufRepo.json(doc));

    assertRefused(refresh(), ReasonCode.TUF_METADATA_INVALID);
    assertEquals(0, stored("snapshot"));
  }

  @Test
  void oneKeyUnderTwoKeyIds_countsOnce() throws IOException {
    SigningKey k = repo.signers.get("snapshot").get(0);
    ObjectNode keyJson = TufRepo.keyJson(k);
    keyJson.put("x-alias", "same key, other id");
    String alias = TufRepo.keyId(keyJson);
    ((ObjectNode) repo.root().get("keys")).set(alias, keyJson);
    ObjectNode role = (ObjectNode) repo.root().get("roles").get("snapshot");
    ((ArrayNode) role.get("keyids")).add(alias);
    role.put("threshold", 2);
    repo.publish("root");
    // Signed twice by the one key, under both ids.
    ObjectNode s = repo.signed.get("snapshot");
    s.put("version", 2);
    byte[] once = TufRepo.sign(s, List.of(k));
    ObjectNode doc = TufRepo.parse(once);
    ObjectNode second = doc.get("signatures").get(0).deepCopy();
    second.put("keyid", alias);
    ((ArrayNode) doc.get("signatures")).add(second);
    repo.serve("snapshot", 2, TufRepo.json(doc));
    repo.signed.get("timestamp").with("meta").with("snapshot.json").put("version", 2);
    repo.publish("timestamp");

    assertRefused(refresh(), ReasonCode.THRESHOLD_NOT_MET);
    assertEquals(2, stored("root"));
    assertEquals(0, stored("snapshot"));
  }

  @Test
  void keyIdListedTwiceInARole_isRefused() throws IOException {
    ObjectNode role = (ObjectNode) repo.root().get("roles").get("snapshot");
    ((ArrayNode) role.get("keyids")).add(role.get("keyids").get(0).textValue());
    role.put("threshold", 2);
    repo.publish("root");

    assertRefused(refresh(), ReasonCode.TUF_METADATA_INVALID);
    assertEquals(1, stored("root"));
  }

  @Test
  void twoOfThreeKeys_oneSignatureInvalid_stillMeetsAThresholdOfTwo() throws IOException {
    SigningKey a = repo.signers.get("timestamp").get(0);
    SigningKey b = TufRepo.key(SigningKey.Kind.ECDSA_P256);
    SigningKey c = TufRepo.key(SigningKey.Kind.RSA_PSS_3072);
    repo.addKey("timestamp", b);
    repo.addKey("timestamp", c);
    ((ObjectNode) repo.root().get("roles").get("timestamp")).put("threshold", 2);
    repo.publish("root");
    repo.signers.put("timestamp", List.of(a, b, c));
    repo.publish("timestamp");
    ObjectNode doc = TufRepo.parse(repo.served("timestamp", 2));
    ((ObjectNode) doc.get("signatures").get(0)).put("sig", "");

    repo.serve("timestamp", 2, TufRepo.json(doc));
    assertTrue(refresh().isValid());

    ((ObjectNode) doc.get("signatures").get(1)).put("sig", "00");
    repo.publish("timestamp");
    ObjectNode doc3 = TufRepo.parse(repo.served("timestamp", 3));
    ((ObjectNode) doc3.get("signatures").get(0)).put("sig", "");
    ((ObjectNode) doc3.get("signatures").get(1)).put("sig", "00");
    repo.serve("timestamp", 3, TufRepo.json(doc3));
    assertRefused(refresh(), ReasonCode.THRESHOLD_NOT_MET);
  }

  @Test
  void tamperedSignedContent_isRefused() throws IOException {
    ObjectNode doc = TufRepo.parse(repo.served("timestamp", 1));
    ((ObjectNode) doc.get("signed")).put("x-added", 1);
    repo.serve("timestamp", 1, TufRepo.json(doc));

    assertRefused(refresh(), ReasonCode.THRESHOLD_NOT_MET);
  }

  @Test
  void unknownFields_areSignedAndAccepted() throws IOException {
    repo.root().put("x-custom", "value");
    ((ObjectNode) repo.root().get("roles").get("root")).put("x-more", F.objectNode().put("a", 1));
    repo.publish("root");

    assertTrue(refresh().isValid());
    assertEquals(2, stored("root"));
  }

  // --- lengths

  @Test
  void timestampLargerThanTheSpecMaximum_isRefused() throws IOException {
    repo.signed.get("timestamp").put("x-padding", "x".repeat(20_000));
    repo.publish("timestamp");

    assertRefused(refresh(), ReasonCode.TUF_FETCH_FAILED);
  }

  @Test
  void missingTimestamp_failsTheRefresh() throws IOException {
    repo.files.remove("metadata/timestamp.json");

    assertRefused(refresh(), ReasonCode.TUF_FETCH_FAILED);
  }

  @Test
  void initialRootNotSelfSigned_isRefusedAtInit(@TempDir Path other) throws IOException {
    ObjectNode doc = TufRepo.parse(repo.served("root", 1));
    ((ObjectNode) doc.get("signatures").get(0)).put("sig", "00".repeat(64));

    TufResult r = TufClient.init(other, TufRepo.json(doc), TufRepo.AT);

    assertRefused(r, ReasonCode.THRESHOLD_NOT_MET);
    assertFalse(Files.exists(other.resolve("root.json")));
  }

  // --- targets

  @Test
  void download_validTarget_isStoredAndThenCached() throws IOException {
    repo.addTarget("targets", "dir/file.txt", "content".getBytes(StandardCharsets.UTF_8));
    repo.publishAll();

    TufResult first = download("dir/file.txt");
    repo.takeRequests();
    TufResult second = download("dir/file.txt");

    assertTrue(first.isValid(), first.reasons().toString());
    assertEquals("content", Files.readString(dir.resolve("out/dir%2Ffile.txt")));
    assertFalse(first.targets().get(0).cached());
    assertTrue(second.targets().get(0).cached());
    assertFalse(repo.requests.stream().anyMatch(p -> p.startsWith("targets/")));
  }

  @Test
  void download_consistentSnapshot_fetchesTheHashPrefixedName() throws IOException {
    byte[] content = "c".getBytes(StandardCharsets.UTF_8);
    repo.addTarget("targets", "a/b.bin", content);
    repo.publishAll();

    assertTrue(download("a/b.bin").isValid());

    assertTrue(repo.requests.contains("targets/a/" + TufRepo.sha256Hex(content) + ".b.bin"));
  }

  @Test
  void download_substitutedContent_isRefusedAndLeavesNoFile() throws IOException {
    byte[] content = "good".getBytes(StandardCharsets.UTF_8);
    repo.addTarget("targets", "f", content);
    repo.publishAll();
    repo.serveTarget("f", TufRepo.sha256Hex(content), "evil".getBytes(StandardCharsets.UTF_8));

    assertRefused(download("f"), ReasonCode.DIGEST_MISMATCH);
    try (var files = Files.list(dir.resolve("out"))) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void download_longerThanTheTargetLength_isRefused() throws IOException {
    byte[] content = "good".getBytes(StandardCharsets.UTF_8);
    repo.addTarget("targets", "f", content);
    repo.publishAll();
    repo.serveTarget(
        "f", TufRepo.sha256Hex(content), "good and more".getBytes(StandardCharsets.UTF_8));

    assertRefused(download("f"), ReasonCode.TUF_FETCH_FAILED);
  }

  @Test
  void download_unknownHashAlgorithm_isRefused() throws IOException {
    repo.addTarget("targets", "f", "x".getBytes(StandardCharsets.UTF_8));
    ObjectNode t = repo.signed.get("targets").with("targets").with("f");
    t.set("hashes", F.objectNode().put("md4", "00"));
    repo.publishAll();

    assertRefused(download("f"), ReasonCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void download_unknownTarget_isNotFound() throws IOException {
    assertRefused(download("nope"), ReasonCode.TUF_TARGET_NOT_FOUND);
  }

  @Test
  void checkFile_offline_comparesLengthAndHashes() throws IOException {
    byte[] content = "release".getBytes(StandardCharsets.UTF_8);
    repo.addTarget("targets", "r.tar", content);
    repo.publishAll();
    assertTrue(refresh().isValid());
    Path good = Files.write(dir.resolve("good"), content);
    Path bad = Files.write(dir.resolve("bad"), "relea5e".getBytes(StandardCharsets.UTF_8));

    assertTrue(TufClient.offline(dir, TufRepo.AT).checkFile("r.tar", good).isValid());
    assertRefused(
        TufClient.offline(dir, TufRepo.AT).checkFile("r.tar", bad), ReasonCode.DIGEST_MISMATCH);
    assertRefused(
        TufClient.offline(dir, TufRepo.AT.plus(Duration.ofDays(31))).checkFile("r.tar", good),
        ReasonCode.TUF_EXPIRED);
  }

  // --- offline runs: every file read from the store, none fetched

  private TufResult offline() throws IOException {
    return TufClient.offline(dir, TufRepo.AT).refresh();
  }

  private static void assertRefused(TufResult r, ReasonCode code, String message) {
    assertRefused(r, code);
    assertEquals(message, r.reasons().get(0).message());
  }

  @Test
  void offline_withoutAStoredTimestamp_isMissing() throws IOException {
    assertRefused(offline(), ReasonCode.TUF_METADATA_MISSING, "no stored timestamp metadata");

    assertTrue(refresh().isValid());
    assertTrue(offline().isValid());
  }

  @Test
  void offline_withoutAStoredSnapshot_isMissing() throws IOException {
    assertTrue(refresh().isValid());
    Files.delete(dir.resolve("snapshot.json"));

    assertRefused(offline(), ReasonCode.TUF_METADATA_MISSING, "no stored snapshot metadata");
  }

  @Test
  void offline_withoutStoredTargets_isMissing() throws IOException {
    assertTrue(refresh().isValid());
    Files.delete(dir.resolve("targets.json"));

    assertRefused(offline(), ReasonCode.TUF_METADATA_MISSING, "no stored targets metadata");
  }

  @Test
  void offline_withoutAStoredDelegatedRole_isMissing() throws IOException {
    byte[] content = "delegated".getBytes(StandardCharsets.UTF_8);
    repo.delegate("targets", "d", false, List.of("d/*"), null);
    repo.addTarget("d", "d/x", content);
    repo.publish("d", "targets", "snapshot", "timestamp");
    assertTrue(download("d/x").isValid());
    Path file = Files.write(dir.resolve("x"), content);
    assertTrue(TufClient.offline(dir, TufRepo.AT).checkFile("d/x", file).isValid());
    Files.delete(dir.resolve("d.json"));

    assertRefused(
        TufClient.offline(dir, TufRepo.AT).checkFile("d/x", file),
        ReasonCode.TUF_METADATA_MISSING,
        "no stored d metadata");
  }

  /** A stored file that fails its checks is that failure offline, not "missing". */
  @Test
  void offline_aStoredSnapshotThatFails_isThatFailure() throws IOException {
    assertTrue(refresh().isValid());
    Path p = dir.resolve("snapshot.json");
    ObjectNode doc = TufRepo.parse(Files.readAllBytes(p));
    ((ObjectNode) doc.get("signed")).put("x-extra", "not signed");
    Files.write(p, TufRepo.json(doc));

    assertRefused(
        offline(), ReasonCode.THRESHOLD_NOT_MET, "snapshot: 0 of 1 signatures needed verify");
  }

  @Test
  void withoutATrustedRoot_isMissing(@TempDir Path empty) throws IOException {
    TufResult r = TufClient.offline(empty, TufRepo.AT).refresh();

    assertRefused(
        r,
        ReasonCode.TUF_METADATA_MISSING,
        empty.resolve("root.json") + ": no trusted root (run tuf init first)");
    assertTrue(offlineAfterRefresh().isValid());
  }

  private TufResult offlineAfterRefresh() throws IOException {
    assertTrue(refresh().isValid());
    return offline();
  }

  @Test
  void aStoredRootLargerThanAnyAccepted_isRefused() throws IOException {
    Path root = dir.resolve("root.json");
    byte[] valid = Files.readAllBytes(root);
    byte[] big = new byte[(int) TufClient.ROOT_MAX_LENGTH + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    System.arraycopy(valid, 0, big, 0, valid.length);
    Files.write(root, big);

    assertRefused(
        refresh(), ReasonCode.TUF_METADATA_INVALID, root + ": larger than any root accepted");

    Files.write(root, valid);
    assertTrue(refresh().isValid());
  }

  // --- what the timestamp says of the snapshot

  private void timestampSays(java.util.function.Consumer<ObjectNode> edit) {
    repo.metaHashes = true;
    repo.publish("snapshot");
    edit.accept(repo.signed.get("timestamp").with("meta").with("snapshot.json"));
    repo.publish("timestamp");
  }

  @Test
  void snapshotHashOfAnUnknownAlgorithm_isRefusedUnread() throws IOException {
    timestampSays(m -> m.with("hashes").put("md5", "00".repeat(16)));

    assertRefused(
        refresh(), ReasonCode.UNSUPPORTED_FORMAT, "snapshot: hash algorithm md5 is not supported");
    assertEquals(0, stored("snapshot"));
  }

  @Test
  void snapshotShorterThanTheTimestampSays_isRefused() throws IOException {
    int[] length = new int[1];
    timestampSays(
        m -> {
          length[0] = m.get("length").asInt();
          m.put("length", length[0] + 10);
        });

    assertRefused(
        refresh(),
        ReasonCode.DIGEST_MISMATCH,
        "snapshot: length " + length[0] + ", expected " + (length[0] + 10));
    assertEquals(0, stored("snapshot"));
  }

  @Test
  void snapshotHashThatIsNotHex_isAMismatch() throws IOException {
    timestampSays(m -> m.with("hashes").put("sha256", "z".repeat(64)));

    TufResult r = refresh();

    assertRefused(r, ReasonCode.DIGEST_MISMATCH);
    assertTrue(
        r.reasons().get(0).message().endsWith(", expected " + "z".repeat(64)),
        r.reasons().toString());
    assertEquals(0, stored("snapshot"));
  }

  /**
   * A newer timestamp that names an older snapshot than the trusted timestamp did: a rollback of
   * the snapshot through the timestamp, refused and not stored. Naming the same snapshot is fine.
   */
  @Test
  void timestampNamingAnOlderSnapshot_isARollback() throws IOException {
    repo.publish("snapshot", "timestamp");
    assertTrue(refresh().isValid());
    repo.signed.get("timestamp").with("meta").with("snapshot.json").put("version", 1);
    repo.publish("timestamp");

    assertRefused(
        refresh(),
        ReasonCode.ROLLBACK,
        "timestamp's snapshot version 1 is older than the trusted 2");
    assertEquals(2, stored("timestamp"));

    repo.signed.get("timestamp").with("meta").with("snapshot.json").put("version", 2);
    repo.publish("timestamp");
    assertTrue(refresh().isValid());
    assertEquals(4, stored("timestamp"));
  }
}
