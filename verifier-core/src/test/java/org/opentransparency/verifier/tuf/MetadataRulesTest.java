package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.tuf.TufRepo.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentransparency.verifier.InvalidInputException;

/**
 * The form of TUF metadata ({@link Metadata#parse}), rule by rule: each document that breaks one
 * rule is refused with the message naming it, and the document one step away from it (often the
 * valid original) is read. Signatures are not checked here (that is the {@link TrustedSet}'s part;
 * see TufClientTest for the workflow).
 */
class MetadataRulesTest {
  private static final String KEY_ID = "ab".repeat(32);

  /** A document: one signature entry, and {@code signed}. */
  private static ObjectNode doc(ObjectNode signed) {
    ObjectNode d = F.objectNode();
    d.putArray("signatures").add(F.objectNode().put("keyid", KEY_ID).put("sig", "00"));
    d.set("signed", signed);
    return d;
  }

  private static ObjectNode common(String type) {
    ObjectNode s = F.objectNode();
    s.put("_type", type);
    s.put("spec_version", "1.0.31");
    s.put("version", 1);
    s.put("expires", "2036-01-01T00:00:00Z");
    return s;
  }

  private static ObjectNode root() {
    ObjectNode s = common("root");
    s.put("consistent_snapshot", true);
    ObjectNode key = F.objectNode().put("keytype", "ed25519").put("scheme", "ed25519");
    key.putObject("keyval").put("public", "11".repeat(32));
    s.putObject("keys").set(KEY_ID, key);
    ObjectNode roles = s.putObject("roles");
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      ObjectNode r = roles.putObject(role);
      r.putArray("keyids").add(KEY_ID);
      r.put("threshold", 1);
    }
    return s;
  }

  private static ObjectNode timestamp() {
    ObjectNode s = common("timestamp");
    s.putObject("meta").putObject("snapshot.json").put("version", 1);
    return s;
  }

  private static ObjectNode snapshot() {
    ObjectNode s = common("snapshot");
    s.putObject("meta").putObject("targets.json").put("version", 1);
    return s;
  }

  private static ObjectNode targets() {
    ObjectNode s = common("targets");
    ObjectNode t = s.putObject("targets").putObject("a.txt").put("length", 1);
    t.putObject("hashes").put("sha256", "00".repeat(32));
    ObjectNode d = s.putObject("delegations");
    d.putObject("keys");
    ObjectNode role = d.putArray("roles").addObject();
    role.put("name", "a");
    role.putArray("keyids");
    role.put("threshold", 1);
    role.put("terminating", false);
    role.putArray("paths").add("*");
    return s;
  }

  private static ObjectNode succinct() {
    ObjectNode s = common("targets");
    s.putObject("targets");
    ObjectNode d = s.putObject("delegations");
    d.putObject("keys");
    ObjectNode bins = d.putObject("succinct_roles");
    bins.putArray("keyids");
    bins.put("threshold", 1);
    bins.put("bit_length", 4);
    bins.put("name_prefix", "bin");
    return s;
  }

  private static ObjectNode signed(ObjectNode d) {
    return (ObjectNode) d.get("signed");
  }

  private static ObjectNode role(ObjectNode d, String role) {
    return (ObjectNode) signed(d).get("roles").get(role);
  }

  private static ObjectNode meta(ObjectNode d) {
    return (ObjectNode) signed(d).get("meta").get("snapshot.json");
  }

  private static ObjectNode target(ObjectNode d) {
    return (ObjectNode) signed(d).get("targets").get("a.txt");
  }

  private static ObjectNode delegations(ObjectNode d) {
    return (ObjectNode) signed(d).get("delegations");
  }

  private static ObjectNode delegated(ObjectNode d) {
    return (ObjectNode) delegations(d).get("roles").get(0);
  }

  private static ObjectNode bins(ObjectNode d) {
    return (ObjectNode) delegations(d).get("succinct_roles");
  }

  private static final Consumer<ObjectNode> AS_IS = d -> {};

  private static Arguments rule(
      String rule,
      String type,
      java.util.function.Supplier<ObjectNode> signed,
      Consumer<ObjectNode> bad,
      Consumer<ObjectNode> good,
      String message) {
    return Arguments.of(rule, type, signed, bad, good, message);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        // --- every document
        rule(
            "no signed part",
            "root",
            MetadataRulesTest::root,
            d -> d.remove("signed"),
            AS_IS,
            "x: \"signed\" must be an object"),
        rule(
            "another _type",
            "root",
            MetadataRulesTest::root,
            d -> signed(d).put("_type", "targets"),
            AS_IS,
            "x: \"_type\" is targets, expected root"),
        rule(
            "no _type",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> signed(d).remove("_type"),
            AS_IS,
            "x: \"_type\" must be a string"),
        rule(
            "signatures not an array",
            "root",
            MetadataRulesTest::root,
            d -> d.put("signatures", "none"),
            d -> d.putArray("signatures"),
            "x: \"signatures\" must be an array"),
        rule(
            "a signature not an object",
            "root",
            MetadataRulesTest::root,
            d -> ((ArrayNode) d.get("signatures")).add("00"),
            AS_IS,
            "x: a signature must be an object"),
        rule(
            "a signature without a key id",
            "root",
            MetadataRulesTest::root,
            d -> ((ObjectNode) d.get("signatures").get(0)).remove("keyid"),
            AS_IS,
            "x: \"keyid\" must be a string"),
        rule(
            "two signatures of one key id",
            "root",
            MetadataRulesTest::root,
            d -> ((ArrayNode) d.get("signatures")).add(d.get("signatures").get(0).deepCopy()),
            d ->
                ((ArrayNode) d.get("signatures"))
                    .add(F.objectNode().put("keyid", "cd".repeat(32)).put("sig", "00")),
            "x: two signatures for key id " + KEY_ID),
        rule(
            "spec_version 2",
            "root",
            MetadataRulesTest::root,
            d -> signed(d).put("spec_version", "2.0.0"),
            d -> signed(d).put("spec_version", "1.0"),
            "x: unsupported spec_version 2.0.0"),
        rule(
            "spec_version not a version",
            "snapshot",
            MetadataRulesTest::snapshot,
            d -> signed(d).put("spec_version", "1.0.31-rc1"),
            d -> signed(d).put("spec_version", "1.20.0"),
            "x: unsupported spec_version 1.0.31-rc1"),
        rule(
            "no spec_version",
            "root",
            MetadataRulesTest::root,
            d -> signed(d).remove("spec_version"),
            AS_IS,
            "x: \"spec_version\" must be a string"),
        rule(
            "version 0",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> signed(d).put("version", 0),
            d -> signed(d).put("version", 7),
            "x: \"version\" must be an integer >= 1"),
        rule(
            "version as a string",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> signed(d).put("version", "1"),
            AS_IS,
            "x: \"version\" must be an integer"),
        rule(
            "expires without a time",
            "root",
            MetadataRulesTest::root,
            d -> signed(d).put("expires", "2036-01-01"),
            AS_IS,
            "x: \"expires\" must be YYYY-MM-DDThh:mm:ssZ"),
        rule(
            "expires with fractions of a second",
            "root",
            MetadataRulesTest::root,
            d -> signed(d).put("expires", "2036-01-01T00:00:00.5Z"),
            d -> signed(d).put("expires", "2036-01-01T00:00:01Z"),
            "x: \"expires\" must be YYYY-MM-DDThh:mm:ssZ"),
        // --- root
        rule(
            "root without keys",
            "root",
            MetadataRulesTest::root,
            d -> signed(d).remove("keys"),
            AS_IS,
            "x: \"keys\" must be an object"),
        rule(
            "root without a top-level role",
            "root",
            MetadataRulesTest::root,
            d -> ((ObjectNode) signed(d).get("roles")).remove("snapshot"),
            AS_IS,
            "x: role snapshot is missing"),
        rule(
            "root role not an object",
            "root",
            MetadataRulesTest::root,
            d -> ((ObjectNode) signed(d).get("roles")).put("snapshot", 1),
            AS_IS,
            "x role snapshot: must be an object"),
        rule(
            "root role key id not a string",
            "root",
            MetadataRulesTest::root,
            d -> ((ArrayNode) role(d, "snapshot").get("keyids")).add(5),
            AS_IS,
            "x role snapshot: key ids must be strings"),
        rule(
            "root role key id listed twice",
            "root",
            MetadataRulesTest::root,
            d -> ((ArrayNode) role(d, "snapshot").get("keyids")).add(KEY_ID),
            d -> ((ArrayNode) role(d, "snapshot").get("keyids")).add("cd".repeat(32)),
            "x role snapshot: key id listed twice: " + KEY_ID),
        rule(
            "root role threshold 0",
            "root",
            MetadataRulesTest::root,
            d -> role(d, "snapshot").put("threshold", 0),
            d -> role(d, "snapshot").put("threshold", 2),
            "x role snapshot: \"threshold\" must be an integer >= 1"),
        rule(
            "root role threshold past an int",
            "root",
            MetadataRulesTest::root,
            d -> role(d, "snapshot").put("threshold", 1L << 31),
            d -> role(d, "snapshot").put("threshold", Integer.MAX_VALUE),
            "x role snapshot: threshold too large"),
        rule(
            "consistent_snapshot not a boolean",
            "root",
            MetadataRulesTest::root,
            d -> signed(d).put("consistent_snapshot", "yes"),
            d -> signed(d).put("consistent_snapshot", false),
            "x: \"consistent_snapshot\" must be a boolean"),
        rule(
            "a key not an object",
            "root",
            MetadataRulesTest::root,
            d -> ((ObjectNode) signed(d).get("keys")).put(KEY_ID, "key"),
            AS_IS,
            "x key " + KEY_ID + ": a key must be an object"),
        // --- timestamp and snapshot
        rule(
            "timestamp without meta",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> signed(d).remove("meta"),
            AS_IS,
            "x: \"meta\" must be an object"),
        rule(
            "timestamp meta without snapshot.json",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> signed(d).putObject("meta").putObject("targets.json").put("version", 1),
            AS_IS,
            "x: meta has no snapshot.json"),
        rule(
            "meta entry not an object",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> ((ObjectNode) signed(d).get("meta")).put("snapshot.json", 1),
            AS_IS,
            "x meta snapshot.json: must be an object"),
        rule(
            "meta version 0",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> meta(d).put("version", 0),
            AS_IS,
            "x meta snapshot.json: \"version\" must be an integer >= 1"),
        rule(
            "meta length negative",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> meta(d).put("length", -1),
            d -> meta(d).put("length", 0),
            "x meta snapshot.json: \"length\" must be an integer >= 0"),
        rule(
            "meta hashes empty",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> meta(d).putObject("hashes"),
            d -> meta(d).putObject("hashes").put("sha256", "00"),
            "x meta snapshot.json: \"hashes\" is empty"),
        rule(
            "meta hash not a string",
            "timestamp",
            MetadataRulesTest::timestamp,
            d -> meta(d).putObject("hashes").put("sha256", 0),
            d -> meta(d).putObject("hashes").put("sha256", "00"),
            "x meta snapshot.json: hashes must be strings"),
        rule(
            "snapshot without meta",
            "snapshot",
            MetadataRulesTest::snapshot,
            d -> signed(d).put("meta", F.arrayNode()),
            AS_IS,
            "x: \"meta\" must be an object"),
        // --- targets
        rule(
            "targets without targets",
            "targets",
            MetadataRulesTest::targets,
            d -> signed(d).remove("targets"),
            d -> signed(d).putObject("targets"),
            "x: \"targets\" must be an object"),
        rule(
            "a target not an object",
            "targets",
            MetadataRulesTest::targets,
            d -> ((ObjectNode) signed(d).get("targets")).put("a.txt", "x"),
            AS_IS,
            "x target a.txt: must be an object"),
        rule(
            "a target without length",
            "targets",
            MetadataRulesTest::targets,
            d -> target(d).remove("length"),
            d -> target(d).put("length", 0),
            "x target a.txt: \"length\" must be an integer"),
        rule(
            "a target without hashes",
            "targets",
            MetadataRulesTest::targets,
            d -> target(d).remove("hashes"),
            AS_IS,
            "x target a.txt: \"hashes\" must be an object"),
        rule(
            "a target with no hash",
            "targets",
            MetadataRulesTest::targets,
            d -> target(d).putObject("hashes"),
            AS_IS,
            "x target a.txt: \"hashes\" is empty"),
        rule(
            "delegations without keys",
            "targets",
            MetadataRulesTest::targets,
            d -> delegations(d).remove("keys"),
            AS_IS,
            "x delegations: \"keys\" must be an object"),
        rule(
            "delegations with roles and succinct_roles",
            "targets",
            MetadataRulesTest::targets,
            d -> delegations(d).set("succinct_roles", bins(doc(succinct())).deepCopy()),
            AS_IS,
            "x delegations: exactly one of roles and succinct_roles is needed"),
        rule(
            "delegations with neither roles nor succinct_roles",
            "targets",
            MetadataRulesTest::targets,
            d -> delegations(d).remove("roles"),
            AS_IS,
            "x delegations: exactly one of roles and succinct_roles is needed"),
        rule(
            "a delegated role not an object",
            "targets",
            MetadataRulesTest::targets,
            d -> ((ArrayNode) delegations(d).get("roles")).add("b"),
            AS_IS,
            "x delegations: a role must be an object"),
        rule(
            "a top-level role delegated",
            "targets",
            MetadataRulesTest::targets,
            d -> delegated(d).put("name", "Snapshot"),
            d -> delegated(d).put("name", "snapshots"),
            "x delegations role Snapshot: a top-level role cannot be delegated"),
        rule(
            "a role delegated twice",
            "targets",
            MetadataRulesTest::targets,
            d -> ((ArrayNode) delegations(d).get("roles")).add(delegated(d).deepCopy()),
            d ->
                ((ArrayNode) delegations(d).get("roles"))
                    .add(delegated(d).deepCopy().put("name", "b")),
            "x delegations role a: delegated twice by one role"),
        rule(
            "a role without terminating",
            "targets",
            MetadataRulesTest::targets,
            d -> delegated(d).remove("terminating"),
            d -> delegated(d).put("terminating", true),
            "x delegations role a: \"terminating\" must be a boolean"),
        rule(
            "terminating as a string",
            "targets",
            MetadataRulesTest::targets,
            d -> delegated(d).put("terminating", "true"),
            d -> delegated(d).put("terminating", true),
            "x delegations role a: \"terminating\" must be a boolean"),
        rule(
            "a role with paths and path_hash_prefixes",
            "targets",
            MetadataRulesTest::targets,
            d -> delegated(d).putArray("path_hash_prefixes").add("ab"),
            d -> {
              delegated(d).remove("paths");
              delegated(d).putArray("path_hash_prefixes").add("ab");
            },
            "x delegations role a: exactly one of paths and path_hash_prefixes is needed"),
        rule(
            "a path that is not a string",
            "targets",
            MetadataRulesTest::targets,
            d -> ((ArrayNode) delegated(d).get("paths")).add(1),
            d -> ((ArrayNode) delegated(d).get("paths")).add("1"),
            "x delegations role a: \"paths\" must hold strings"),
        rule(
            "a hash prefix that is not a string",
            "targets",
            MetadataRulesTest::targets,
            d -> {
              delegated(d).remove("paths");
              delegated(d).putArray("path_hash_prefixes").add(12);
            },
            d -> {
              delegated(d).remove("paths");
              delegated(d).putArray("path_hash_prefixes").add("12");
            },
            "x delegations role a: \"path_hash_prefixes\" must hold strings"),
        rule(
            "a delegated role without key ids",
            "targets",
            MetadataRulesTest::targets,
            d -> delegated(d).remove("keyids"),
            AS_IS,
            "x delegations role a: \"keyids\" must be an array"),
        rule(
            "succinct bins of 33 bits",
            "targets",
            MetadataRulesTest::succinct,
            d -> bins(d).put("bit_length", 33),
            d -> bins(d).put("bit_length", 32),
            "x delegations: bit_length must be 1 to 32"),
        rule(
            "succinct bins of 0 bits",
            "targets",
            MetadataRulesTest::succinct,
            d -> bins(d).put("bit_length", 0),
            d -> bins(d).put("bit_length", 1),
            "x delegations: \"bit_length\" must be an integer >= 1"),
        rule(
            "succinct bins without a name prefix",
            "targets",
            MetadataRulesTest::succinct,
            d -> bins(d).remove("name_prefix"),
            AS_IS,
            "x delegations: \"name_prefix\" must be a string"),
        rule(
            "succinct bins without a threshold",
            "targets",
            MetadataRulesTest::succinct,
            d -> bins(d).remove("threshold"),
            AS_IS,
            "x delegations: \"threshold\" must be an integer"));
  }

  private static Metadata parse(ObjectNode d, String type) throws InvalidInputException {
    return Metadata.parse(TufRepo.json(d), type, "x", 1 << 20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void rule_refused_beside(
      String rule,
      String type,
      java.util.function.Supplier<ObjectNode> signed,
      Consumer<ObjectNode> bad,
      Consumer<ObjectNode> good,
      String message)
      throws InvalidInputException {
    ObjectNode refused = doc(signed.get());
    bad.accept(refused);
    ObjectNode accepted = doc(signed.get());
    good.accept(accepted);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> parse(refused, type), rule);

    assertEquals(message, e.getMessage());
    assertTrue(parse(accepted, type).version >= 1, rule);
  }

  /**
   * Two members of one name (which a reader may take either of: the attack where the signed bytes
   * say one thing and the reader another) are refused, in the signed part as anywhere.
   */
  @Test
  void duplicateMemberNames_areRefused() throws InvalidInputException {
    String good = new String(TufRepo.json(doc(timestamp())), StandardCharsets.UTF_8);
    String bad = good.replace("\"version\":1,", "\"version\":1,\"version\":2,");
    assertTrue(bad.length() > good.length(), bad);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> Metadata.parse(bad.getBytes(StandardCharsets.UTF_8), "timestamp", "x", 1 << 20));

    assertEquals("x: not valid JSON: Duplicate field 'version'", e.getMessage());
    assertEquals(
        1,
        Metadata.parse(good.getBytes(StandardCharsets.UTF_8), "timestamp", "x", 1 << 20).version);
  }

  /** Bytes past the document, and a document larger than the fetch allowed, are refused. */
  @Test
  void trailingBytesAndOversizeDocuments_areRefused() throws InvalidInputException {
    byte[] good = TufRepo.json(doc(timestamp()));
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 2);
    trailing[good.length] = '{';
    trailing[good.length + 1] = '}';

    InvalidInputException t =
        assertThrows(
            InvalidInputException.class, () -> Metadata.parse(trailing, "timestamp", "x", 1 << 20));
    InvalidInputException big =
        assertThrows(
            InvalidInputException.class,
            () -> Metadata.parse(good, "timestamp", "x", good.length - 1));

    assertTrue(t.getMessage().startsWith("x: not valid JSON: "), t.getMessage());
    assertTrue(
        big.getMessage()
            .startsWith("x is larger than the limit of " + (good.length - 1) + " bytes"),
        big.getMessage());
    assertEquals(1, Metadata.parse(good, "timestamp", "x", good.length).version);
  }
}
