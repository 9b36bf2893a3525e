package org.opentransparency.verifier.tuf;

import static org.opentransparency.verifier.internal.json.StrictJson.array;
import static org.opentransparency.verifier.internal.json.StrictJson.integer;
import static org.opentransparency.verifier.internal.json.StrictJson.object;
import static org.opentransparency.verifier.internal.json.StrictJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.internal.json.StrictJson;

/**
 * One TUF metadata document as served: its bytes, its signatures and the parsed {@code signed}
 * part. Parsing checks form only (types, required members, spec version 1); whether the document is
 * trusted is the {@link TrustedSet}'s decision. Immutable.
 */
final class Metadata {
  static final String ROOT = "root";
  static final String TIMESTAMP = "timestamp";
  static final String SNAPSHOT = "snapshot";
  static final String TARGETS = "targets";
  static final Set<String> TOP_LEVEL = Set.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS);

  private static final Pattern SPEC_VERSION = Pattern.compile("1\\.[0-9]+(\\.[0-9]+)?");
  private static final Pattern EXPIRES =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

  /** A signature entry: the key id it claims and the signature bytes (null if not hex). */
  record Signature(String keyId, byte[] sig) {}

  /** The keys and threshold a delegator gives a role. */
  record RoleKeys(List<String> keyIds, int threshold) {}

  /** What timestamp and snapshot say of another metadata file. */
  record MetaFile(long version, Long length, Map<String, String> hashes) {}

  /** A role delegated by a targets role: explicit ({@code paths} or hash prefixes) or a bin. */
  record DelegatedRole(
      String name,
      RoleKeys keys,
      boolean terminating,
      List<String> paths,
      List<String> hashPrefixes) {}

  /** Succinct hash bins: {@code 2^bitLength} roles named {@code prefix-XX}. */
  record SuccinctRoles(RoleKeys keys, int bitLength, String namePrefix) {
    int suffixLength() {
      return (bitLength + 3) / 4;
    }

    String roleFor(byte[] pathSha256) {
      long first =
          ((pathSha256[0] & 0xffL) << 24)
              | ((pathSha256[1] & 0xffL) << 16)
              | ((pathSha256[2] & 0xffL) << 8)
              | (pathSha256[3] & 0xffL);
      long bin = first >>> (32 - bitLength);
      return String.format(Locale.ROOT, "%s-%0" + suffixLength() + "x", namePrefix, bin);
    }
  }

  /** The delegations of a targets role. */
  record Delegations(Map<String, TufKey> keys, List<DelegatedRole> roles, SuccinctRoles succinct) {}

  final long version;
  final Instant expires;
  final byte[] canonicalSigned;
  final List<Signature> signatures;

  // root
  final Map<String, TufKey> keys;
  final Map<String, RoleKeys> roles;
  final boolean consistentSnapshot;
  // timestamp, snapshot
  final Map<String, MetaFile> meta;
  // targets
  final Map<String, TargetFile> targets;
  final Delegations delegations;

  private Metadata(ObjectNode signed, String type, List<Signature> sigs, String what)
      throws InvalidInputException {
    this.signatures = List.copyOf(sigs);
    String spec = string(signed, "spec_version", what);
    if (!SPEC_VERSION.matcher(spec).matches()) {
      throw new InvalidInputException(what + ": unsupported spec_version " + shorten(spec));
    }
    this.version = integer(signed, "version", 1, what);
    String exp = string(signed, "expires", what);
    if (!EXPIRES.matcher(exp).matches()) {
      throw new InvalidInputException(what + ": \"expires\" must be YYYY-MM-DDThh:mm:ssZ");
    }
    this.expires = StrictJson.instant(signed, "expires", what);
    this.canonicalSigned = CanonicalJson.encode(signed);
    Map<String, TufKey> k = Map.of();
    Map<String, RoleKeys> r = Map.of();
    boolean consistent = false;
    Map<String, MetaFile> m = Map.of();
    Map<String, TargetFile> t = Map.of();
    Delegations d = null;
    switch (type) {
      case ROOT:
        k = keys(object(signed, "keys", what), what);
        r = new LinkedHashMap<>();
        ObjectNode rolesNode = object(signed, "roles", what);
        for (String role : List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS)) {
          if (!rolesNode.has(role)) {
            throw new InvalidInputException(what + ": role " + role + " is missing");
          }
          r.put(role, roleKeys(rolesNode.get(role), what + " role " + role));
        }
        JsonNode cs = signed.get("consistent_snapshot");
        if (cs != null && !cs.isBoolean()) {
          throw new InvalidInputException(what + ": \"consistent_snapshot\" must be a boolean");
        }
        consistent = cs != null && cs.booleanValue();
        break;
      case TIMESTAMP:
        m = metaFiles(object(signed, "meta", what), what);
        if (!m.containsKey("snapshot.json")) {
          throw new InvalidInputException(what + ": meta has no snapshot.json");
        }
        break;
      case SNAPSHOT:
        m = metaFiles(object(signed, "meta", what), what);
        break;
      case TARGETS:
        t = targetFiles(object(signed, "targets", what), what);
        if (signed.has("delegations")) {
          d = delegations(object(signed, "delegations", what), what);
        }
        break;
      default:
        throw new IllegalArgumentException(type);
    }
    this.keys = Map.copyOf(k);
    this.roles = Map.copyOf(r);
    this.consistentSnapshot = consistent;
    this.meta = Map.copyOf(m);
    this.targets = Map.copyOf(t);
    this.delegations = d;
  }

  /**
   * Reads metadata of the expected type.
   *
   * @throws InvalidInputException if it is not well-formed TUF metadata of that type
   */
  static Metadata parse(byte[] bytes, String expectedType, String what, long maxBytes)
      throws InvalidInputException {
    ObjectNode doc;
    try {
      doc =
          StrictJson.parseObject(
              bytes,
              what,
              Limits.defaults().toBuilder().maxJsonBytes(Math.max(1, maxBytes)).build());
    } catch (InvalidInputException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
    ObjectNode signed = object(doc, "signed", what);
    String type = string(signed, "_type", what);
    if (!type.equals(expectedType)) {
      throw new InvalidInputException(
          what + ": \"_type\" is " + shorten(type) + ", expected " + expectedType);
    }
    List<Signature> sigs = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode s : array(doc, "signatures", what)) {
      if (!s.isObject()) {
        throw new InvalidInputException(what + ": a signature must be an object");
      }
      String keyId = string(s, "keyid", what);
      String hex = string(s, "sig", what);
      if (!seen.add(keyId)) {
        // The spec: key ids are unique in "signatures". Refused outright, never counted twice.
        throw new InvalidInputException(what + ": two signatures for key id " + shorten(keyId));
      }
      sigs.add(new Signature(keyId, parseHex(hex)));
    }
    return new Metadata(signed, type, sigs, what);
  }

  private static byte[] parseHex(String hex) {
    if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
      return null;
    }
    return HexFormat.of().parseHex(hex);
  }

  private static Map<String, TufKey> keys(ObjectNode node, String what)
      throws InvalidInputException {
    Map<String, TufKey> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), TufKey.parse(e.getValue(), what + " key " + shorten(e.getKey())));
    }
    return out;
  }

  private static RoleKeys roleKeys(JsonNode node, String what) throws InvalidInputException {
    if (!node.isObject()) {
      throw new InvalidInputException(what + ": must be an object");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : array(node, "keyids", what)) {
      if (!id.isTextual()) {
        throw new InvalidInputException(what + ": key ids must be strings");
      }
      if (ids.contains(id.textValue())) {
        throw new InvalidInputException(what + ": key id listed twice: " + shorten(id.textValue()));
      }
      ids.add(id.textValue());
    }
    long threshold = integer(node, "threshold", 1, what);
    if (threshold > Integer.MAX_VALUE) {
      throw new InvalidInputException(what + ": threshold too large");
    }
    return new RoleKeys(List.copyOf(ids), (int) threshold);
  }

  private static Map<String, MetaFile> metaFiles(ObjectNode node, String what)
      throws InvalidInputException {
    Map<String, MetaFile> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String w = what + " meta " + shorten(e.getKey());
      JsonNode v = e.getValue();
      if (!v.isObject()) {
        throw new InvalidInputException(w + ": must be an object");
      }
      long version = integer(v, "version", 1, w);
      Long length = v.has("length") ? integer(v, "length", 0, w) : null;
      Map<String, String> hashes = v.has("hashes") ? hashes(object(v, "hashes", w), w) : null;
      out.put(e.getKey(), new MetaFile(version, length, hashes));
    }
    return out;
  }

  private static Map<String, String> hashes(ObjectNode node, String what)
      throws InvalidInputException {
    if (node.isEmpty()) {
      throw new InvalidInputException(what + ": \"hashes\" is empty");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException(what + ": hashes must be strings");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return Map.copyOf(out);
  }

  private static Map<String, TargetFile> targetFiles(ObjectNode node, String what)
      throws InvalidInputException {
    Map<String, TargetFile> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String w = what + " target " + shorten(e.getKey());
      JsonNode v = e.getValue();
      if (!v.isObject()) {
        throw new InvalidInputException(w + ": must be an object");
      }
      long length = integer(v, "length", 0, w);
      Map<String, String> hashes = hashes(object(v, "hashes", w), w);
      out.put(e.getKey(), new TargetFile(e.getKey(), length, hashes));
    }
    return out;
  }

  private static Delegations delegations(ObjectNode node, String what)
      throws InvalidInputException {
    String w = what + " delegations";
    Map<String, TufKey> keys = keys(object(node, "keys", w), w);
    boolean hasRoles = node.has("roles");
    boolean hasSuccinct = node.has("succinct_roles");
    if (hasRoles == hasSuccinct) {
      throw new InvalidInputException(w + ": exactly one of roles and succinct_roles is needed");
    }
    if (hasSuccinct) {
      ObjectNode s = object(node, "succinct_roles", w);
      long bits = integer(s, "bit_length", 1, w);
      if (bits > 32) {
        throw new InvalidInputException(w + ": bit_length must be 1 to 32");
      }
      return new Delegations(
          keys,
          List.of(),
          new SuccinctRoles(roleKeys(s, w), (int) bits, string(s, "name_prefix", w)));
    }
    List<DelegatedRole> roles = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode r : array(node, "roles", w)) {
      if (!r.isObject()) {
        throw new InvalidInputException(w + ": a role must be an object");
      }
      String name = string(r, "name", w);
      String rw = w + " role " + shorten(name);
      // Ignoring case too: on a case-insensitive file system "Root.json" is "root.json".
      if (TOP_LEVEL.contains(name.toLowerCase(Locale.ROOT))) {
        throw new InvalidInputException(rw + ": a top-level role cannot be delegated");
      }
      if (!names.add(name)) {
        throw new InvalidInputException(rw + ": delegated twice by one role");
      }
      JsonNode term = r.get("terminating");
      if (term == null || !term.isBoolean()) {
        throw new InvalidInputException(rw + ": \"terminating\" must be a boolean");
      }
      boolean hasPaths = r.has("paths");
      boolean hasPrefixes = r.has("path_hash_prefixes");
      if (hasPaths == hasPrefixes) {
        throw new InvalidInputException(
            rw + ": exactly one of paths and path_hash_prefixes is needed");
      }
      roles.add(
          new DelegatedRole(
              name,
              roleKeys(r, rw),
              term.booleanValue(),
              hasPaths ? strings(r, "paths", rw) : null,
              hasPrefixes ? strings(r, "path_hash_prefixes", rw) : null));
    }
    return new Delegations(keys, List.copyOf(roles), null);
  }

  private static List<String> strings(JsonNode node, String name, String what)
      throws InvalidInputException {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(node, name, what)) {
      if (!v.isTextual()) {
        throw new InvalidInputException(what + ": \"" + name + "\" must hold strings");
      }
      out.add(v.textValue());
    }
    return List.copyOf(out);
  }

  static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  boolean isExpiredAt(Instant at) {
    return !at.isBefore(expires);
  }
}
