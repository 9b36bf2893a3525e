package org.opentransparency.verifier.manifest;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.signature.SigningKey;
import org.opentransparency.verifier.signature.VerificationKey;

/** Builds key manifests for tests: named keys, roles, windows, revocations, signatures. */
public final class ManifestFixture {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Map<String, SigningKey> KEYS = new HashMap<>();

  /** The same key for the same name across a test run (key generation is not free). */
  public static SigningKey key(String name) {
    return KEYS.computeIfAbsent(
        name,
        n ->
            SigningKey.generate(
                n.startsWith("ec") ? SigningKey.Kind.ECDSA_P256 : SigningKey.Kind.ED25519, RANDOM));
  }

  String publisher = "Example Security Ltd";
  public long version = 1;
  Instant issuedAt = TestData.AT.minusSeconds(86_400);
  public Instant expiresAt = TestData.AT.plusSeconds(365L * 86_400);
  final List<Role> roles = new ArrayList<>();
  final List<ManifestKey> keys = new ArrayList<>();

  public ManifestFixture role(String name, int threshold) {
    roles.add(new Role(name, threshold));
    return this;
  }

  public ManifestFixture key(String name, String... roles) {
    return key(name, null, null, null, roles);
  }

  public ManifestFixture key(
      String name,
      Instant notBefore,
      Instant notAfter,
      ManifestKey.Revocation revoked,
      String... roles) {
    keys.add(new ManifestKey(key(name).publicKey(), Set.of(roles), notBefore, notAfter, revoked));
    return this;
  }

  /** A key read from a fixture (OpenSSL, gpg, minisign, ...), holding these roles. */
  public ManifestFixture key(VerificationKey key, String... roles) {
    keys.add(new ManifestKey(key, Set.of(roles), null, null, null));
    return this;
  }

  /** Root 2-of-3 (r1, r2, r3), software 1 (s1), threat-rules 1 (s1, t1). */
  public static ManifestFixture standard() {
    return new ManifestFixture()
        .role("root", 2)
        .role("software", 1)
        .role("threat-rules", 1)
        .key("r1", "root")
        .key("r2", "root")
        .key("r3", "root")
        .key("s1", "software", "threat-rules")
        .key("t1", "threat-rules");
  }

  public Envelope unsigned() {
    return KeyManifest.unsigned(publisher, version, issuedAt, expiresAt, roles, keys);
  }

  /** The manifest envelope signed by the named keys, each with its own key id as hint. */
  public Envelope signedBy(String... signers) {
    return sign(unsigned(), signers);
  }

  public static Envelope sign(Envelope env, String... signers) {
    for (String s : signers) {
      SigningKey k = key(s);
      env = env.withSignature(new Envelope.Signature(k.publicKey().keyId(), k.sign(env.pae())));
    }
    return env;
  }

  static KeyManifest parse(Envelope env) throws Exception {
    return KeyManifest.parse(env.toJson(), org.opentransparency.verifier.Limits.defaults());
  }
}
