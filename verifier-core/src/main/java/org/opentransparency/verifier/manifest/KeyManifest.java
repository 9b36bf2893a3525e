package org.opentransparency.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.internal.json.StrictJson;
import org.opentransparency.verifier.signature.KeyScheme;
import org.opentransparency.verifier.signature.VerificationKey;

/**
 * A key manifest (SPEC 3.5): which keys may sign for which roles, with thresholds, validity windows
 * and revocations, carried in a DSSE envelope signed by the manifest's root keys.
 *
 * <p>An instance is structurally valid (rules 1 and 2 of SPEC 3.5 and the precise rules of 3.9) but
 * its signatures and expiry are unchecked: that is {@link ManifestVerifier}'s job. Immutable.
 */
public final class KeyManifest {
  public static final String PAYLOAD_TYPE = "application/vnd.opentransparency.key-manifest+json";
  public static final String MANIFEST_TYPE = "key-manifest/v1";

  /** More signatures than this on one envelope are refused rather than tried one by one. */
  static final int MAX_SIGNATURES = 256;

  private static final String WHAT = "manifest";

  private final Envelope envelope;
  private final String publisher;
  private final long version;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final Map<String, Role> roles;
  private final List<ManifestKey> keys;
  private final Map<String, ManifestKey> byId;

  private KeyManifest(
      Envelope envelope,
      String publisher,
      long version,
      Instant issuedAt,
      Instant expiresAt,
      Map<String, Role> roles,
      List<ManifestKey> keys) {
    this.envelope = envelope;
    this.publisher = publisher;
    this.version = version;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    this.keys = List.copyOf(keys);
    Map<String, ManifestKey> ids = new HashMap<>();
    for (ManifestKey k : keys) {
      ids.put(k.keyId(), k);
    }
    this.byId = Collections.unmodifiableMap(ids);
  }

  /**
   * Parses a manifest envelope.
   *
   * @throws org.opentransparency.verifier.LimitExceededException if larger than the JSON limit
   * @throws InvalidInputException if it breaks a structural rule; the message says which
   */
  public static KeyManifest parse(byte[] envelopeJson, Limits limits) throws IOException {
    Envelope env = Envelope.parse(envelopeJson, WHAT, limits);
    return fromEnvelope(env, limits);
  }

  /** Reads the payload of an already parsed envelope; see {@link #parse}. */
  public static KeyManifest fromEnvelope(Envelope env, Limits limits) throws IOException {
    if (!env.payloadType().equals(PAYLOAD_TYPE)) {
      throw new InvalidInputException(
          "manifest: payloadType is \"" + env.payloadType() + "\", not " + PAYLOAD_TYPE);
    }
    if (env.signatures().size() > MAX_SIGNATURES) {
      throw new InvalidInputException(
          "manifest: more than " + MAX_SIGNATURES + " signatures on one envelope");
    }
    ObjectNode p = StrictJson.parseObject(env.payload(), "manifest payload", limits);
    String what = "manifest payload";
    String type = StrictJson.string(p, "manifestType", what);
    if (!type.equals(MANIFEST_TYPE)) {
      throw new InvalidInputException(
          "manifest: manifestType is \"" + type + "\", not " + MANIFEST_TYPE);
    }
    String publisher = StrictJson.string(p, "publisher", what);
    long version = StrictJson.integer(p, "version", 1, what);
    Instant issuedAt = StrictJson.instant(p, "issuedAt", what);
    Instant expiresAt = StrictJson.instant(p, "expiresAt", what);

    Map<String, Role> roles = new LinkedHashMap<>();
    ObjectNode rolesNode = StrictJson.object(p, "roles", what);
    for (Map.Entry<String, JsonNode> e : rolesNode.properties()) {
      String name = e.getKey();
      if (!Role.isValidName(name)) {
        throw new InvalidInputException(
            "manifest: role name \"" + name + "\" does not match [a-z0-9][a-z0-9-]*");
      }
      if (!e.getValue().isObject()) {
        throw new InvalidInputException("manifest: role \"" + name + "\" must be an object");
      }
      long threshold = StrictJson.integer(e.getValue(), "threshold", 1, "manifest role " + name);
      if (threshold > Integer.MAX_VALUE) {
        throw new InvalidInputException("manifest: role \"" + name + "\" threshold too large");
      }
      roles.put(name, new Role(name, (int) threshold));
    }
    if (!roles.containsKey(Role.ROOT)) {
      throw new InvalidInputException("manifest: no \"root\" role");
    }

    List<ManifestKey> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, String> material = new HashMap<>();
    for (JsonNode k : StrictJson.array(p, "keys", what)) {
      ManifestKey key = key(k, roles);
      if (!seen.add(key.keyId())) {
        throw new InvalidInputException("manifest: key " + key.keyId() + " is listed twice");
      }
      // The same private key under two ids (an OpenPGP key re-wrapped with another creation
      // time, a CA certificate renewed on the same key) would count twice toward a threshold.
      for (String m : key.key().materialIds()) {
        String other = material.putIfAbsent(key.key().scheme().id() + ":" + m, key.keyId());
        if (other != null && !other.equals(key.keyId())) {
          throw new InvalidInputException(
              "manifest: keys "
                  + other
                  + " and "
                  + key.keyId()
                  + " share the same public key material; list each key once");
        }
      }
      keys.add(key);
    }
    for (Role r : roles.values()) {
      long holders = keys.stream().filter(k -> k.hasRole(r.name())).count();
      if (r.threshold() > holders) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "manifest: role \"%s\" needs %d signatures but only %d keys hold it",
                r.name(),
                r.threshold(),
                holders));
      }
    }
    return new KeyManifest(env, publisher, version, issuedAt, expiresAt, roles, keys);
  }

  private static ManifestKey key(JsonNode k, Map<String, Role> roles) throws InvalidInputException {
    if (!k.isObject()) {
      throw new InvalidInputException("manifest: each key must be an object");
    }
    String keyId = StrictJson.string(k, "keyId", "manifest key");
    String what = "manifest key " + keyId;
    String schemeId = StrictJson.string(k, "scheme", what);
    KeyScheme scheme =
        KeyScheme.fromId(schemeId)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        what
                            + ": unknown scheme \""
                            + schemeId
                            + "\" (known: "
                            + KeyScheme.knownIds()
                            + ")"));
    byte[] encoded;
    try {
      encoded = Base64.getDecoder().decode(StrictJson.string(k, "publicKey", what));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(what + ": \"publicKey\" is not base64");
    }
    VerificationKey vk;
    try {
      vk = VerificationKey.decode(encoded, scheme);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + ": " + e.getMessage(), e);
    }
    if (!vk.keyId().equals(keyId)) {
      throw new InvalidInputException(
          what + ": keyId does not match its public key (which has id " + vk.keyId() + ")");
    }
    Set<String> keyRoles = new HashSet<>();
    for (JsonNode r : StrictJson.array(k, "roles", what)) {
      if (!r.isTextual()) {
        throw new InvalidInputException(what + ": roles must be strings");
      }
      if (!roles.containsKey(r.textValue())) {
        throw new InvalidInputException(
            what + ": role \"" + r.textValue() + "\" is not defined in \"roles\"");
      }
      keyRoles.add(r.textValue());
    }
    if (keyRoles.isEmpty()) {
      throw new InvalidInputException(what + ": holds no role");
    }
    Instant notBefore = StrictJson.optionalInstant(k, "notBefore", what);
    Instant notAfter = StrictJson.optionalInstant(k, "notAfter", what);
    if (notBefore != null && notAfter != null && !notBefore.isBefore(notAfter)) {
      throw new InvalidInputException(what + ": notBefore is not before notAfter");
    }
    ManifestKey.Revocation revoked = null;
    JsonNode rev = k.get("revoked");
    if (rev != null) {
      if (!rev.isObject()) {
        throw new InvalidInputException(what + ": \"revoked\" must be an object");
      }
      revoked =
          new ManifestKey.Revocation(
              StrictJson.instant(rev, "at", what + " revoked"),
              Optional.ofNullable(StrictJson.optionalString(rev, "reason", what + " revoked"))
                  .orElse("unspecified"));
    }
    return new ManifestKey(vk, keyRoles, notBefore, notAfter, revoked);
  }

  /** An unsigned manifest envelope holding these values, ready for {@code manifest sign}. */
  public static Envelope unsigned(
      String publisher,
      long version,
      Instant issuedAt,
      Instant expiresAt,
      List<Role> roles,
      List<ManifestKey> keys) {
    ObjectNode p = StrictJson.newObject();
    p.put("manifestType", MANIFEST_TYPE);
    p.put("publisher", publisher);
    p.put("version", version);
    p.put("issuedAt", issuedAt.toString());
    p.put("expiresAt", expiresAt.toString());
    ObjectNode r = p.putObject("roles");
    for (Role role : roles) {
      r.putObject(role.name()).put("threshold", role.threshold());
    }
    ArrayNode ks = p.putArray("keys");
    for (ManifestKey k : keys) {
      ObjectNode o = ks.addObject();
      o.put("keyId", k.keyId());
      o.put("scheme", k.key().scheme().id());
      o.put("publicKey", Base64.getEncoder().encodeToString(k.key().encoded()));
      ArrayNode kr = o.putArray("roles");
      k.roles().stream().sorted().forEach(kr::add);
      if (k.notBefore() != null) {
        o.put("notBefore", k.notBefore().toString());
      }
      if (k.notAfter() != null) {
        o.put("notAfter", k.notAfter().toString());
      }
      if (k.revoked() != null) {
        o.putObject("revoked")
            .put("at", k.revoked().at().toString())
            .put("reason", k.revoked().reason());
      }
    }
    return new Envelope(PAYLOAD_TYPE, StrictJson.pretty(p), List.of());
  }

  public Envelope envelope() {
    return envelope;
  }

  public String publisher() {
    return publisher;
  }

  public long version() {
    return version;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** The roles, in the manifest's order. */
  public Map<String, Role> roles() {
    return roles;
  }

  public Optional<Role> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  public List<ManifestKey> keys() {
    return keys;
  }

  public Optional<ManifestKey> key(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  /** Whether the two manifests carry the same payload bytes. */
  public boolean samePayload(KeyManifest other) {
    return java.util.Arrays.equals(envelope.payload(), other.envelope.payload());
  }

  @Override
  public String toString() {
    return "manifest v" + version + " (" + publisher + ")";
  }
}
