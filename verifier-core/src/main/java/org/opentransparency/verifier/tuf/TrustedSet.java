package org.opentransparency.verifier.tuf;

import static org.opentransparency.verifier.tuf.Metadata.ROOT;
import static org.opentransparency.verifier.tuf.Metadata.SNAPSHOT;
import static org.opentransparency.verifier.tuf.Metadata.TARGETS;
import static org.opentransparency.verifier.tuf.Metadata.TIMESTAMP;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.tuf.Metadata.MetaFile;
import org.opentransparency.verifier.tuf.Metadata.RoleKeys;
import org.opentransparency.verifier.tuf.Metadata.Signature;

/**
 * The metadata trusted so far in one run of the client workflow, and the rules for adding to it
 * (TUF specification 5.3 to 5.6): each update is checked against what is already trusted, and only
 * what passes every check is kept. The order is fixed: root versions, then timestamp, snapshot,
 * targets and delegated targets. Not thread-safe: one per update run.
 */
final class TrustedSet {
  private final Instant at;
  private Metadata root;
  private Metadata timestamp;
  private Metadata snapshot;
  private final Map<String, Metadata> targets = new LinkedHashMap<>();

  /**
   * Starts from the trusted root, which must be signed by a threshold of its own root keys; its
   * expiry is not checked here (a newer root may follow).
   */
  TrustedSet(byte[] trustedRoot, Instant at) throws TufException {
    this.at = at;
    Metadata r = parse(trustedRoot, ROOT, "trusted root");
    verify(r, r.roles.get(ROOT), r.keys, "trusted root");
    this.root = r;
  }

  Metadata root() {
    return root;
  }

  Metadata timestamp() {
    return timestamp;
  }

  Metadata targets(String role) {
    return targets.get(role);
  }

  /** The trusted version of each role, for reports. */
  Map<String, Long> versions() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(ROOT, root.version);
    if (timestamp != null) {
      out.put(TIMESTAMP, timestamp.version);
    }
    if (snapshot != null) {
      out.put(SNAPSHOT, snapshot.version);
    }
    targets.forEach((role, md) -> out.put(role, md.version));
    return out;
  }

  /** 5.3: the next root version, signed by a threshold of the current root and of itself. */
  void updateRoot(byte[] data) throws TufException {
    if (timestamp != null) {
      throw new IllegalStateException("root cannot change after timestamp");
    }
    String what = "root v" + (root.version + 1);
    Metadata r = parse(data, ROOT, what);
    verify(
        r, root.roles.get(ROOT), root.keys, what + " (by the keys of root v" + root.version + ")");
    if (r.version != root.version + 1) {
      throw new TufException(
          r.version <= root.version ? ReasonCode.ROLLBACK : ReasonCode.TUF_VERSION_MISMATCH,
          String.format(Locale.ROOT, "%s: the file holds version %d", what, r.version));
    }
    verify(r, r.roles.get(ROOT), r.keys, what + " (by its own keys)");
    root = r;
  }

  /**
   * 5.4: a timestamp, checked against the trusted one for rollback.
   *
   * @return false when it is the version already trusted (it is then ignored, as the spec says)
   */
  boolean updateTimestamp(byte[] data) throws TufException {
    if (snapshot != null) {
      throw new IllegalStateException("timestamp cannot change after snapshot");
    }
    if (root.isExpiredAt(at)) {
      throw expired("root v" + root.version, root);
    }
    Metadata t = parse(data, TIMESTAMP, "timestamp");
    verify(t, root.roles.get(TIMESTAMP), root.keys, "timestamp");
    if (timestamp != null) {
      if (t.version < timestamp.version) {
        throw rollback("timestamp", t.version, timestamp.version);
      }
      if (t.version == timestamp.version) {
        return false;
      }
      long was = timestamp.meta.get("snapshot.json").version();
      long now = t.meta.get("snapshot.json").version();
      if (now < was) {
        throw rollback("timestamp's snapshot", now, was);
      }
    }
    // Kept even if expired: an expired timestamp still guards against rollback of the next.
    timestamp = t;
    checkFinalTimestamp();
    return true;
  }

  void checkFinalTimestamp() throws TufException {
    if (timestamp.isExpiredAt(at)) {
      throw expired("timestamp v" + timestamp.version, timestamp);
    }
  }

  /**
   * 5.5: a snapshot, of the length and hashes the timestamp names (unless it comes from the
   * client's own store), and with no role removed or rolled back.
   */
  void updateSnapshot(byte[] data, boolean fromStore) throws TufException {
    if (timestamp == null || !targets.isEmpty()) {
      throw new IllegalStateException("snapshot must follow timestamp and precede targets");
    }
    checkFinalTimestamp();
    MetaFile expected = timestamp.meta.get("snapshot.json");
    if (!fromStore) {
      Hashes.checkMeta(data, expected, "snapshot");
    }
    Metadata s = parse(data, SNAPSHOT, "snapshot");
    verify(s, root.roles.get(SNAPSHOT), root.keys, "snapshot");
    if (snapshot != null) {
      for (Map.Entry<String, MetaFile> e : snapshot.meta.entrySet()) {
        MetaFile now = s.meta.get(e.getKey());
        if (now == null) {
          throw new TufException(
              ReasonCode.TUF_ROLE_REMOVED,
              "snapshot v" + s.version + " no longer lists " + Metadata.shorten(e.getKey()));
        }
        if (now.version() < e.getValue().version()) {
          throw rollback(
              "snapshot's " + Metadata.shorten(e.getKey()), now.version(), e.getValue().version());
        }
      }
    }
    // Kept even if not final: it still guards against rollback of the next snapshot.
    snapshot = s;
    checkFinalSnapshot();
  }

  void checkFinalSnapshot() throws TufException {
    if (snapshot.isExpiredAt(at)) {
      throw expired("snapshot v" + snapshot.version, snapshot);
    }
    long expected = timestamp.meta.get("snapshot.json").version();
    if (snapshot.version != expected) {
      throw new TufException(
          ReasonCode.TUF_VERSION_MISMATCH,
          String.format(
              Locale.ROOT,
              "snapshot is version %d, the timestamp names version %d",
              snapshot.version,
              expected));
    }
  }

  /** What the snapshot says of a targets role, or null when it does not list it. */
  MetaFile snapshotMeta(String role) {
    return snapshot.meta.get(role + ".json");
  }

  /**
   * 5.6: a targets role (top-level, or delegated by {@code delegator}), listed in the snapshot with
   * this version (and length and hashes, when given), signed by a threshold of the keys its
   * delegator names, not expired.
   */
  Metadata updateTargets(byte[] data, String role, Delegator delegator) throws TufException {
    if (snapshot == null) {
      throw new IllegalStateException("targets must follow snapshot");
    }
    checkFinalSnapshot();
    String what =
        Metadata.TOP_LEVEL.contains(role) ? role : "delegated role " + Metadata.shorten(role);
    MetaFile expected = snapshotMeta(role);
    if (expected == null) {
      throw new TufException(ReasonCode.TUF_METADATA_MISSING, "the snapshot does not list " + what);
    }
    Hashes.checkMeta(data, expected, what);
    Metadata t = parse(data, TARGETS, what);
    verify(t, delegator.keys(), delegator.keyring(), what);
    if (t.version != expected.version()) {
      throw new TufException(
          ReasonCode.TUF_VERSION_MISMATCH,
          String.format(
              Locale.ROOT,
              "%s is version %d, the snapshot names version %d",
              what,
              t.version,
              expected.version()));
    }
    if (t.isExpiredAt(at)) {
      throw expired(what + " v" + t.version, t);
    }
    targets.put(role, t);
    return t;
  }

  /** Who delegates a targets role: the keys it names for the role, and its threshold. */
  record Delegator(String name, RoleKeys keys, Map<String, TufKey> keyring) {}

  /** The top-level targets role's delegator: the trusted root. */
  Delegator rootDelegator() {
    return new Delegator(ROOT, root.roles.get(TARGETS), root.keys);
  }

  private Metadata parse(byte[] data, String type, String what) throws TufException {
    try {
      // The fetch or the read of the stored file already capped the length.
      return Metadata.parse(data, type, what, data.length);
    } catch (InvalidInputException e) {
      throw new TufException(ReasonCode.TUF_METADATA_INVALID, e.getMessage(), e);
    }
  }

  /**
   * Counts the distinct keys among {@code role}'s key ids whose signature verifies; fewer than the
   * threshold is refused. A key is counted once however many ids or signatures name it.
   */
  static void verify(Metadata md, RoleKeys role, Map<String, TufKey> keyring, String what)
      throws TufException {
    Set<String> counted = new HashSet<>();
    for (String keyId : role.keyIds()) {
      TufKey key = keyring.get(keyId);
      if (key == null || key.key() == null) {
        continue;
      }
      for (Signature s : md.signatures) {
        if (s.keyId().equals(keyId)
            && s.sig() != null
            && key.verifies(md.canonicalSigned, s.sig())) {
          counted.add(key.key().keyId());
        }
      }
    }
    if (counted.size() < role.threshold()) {
      throw new TufException(
          ReasonCode.THRESHOLD_NOT_MET,
          String.format(
              Locale.ROOT,
              "%s: %d of %d signatures needed verify",
              what,
              counted.size(),
              role.threshold()));
    }
  }

  private static TufException rollback(String what, long now, long was) {
    return new TufException(
        ReasonCode.ROLLBACK,
        String.format(Locale.ROOT, "%s version %d is older than the trusted %d", what, now, was));
  }

  private TufException expired(String what, Metadata md) {
    return new TufException(
        ReasonCode.TUF_EXPIRED, what + " expired at " + md.expires + " (now " + at + ")");
  }
}
