package org.opentransparency.verifier.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.signature.SigningKey;

/**
 * A TUF repository built and signed by the tests themselves, served from memory: keys generated
 * with the project's own key code, metadata signed over canonical JSON, every request recorded.
 * Roles are edited as JSON trees and published with a bumped version, as a repository would.
 */
final class TufRepo implements TufTransport {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant AT = TestData.AT;
  static final URI METADATA = URI.create("https://repo.test/metadata/");
  static final URI TARGETS = URI.create("https://repo.test/targets/");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The signed part of each role's latest metadata, editable before the next publish. */
  final Map<String, ObjectNode> signed = new LinkedHashMap<>();

  /** The keys that sign each role's next publish. */
  final Map<String, List<SigningKey>> signers = new HashMap<>();

  /** Files served, by path below the metadata or targets URL. */
  final Map<String, byte[]> files = new HashMap<>();

  /** Requests made, as paths below the repository's host. */
  final List<String> requests = new ArrayList<>();

  /** Whether snapshot/timestamp list lengths and hashes of what they describe. */
  boolean metaHashes;

  private final Duration validity;

  TufRepo() {
    this(Duration.ofDays(30));
  }

  /** A repository whose metadata expires {@code validity} after {@link #AT}. */
  TufRepo(Duration validity) {
    this.validity = validity;
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      ObjectNode s = F.objectNode();
      s.put("_type", role);
      s.put("spec_version", "1.0.31");
      s.put("version", 1);
      s.put("expires", AT.plus(validity).toString());
      signed.put(role, s);
    }
    root().put("consistent_snapshot", true);
    root().set("keys", F.objectNode());
    root().set("roles", F.objectNode());
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      ObjectNode r = F.objectNode();
      r.set("keyids", F.arrayNode());
      r.put("threshold", 1);
      ((ObjectNode) root().get("roles")).set(role, r);
      SigningKey k = key(SigningKey.Kind.ED25519);
      addKey(role, k);
      signers.put(role, new ArrayList<>(List.of(k)));
    }
    signed.get("timestamp").set("meta", F.objectNode());
    signed.get("snapshot").set("meta", F.objectNode());
    signed.get("targets").set("targets", F.objectNode());
    publish("root", false);
    publish("targets", false);
    publish("snapshot", false);
    publish("timestamp", false);
  }

  ObjectNode root() {
    return signed.get("root");
  }

  static SigningKey key(SigningKey.Kind kind) {
    return SigningKey.generate(kind, RANDOM);
  }

  /** The TUF key dictionary of a key. */
  static ObjectNode keyJson(SigningKey k) {
    ObjectNode key = F.objectNode();
    byte[] spki = k.publicKey().spki();
    switch (k.scheme()) {
      case ED25519:
        key.put("keytype", "ed25519");
        key.put("scheme", "ed25519");
        key.set(
            "keyval",
            F.objectNode()
                .put("public", HexFormat.of().formatHex(spki, spki.length - 32, spki.length)));
        break;
      case ECDSA_P256_SHA256:
      case ECDSA_P384_SHA384:
        key.put("keytype", "ecdsa");
        key.put(
            "scheme",
            k.scheme().name().contains("P256") ? "ecdsa-sha2-nistp256" : "ecdsa-sha2-nistp384");
        key.set("keyval", F.objectNode().put("public", pem(spki)));
        break;
      default:
        key.put("keytype", "rsa");
        key.put("scheme", "rsassa-pss-sha256");
        key.set("keyval", F.objectNode().put("public", pem(spki)));
    }
    return key;
  }

  static String pem(byte[] der) {
    String b64 =
        java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der);
    return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** The TUF key id: hex SHA-256 of the key's canonical JSON. */
  static String keyId(ObjectNode keyJson) {
    return sha256Hex(canonical(keyJson));
  }

  static String keyId(SigningKey k) {
    return keyId(keyJson(k));
  }

  /** Lists {@code k} for {@code role} in root (or in a delegator's delegations). */
  void addKey(String role, SigningKey k) {
    ObjectNode json = keyJson(k);
    String id = keyId(json);
    ((ObjectNode) root().get("keys")).set(id, json);
    ((ArrayNode) root().get("roles").get(role).get("keyids")).add(id);
  }

  /** Replaces the keys of a top-level role by one new key (root must be published after). */
  SigningKey rotate(String role) {
    ObjectNode r = (ObjectNode) root().get("roles").get(role);
    r.set("keyids", F.arrayNode());
    SigningKey k = key(SigningKey.Kind.ED25519);
    addKey(role, k);
    signers.put(role, new ArrayList<>(List.of(k)));
    return k;
  }

  /** Publishes the next version of each role, in order. */
  void publish(String... roles) {
    for (String role : roles) {
      publish(role, true);
    }
  }

  /** Publishes targets, snapshot and timestamp: a routine repository update. */
  void publishAll() {
    publish("targets", "snapshot", "timestamp");
  }

  void publish(String role, boolean bump) {
    ObjectNode s = signed.get(role);
    if (bump) {
      s.put("version", s.get("version").asLong() + 1);
    }
    byte[] bytes = sign(s, signers.get(role));
    long version = s.get("version").asLong();
    files.put(metadataPath(role, version), bytes);
    if (role.equals("snapshot")) {
      signed.get("timestamp").with("meta").set("snapshot.json", metaFile(version, bytes));
    } else if (!role.equals("root") && !role.equals("timestamp")) {
      signed.get("snapshot").with("meta").set(role + ".json", metaFile(version, bytes));
    }
  }

  String metadataPath(String role, long version) {
    String name = TufClient.encode(role) + ".json";
    if (role.equals("timestamp")) {
      return "metadata/" + name;
    }
    if (role.equals("root") || root().get("consistent_snapshot").asBoolean()) {
      return "metadata/" + version + "." + name;
    }
    return "metadata/" + name;
  }

  /** Serves {@code bytes} as the latest metadata of {@code role} (for tampering). */
  void serve(String role, long version, byte[] bytes) {
    files.put(metadataPath(role, version), bytes);
  }

  byte[] served(String role, long version) {
    return files.get(metadataPath(role, version));
  }

  private ObjectNode metaFile(long version, byte[] bytes) {
    ObjectNode m = F.objectNode().put("version", version);
    if (metaHashes) {
      m.put("length", bytes.length);
      m.set("hashes", F.objectNode().put("sha256", sha256Hex(bytes)));
    }
    return m;
  }

  /** Signs {@code s} with every key given, as securesystemslib does. */
  static byte[] sign(ObjectNode s, List<SigningKey> keys) {
    byte[] message = canonical(s);
    ArrayNode sigs = F.arrayNode();
    for (SigningKey k : keys) {
      sigs.add(
          F.objectNode()
              .put("keyid", keyId(k))
              .put("sig", HexFormat.of().formatHex(k.sign(message))));
    }
    ObjectNode doc = F.objectNode();
    doc.set("signatures", sigs);
    doc.set("signed", s.deepCopy());
    return json(doc);
  }

  static byte[] json(JsonNode doc) {
    try {
      return MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode parse(byte[] doc) {
    try {
      return (ObjectNode) MAPPER.readTree(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] canonical(JsonNode n) {
    try {
      return CanonicalJson.encode(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256Hex(byte[] b) {
    return MultiDigester.digest(b, List.of(DigestAlgorithm.SHA256))
        .get(DigestAlgorithm.SHA256)
        .hex();
  }

  /** Adds a target to a targets role (publish it after) and serves its content. */
  void addTarget(String role, String path, byte[] content) {
    String hash = sha256Hex(content);
    ObjectNode t = F.objectNode().put("length", content.length);
    t.set("hashes", F.objectNode().put("sha256", hash));
    signed.get(role).with("targets").set(path, t);
    serveTarget(path, hash, content);
  }

  void serveTarget(String path, String hash, byte[] content) {
    int slash = path.lastIndexOf('/');
    String prefixed = path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
    files.put("targets/" + prefixed, content);
    files.put("targets/" + path, content);
  }

  /**
   * Delegates {@code paths} (or hash prefixes, when {@code paths} is null) from {@code delegator}
   * to a new role with its own key, and creates the role's empty targets metadata.
   */
  void delegate(
      String delegator,
      String role,
      boolean terminating,
      List<String> paths,
      List<String> prefixes) {
    SigningKey k = key(SigningKey.Kind.ED25519);
    ObjectNode d = delegations(delegator);
    ObjectNode keyJson = keyJson(k);
    d.with("keys").set(keyId(keyJson), keyJson);
    ObjectNode r = F.objectNode().put("name", role);
    r.set("keyids", F.arrayNode().add(keyId(keyJson)));
    r.put("threshold", 1);
    r.put("terminating", terminating);
    if (paths != null) {
      ArrayNode a = r.putArray("paths");
      paths.forEach(a::add);
    } else {
      ArrayNode a = r.putArray("path_hash_prefixes");
      prefixes.forEach(a::add);
    }
    ((ArrayNode) d.get("roles")).add(r);
    signers.computeIfAbsent(role, x -> new ArrayList<>()).add(k);
    signed.computeIfAbsent(role, x -> emptyTargets().put("expires", AT.plus(validity).toString()));
  }

  ObjectNode delegations(String delegator) {
    ObjectNode t = signed.get(delegator);
    if (!t.has("delegations")) {
      ObjectNode d = t.putObject("delegations");
      d.putObject("keys");
      d.putArray("roles");
    }
    return (ObjectNode) t.get("delegations");
  }

  static ObjectNode emptyTargets() {
    ObjectNode s = F.objectNode();
    s.put("_type", "targets");
    s.put("spec_version", "1.0.31");
    s.put("version", 1);
    s.put("expires", AT.plus(Duration.ofDays(30)).toString());
    s.putObject("targets");
    return s;
  }

  @Override
  public void fetch(URI uri, long maxBytes, java.io.OutputStream sink) throws IOException {
    String path = uri.toString().substring("https://repo.test/".length());
    requests.add(path);
    byte[] b = files.get(path);
    if (b == null) {
      throw new NotFoundException(path);
    }
    FileTransport.copy(new java.io.ByteArrayInputStream(b), maxBytes, sink, path);
  }

  /** Stores this repository's root v1 as the trusted root in {@code dir}. */
  void initIn(java.nio.file.Path dir) throws IOException {
    if (!TufClient.init(dir, served("root", 1), AT).isValid()) {
      throw new IllegalStateException("root v1 not accepted");
    }
  }

  /**
   * A client of this repository storing its metadata in {@code dir}, judging expiry at {@code at}.
   */
  TufClient client(java.nio.file.Path dir, Instant at) {
    return TufClient.online(dir, METADATA, TARGETS, this, at);
  }

  /** The requests made since the last call, cleared. */
  List<String> takeRequests() {
    List<String> r = List.copyOf(requests);
    requests.clear();
    return r;
  }
}
