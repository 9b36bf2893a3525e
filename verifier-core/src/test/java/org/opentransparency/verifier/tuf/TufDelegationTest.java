package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.signature.SigningKey;

/** Target search through delegation graphs: order, terminating roles, patterns, bins, cycles. */
class TufDelegationTest {
  @TempDir Path dir;
  TufRepo repo;

  @BeforeEach
  void setUp() throws IOException {
    repo = new TufRepo();
    repo.initIn(dir);
  }

  private TufResult download(String... paths) throws IOException {
    return repo.client(dir, TufRepo.AT).download(List.of(paths), dir.resolve("out"));
  }

  /** The delegated roles fetched, in order, after the top-level ones. */
  private List<String> visited() {
    List<String> out = new ArrayList<>();
    for (String r : repo.requests) {
      if (!r.startsWith("metadata/") || r.equals("metadata/timestamp.json")) {
        continue;
      }
      String name = r.substring("metadata/".length());
      name = name.substring(name.indexOf('.') + 1, name.length() - ".json".length());
      if (!List.of("root", "timestamp", "snapshot", "targets").contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private void publish(String... roles) {
    repo.publish(roles);
    repo.publishAll();
  }

  private void target(String role, String path) {
    repo.addTarget(role, path, path.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void search_isPreOrderDepthFirstInDelegationOrder() throws IOException {
    repo.delegate("targets", "A", false, List.of("*"), null);
    repo.delegate("targets", "B", false, List.of("*"), null);
    repo.delegate("A", "C", false, List.of("*"), null);
    repo.delegate("A", "D", false, List.of("*"), null);
    publish("A", "B", "C", "D");

    TufResult r = download("missing");

    assertEquals(ReasonCode.TUF_TARGET_NOT_FOUND, r.reasons().get(0).code());
    assertEquals(List.of("A", "C", "D", "B"), visited());
  }

  @Test
  void terminatingRole_endsTheSearchAtItsSubtree() throws IOException {
    repo.delegate("targets", "A", false, List.of("*"), null);
    repo.delegate("targets", "B", false, List.of("*"), null);
    repo.delegate("A", "C", true, List.of("*"), null);
    repo.delegate("A", "D", false, List.of("*"), null);
    repo.delegate("C", "E", false, List.of("*"), null);
    target("B", "f");
    publish("A", "B", "C", "D", "E");

    TufResult r = download("f");

    assertEquals(ReasonCode.TUF_TARGET_NOT_FOUND, r.reasons().get(0).code());
    assertEquals(List.of("A", "C", "E"), visited());
  }

  @Test
  void nonTerminatingRole_letsTheSearchGoOn() throws IOException {
    repo.delegate("targets", "A", false, List.of("*"), null);
    repo.delegate("targets", "B", false, List.of("*"), null);
    target("B", "f");
    publish("A", "B");

    assertTrue(download("f").isValid());
    assertEquals(List.of("A", "B"), visited());
  }

  @Test
  void pathPatterns_limitWhatARoleMaySign() throws IOException {
    repo.delegate("targets", "docs", false, List.of("*.md"), null);
    repo.delegate("targets", "rel", false, List.of("releases/*/*"), null);
    target("docs", "README.md");
    target("docs", "releases/x/evil"); // signed by docs, but not delegated to it
    publish("docs", "rel");

    assertTrue(download("README.md").isValid());
    repo.requests.clear();
    TufResult r = download("releases/x/evil");

    assertEquals(ReasonCode.TUF_TARGET_NOT_FOUND, r.reasons().get(0).code());
    assertEquals(List.of("rel"), visited());
  }

  @Test
  void hashPrefixes_delegateByTheHashOfThePath() throws IOException {
    String path = "bin/file";
    String hex = TufRepo.sha256Hex(path.getBytes(StandardCharsets.UTF_8));
    String other = hex.charAt(0) == '0' ? "1" : "0";
    repo.delegate("targets", "wrong", false, null, List.of(other));
    repo.delegate("targets", "right", false, null, List.of(hex.substring(0, 2)));
    target("right", path);
    publish("wrong", "right");

    assertTrue(download(path).isValid());
    assertEquals(List.of("right"), visited());
  }

  @Test
  void succinctBins_fetchOnlyTheBinOfThePath() throws IOException {
    SigningKey k = TufRepo.key(SigningKey.Kind.ED25519);
    String path = "some/target";
    String bin = succinctBins(k, path);
    target(bin, path);
    repo.publish(bin);
    repo.publishAll();

    assertTrue(download(path).isValid());
    assertEquals(List.of(bin), visited());
  }

  @Test
  void cycle_visitsEachRoleOnce() throws IOException {
    repo.delegate("targets", "A", false, List.of("*"), null);
    repo.delegate("A", "B", false, List.of("*"), null);
    repo.delegate("B", "A", false, List.of("*"), null);
    publish("A", "B");

    TufResult r = download("missing");

    assertEquals(ReasonCode.TUF_TARGET_NOT_FOUND, r.reasons().get(0).code());
    assertEquals(List.of("A", "B"), visited());
  }

  @Test
  void roleReachedThroughASecondDelegator_mustBeSignedByItsKeysToo() throws IOException {
    repo.delegate("targets", "pa", false, List.of("a/*"), null);
    repo.delegate("targets", "pb", false, List.of("b/*"), null);
    repo.delegate("pa", "rel", false, List.of("a/*"), null);
    repo.delegate("pb", "rel", false, List.of("b/*"), null);
    // rel is signed only by the key pa gave it.
    repo.signers.put("rel", List.of(repo.signers.get("rel").get(0)));
    target("rel", "a/x");
    target("rel", "b/x");
    publish("rel", "pa", "pb");

    TufResult r = download("a/x", "b/x");

    assertFalse(r.isValid());
    assertEquals(ReasonCode.THRESHOLD_NOT_MET, r.reasons().get(0).code());
    assertEquals(1, r.targets().size());
    assertTrue(Files.exists(dir.resolve("out/a%2Fx")));
    assertFalse(Files.exists(dir.resolve("out/b%2Fx")));
  }

  @Test
  void roleNotInSnapshot_isNeitherFetchedNorTrusted() throws IOException {
    repo.delegate("targets", "d", false, List.of("d/*"), null);
    repo.publish("d", "targets");
    repo.signed.get("snapshot").with("meta").remove("d.json");
    repo.publish("snapshot", "timestamp");

    TufResult r = download("d/x");

    assertEquals(ReasonCode.TUF_METADATA_MISSING, r.reasons().get(0).code());
    assertEquals(List.of(), visited());
  }

  @Test
  void roleNames_areEncodedInUrlsAndFileNames() throws IOException {
    repo.delegate("targets", "../evil/?", false, List.of("*"), null);
    publish("../evil/?");

    download("missing");

    assertEquals(List.of("..%2Fevil%2F%3F"), visited());
    assertTrue(Files.exists(dir.resolve("..%2Fevil%2F%3F.json")));
  }

  @Test
  void delegatingATopLevelRoleName_isRefused() throws IOException {
    repo.delegate("targets", "x", false, List.of("*"), null);
    ObjectNode role = (ObjectNode) ((ArrayNode) repo.delegations("targets").get("roles")).get(0);
    role.put("name", "Root");
    repo.publishAll();

    assertEquals(ReasonCode.TUF_METADATA_INVALID, download("f").reasons().get(0).code());
    assertFalse(Files.exists(dir.resolve("Root.json")));
  }

  @Test
  void delegationWithNeitherPathsNorPrefixes_isRefused() throws IOException {
    repo.delegate("targets", "x", false, List.of("*"), null);
    ((ObjectNode) ((ArrayNode) repo.delegations("targets").get("roles")).get(0)).remove("paths");
    repo.publishAll();

    assertEquals(ReasonCode.TUF_METADATA_INVALID, download("f").reasons().get(0).code());
  }

  /**
   * Sets up succinct hash bins of 4 bits, each bin signed by one key, all empty; returns the bin
   * the path's hash falls in.
   */
  private String succinctBins(SigningKey k, String path) {
    ObjectNode d = repo.signed.get("targets").putObject("delegations");
    ObjectNode keyJson = TufRepo.keyJson(k);
    d.putObject("keys").set(TufRepo.keyId(keyJson), keyJson);
    ObjectNode bins = d.putObject("succinct_roles");
    bins.putArray("keyids").add(TufRepo.keyId(keyJson));
    bins.put("threshold", 1);
    bins.put("bit_length", 4);
    bins.put("name_prefix", "bin");
    for (int i = 0; i < 16; i++) {
      String name = String.format(Locale.ROOT, "bin-%x", i);
      repo.signed.put(name, TufRepo.emptyTargets());
      repo.signers.put(name, List.of(k));
      repo.publish(name, false);
    }
    byte[] h = PathPatterns.sha256(path);
    return String.format(Locale.ROOT, "bin-%x", (h[0] & 0xff) >>> 4);
  }

  /**
   * A target listed in a bin other than the one its path's hash falls in is not delegated there:
   * not found, and that other bin never fetched. Listed in its own bin, it is found.
   */
  @Test
  void succinctBins_aTargetInAnotherBinThanItsHashs_isNotFound() throws IOException {
    SigningKey k = TufRepo.key(SigningKey.Kind.ED25519);
    String path = "some/target";
    String bin = succinctBins(k, path);
    String other = bin.equals("bin-0") ? "bin-1" : "bin-0";
    target(other, path);
    repo.publish(other);
    repo.publishAll();

    TufResult r = download(path);

    assertEquals(ReasonCode.TUF_TARGET_NOT_FOUND, r.reasons().get(0).code(), r.toString());
    assertEquals("no trusted targets metadata lists some/target", r.reasons().get(0).message());
    assertEquals(List.of(bin), visited());
    assertFalse(Files.exists(dir.resolve(other + ".json")));

    ((ObjectNode) repo.signed.get(other).get("targets")).remove(path);
    target(bin, path);
    publish(other, bin);
    assertTrue(download(path).isValid());
  }

  /** A bin signed by a key that succinct_roles does not name is refused, and not stored. */
  @Test
  void succinctBin_signedByAnotherKey_isRefused() throws IOException {
    SigningKey k = TufRepo.key(SigningKey.Kind.ED25519);
    String path = "some/target";
    String bin = succinctBins(k, path);
    target(bin, path);
    repo.signers.put(bin, List.of(TufRepo.key(SigningKey.Kind.ED25519)));
    repo.publish(bin);
    repo.publishAll();

    TufResult r = download(path);

    assertEquals(ReasonCode.THRESHOLD_NOT_MET, r.reasons().get(0).code(), r.toString());
    assertEquals(
        "delegated role " + bin + ": 0 of 1 signatures needed verify",
        r.reasons().get(0).message());
    assertFalse(Files.exists(dir.resolve(bin + ".json")));

    repo.signers.put(bin, List.of(k));
    publish(bin);
    assertTrue(download(path).isValid());
  }

  /**
   * A role whose path_hash_prefixes do not start the hex SHA-256 of the path (one that occurs later
   * in it included) is not delegated the path, whatever it lists: not found, never fetched.
   */
  @Test
  void hashPrefixes_thatDoNotStartThePathsHash_delegateNothing() throws IOException {
    String path = "bin/file";
    String hex = TufRepo.sha256Hex(path.getBytes(StandardCharsets.UTF_8));
    String other = hex.charAt(0) == '0' ? "1" : "0";
    repo.delegate("targets", "wrong", false, null, List.of(other, hex.substring(1, 5)));
    repo.delegate("targets", "right", false, null, List.of(hex.substring(0, 4)));
    target("wrong", path);
    publish("wrong", "right");

    TufResult r = download(path);

    assertEquals(ReasonCode.TUF_TARGET_NOT_FOUND, r.reasons().get(0).code(), r.toString());
    assertEquals(List.of("right"), visited());

    target("right", path);
    publish("right");
    assertTrue(download(path).isValid());
  }

  /** Succinct bins of more than 32 bits: the targets metadata is refused, and not stored. */
  @Test
  void succinctBinsOfMoreThan32Bits_areRefused() throws IOException {
    SigningKey k = TufRepo.key(SigningKey.Kind.ED25519);
    succinctBins(k, "f");
    ((ObjectNode) repo.delegations("targets").get("succinct_roles")).put("bit_length", 33);
    repo.publishAll();

    TufResult r = download("f");

    assertEquals(ReasonCode.TUF_METADATA_INVALID, r.reasons().get(0).code(), r.toString());
    assertEquals("targets delegations: bit_length must be 1 to 32", r.reasons().get(0).message());
    assertFalse(Files.exists(dir.resolve("targets.json")));
  }

  /**
   * One target search visits at most {@link TufClient#MAX_DELEGATIONS} targets roles, the top-level
   * one included: a target behind more roles than that is not found, and the roles past the bound
   * are never fetched. The last role within the bound is searched.
   */
  @Test
  void aSearchPastTheDelegationBound_stopsThere() throws IOException {
    int within = TufClient.MAX_DELEGATIONS - 1; // delegated roles the search may visit
    List<String> roles = new ArrayList<>();
    for (int i = 1; i <= within + 1; i++) {
      String role = String.format(Locale.ROOT, "r%02d", i);
      repo.delegate("targets", role, false, List.of("*"), null);
      roles.add(role);
    }
    String last = roles.get(within - 1);
    String past = roles.get(within);
    target(last, "in");
    target(past, "out");
    publish(roles.toArray(new String[0]));

    TufResult r = download("out");

    assertEquals(ReasonCode.TUF_TARGET_NOT_FOUND, r.reasons().get(0).code(), r.toString());
    assertEquals(roles.subList(0, within), visited());
    assertTrue(download("in").isValid());
  }
}
