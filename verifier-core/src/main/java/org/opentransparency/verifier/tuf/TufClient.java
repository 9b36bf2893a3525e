package org.opentransparency.verifier.tuf;

import static java.util.Objects.requireNonNull;
import static org.opentransparency.verifier.tuf.Metadata.ROOT;
import static org.opentransparency.verifier.tuf.Metadata.SNAPSHOT;
import static org.opentransparency.verifier.tuf.Metadata.TARGETS;
import static org.opentransparency.verifier.tuf.Metadata.TIMESTAMP;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.Verdict;
import org.opentransparency.verifier.internal.AtomicFiles;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.internal.StateLock;
import org.opentransparency.verifier.tuf.Metadata.MetaFile;
import org.opentransparency.verifier.tuf.PathPatterns.Child;
import org.opentransparency.verifier.tuf.TrustedSet.Delegator;

/**
 * A TUF client (The Update Framework specification v1.0, "detailed client workflow"): updates the
 * trusted metadata stored in a directory from a repository, then finds, downloads and checks
 * targets. Trusted metadata is stored under non-versioned names ({@code root.json}, {@code
 * timestamp.json}, ..., delegated roles by their percent-encoded name), exactly as the repository
 * served it.
 *
 * {@snippet :
 * TufClient client = TufClient.online(dir, URI.create("https://example.org/metadata/"),
 *     URI.create("https://example.org/targets/"), TufTransport.standard(), Instant.now());
 * TufResult r = client.download(List.of("rules/latest.tar.gz"), targetDir);
 * if (!r.isValid()) report(r.reasons());
 * }
 *
 * <p>One instance is one update session; its methods are synchronized, so it may be shared, but
 * calls run one at a time. The class holds no global state: any number of sessions may run at once
 * (on different metadata directories).
 */
public final class TufClient {
  /** The largest root metadata fetched, in bytes (as python-tuf's default). */
  public static final long ROOT_MAX_LENGTH = 512_000;

  /** The largest timestamp metadata fetched, in bytes. */
  public static final long TIMESTAMP_MAX_LENGTH = 16_384;

  /** The largest snapshot metadata fetched when the timestamp gives no length, in bytes. */
  public static final long SNAPSHOT_MAX_LENGTH = 2_000_000;

  /** The largest targets metadata fetched when the snapshot gives no length, in bytes. */
  public static final long TARGETS_MAX_LENGTH = 5_000_000;

  /**
   * The most any metadata document is fetched, in bytes, whatever length the timestamp or snapshot
   * gives it: a document is held in memory and parsed whole.
   */
  public static final long METADATA_MAX_LENGTH = 64L << 20;

  /** How many root versions one refresh may move forward. */
  public static final int MAX_ROOT_ROTATIONS = 256;

  /** How many targets roles one target search may visit. */
  public static final int MAX_DELEGATIONS = 32;

  private static final Map<String, Long> MAX_LENGTHS =
      Map.of(
          ROOT, ROOT_MAX_LENGTH,
          TIMESTAMP, TIMESTAMP_MAX_LENGTH,
          SNAPSHOT, SNAPSHOT_MAX_LENGTH,
          TARGETS, TARGETS_MAX_LENGTH);

  private final Path metadataDir;
  private final URI metadataUrl;
  private final URI targetBaseUrl;
  private final TufTransport transport;
  private final Instant at;

  private TrustedSet trusted;
  private TufResult refreshed;

  /** Role and delegator pairs whose signatures have been checked this session. */
  private final Set<String> verifiedVia = new HashSet<>();

  private TufClient(
      Path metadataDir, URI metadataUrl, URI targetBaseUrl, TufTransport transport, Instant at) {
    this.metadataDir = requireNonNull(metadataDir, "metadataDir");
    this.metadataUrl = metadataUrl == null ? null : directory(metadataUrl);
    this.targetBaseUrl = targetBaseUrl == null ? null : directory(targetBaseUrl);
    this.transport = transport;
    this.at = requireNonNull(at, "at");
  }

  /**
   * A client that updates from a repository.
   *
   * @param metadataDir where trusted metadata is stored; must hold a trusted {@code root.json}
   * @param metadataUrl the repository's metadata base URL
   * @param targetBaseUrl the repository's targets base URL, or null if no target is downloaded
   * @param at the time expiry is judged at
   */
  public static TufClient online(
      Path metadataDir, URI metadataUrl, URI targetBaseUrl, TufTransport transport, Instant at) {
    requireNonNull(metadataUrl, "metadataUrl");
    requireNonNull(transport, "transport");
    return new TufClient(metadataDir, metadataUrl, targetBaseUrl, transport, at);
  }

  /**
   * A client that fetches nothing: every metadata file must already be in {@code metadataDir} and
   * be valid and current at {@code at}.
   */
  public static TufClient offline(Path metadataDir, Instant at) {
    return new TufClient(metadataDir, null, null, null, at);
  }

  /**
   * Stores {@code trustedRoot} as the root of trust in {@code metadataDir} (created if missing),
   * after checking that it is root metadata signed by a threshold of its own root keys. Its expiry
   * is not checked: the first refresh may move to a newer root.
   *
   * @throws IOException if the directory cannot be written
   */
  public static TufResult init(Path metadataDir, byte[] trustedRoot, Instant at)
      throws IOException {
    TrustedSet set;
    try {
      set = new TrustedSet(trustedRoot, at);
    } catch (TufException e) {
      return new TufResult(Verdict.INVALID, List.of(e.reason()), Map.of(), List.of());
    }
    Files.createDirectories(metadataDir);
    AtomicFiles.write(metadataDir.resolve(fileName(ROOT)), trustedRoot);
    return new TufResult(Verdict.VALID, List.of(), set.versions(), List.of());
  }

  /**
   * Updates root, timestamp, snapshot and top-level targets (specification 5.3 to 5.6). What passes
   * every check is stored as it arrives, so a failure late in the workflow keeps what was accepted
   * before it. Runs once per session; later calls return the first result.
   *
   * @throws IOException if the stored metadata cannot be read or written (not: if the repository
   *     cannot be reached, which is a {@code TUF_FETCH_FAILED} reason)
   */
  public synchronized TufResult refresh() throws IOException {
    if (refreshed != null) {
      return refreshed;
    }
    // A refresh that fetches writes what it accepts: two of them (two processes on one directory)
    // take turns. An offline one only reads, and may run on a directory it cannot write; one that
    // reads while another writes may see old and new files mixed, which fails, never passes.
    try (StateLock lock = metadataUrl != null ? StateLock.acquire(metadataDir) : null) {
      trusted = new TrustedSet(readStored(ROOT, /* required= */ true), at);
      loadRoot();
      loadTimestamp();
      loadSnapshot();
      loadTargets(TARGETS, trusted.rootDelegator());
      refreshed = result(null, List.of());
    } catch (TufException e) {
      refreshed = result(e.reason(), List.of());
    }
    return refreshed;
  }

  /**
   * Refreshes, then for each target path in order: finds it in the trusted targets metadata
   * (following delegations), and unless {@code targetDir} already holds a file of its length and
   * hashes, downloads it there, checks it, and moves it into place. Stops at the first failure.
   *
   * @throws IOException if stored metadata or the target directory cannot be read or written
   */
  public synchronized TufResult download(List<String> targetPaths, Path targetDir)
      throws IOException {
    if (targetBaseUrl == null) {
      throw new IllegalStateException("no target base URL");
    }
    TufResult r = refresh();
    if (!r.isValid()) {
      return r;
    }
    List<TufResult.Target> done = new ArrayList<>();
    try {
      for (String path : targetPaths) {
        TargetFile info = findTarget(path);
        Path local = targetDir.resolve(targetFileName(path));
        if (matches(local, info)) {
          done.add(new TufResult.Target(info, local, /* cached= */ true));
          continue;
        }
        fetchTarget(info, local);
        done.add(new TufResult.Target(info, local, /* cached= */ false));
      }
    } catch (TufException e) {
      return result(e.reason(), done);
    }
    return result(null, done);
  }

  /**
   * Checks a file against the trusted metadata: refreshes (offline clients only from what is
   * stored), finds {@code targetPath}, and compares the file's length and every hash.
   *
   * @throws IOException if the stored metadata or the file cannot be read
   */
  public synchronized TufResult checkFile(String targetPath, Path file) throws IOException {
    TufResult r = refresh();
    if (!r.isValid()) {
      return r;
    }
    try {
      TargetFile info = findTarget(targetPath);
      try (InputStream in = Files.newInputStream(file)) {
        Hashes.checkTarget(in, info, file.toString());
      }
      return result(null, List.of(new TufResult.Target(info, file, /* cached= */ true)));
    } catch (TufException e) {
      return result(e.reason(), List.of());
    }
  }

  private TufResult result(Reason reason, List<TufResult.Target> targets) {
    Map<String, Long> versions = trusted == null ? Map.of() : new TreeMap<>(trusted.versions());
    return reason == null
        ? new TufResult(Verdict.VALID, List.of(), versions, targets)
        : new TufResult(Verdict.INVALID, List.of(reason), versions, targets);
  }

  // 5.3: root versions one by one until the repository has no next one.
  private void loadRoot() throws TufException, IOException {
    if (metadataUrl == null) {
      return;
    }
    if (trusted.root().version > Long.MAX_VALUE - MAX_ROOT_ROTATIONS - 1) {
      return; // no next version can be named
    }
    long first = trusted.root().version + 1;
    for (long v = first; v < first + MAX_ROOT_ROTATIONS; v++) {
      byte[] data;
      try {
        data = fetch(metadataUrl(ROOT, v), ROOT_MAX_LENGTH, "root v" + v);
      } catch (NotFound e) {
        return;
      }
      trusted.updateRoot(data);
      store(ROOT, data);
    }
  }

  // 5.4: the stored timestamp guards against rollback; the repository's is always fetched.
  private void loadTimestamp() throws TufException, IOException {
    byte[] stored = readStored(TIMESTAMP, /* required= */ false);
    if (metadataUrl == null) {
      if (stored == null) {
        throw missing(TIMESTAMP);
      }
      trusted.updateTimestamp(stored);
      return;
    }
    if (stored != null) {
      try {
        trusted.updateTimestamp(stored);
      } catch (TufException e) {
        // Not usable (keys rotated away, expired...): the repository's must stand on its own.
      }
    }
    byte[] data = fetch(metadataUrl(TIMESTAMP, null), TIMESTAMP_MAX_LENGTH, "timestamp");
    if (trusted.updateTimestamp(data)) {
      store(TIMESTAMP, data);
    }
  }

  // 5.5: the stored snapshot is used when it is the one the timestamp names.
  private void loadSnapshot() throws TufException, IOException {
    byte[] stored = readStored(SNAPSHOT, /* required= */ false);
    TufException storedFailure = null;
    if (stored != null) {
      try {
        trusted.updateSnapshot(stored, /* fromStore= */ true);
        return;
      } catch (TufException e) {
        storedFailure = e;
      }
    }
    if (metadataUrl == null) {
      throw storedFailure != null ? storedFailure : missing(SNAPSHOT);
    }
    MetaFile meta = trusted.timestamp().meta.get("snapshot.json");
    long max = meta.length() != null ? meta.length() : SNAPSHOT_MAX_LENGTH;
    Long version = trusted.root().consistentSnapshot ? meta.version() : null;
    byte[] data = fetch(metadataUrl(SNAPSHOT, version), max, "snapshot");
    trusted.updateSnapshot(data, /* fromStore= */ false);
    store(SNAPSHOT, data);
  }

  // 5.6: a targets role, from the store when it is current, else from the repository.
  private Metadata loadTargets(String role, Delegator delegator) throws TufException, IOException {
    String via = role + '\0' + delegator.name();
    Metadata known = trusted.targets(role);
    if (known != null) {
      if (!verifiedVia.contains(via)) {
        // Reached again through another delegator: that delegator's keys must sign it too.
        TrustedSet.verify(
            known,
            delegator.keys(),
            delegator.keyring(),
            "role "
                + Metadata.shorten(role)
                + " as delegated by "
                + Metadata.shorten(delegator.name()));
        verifiedVia.add(via);
      }
      return known;
    }
    byte[] stored = readStored(role, /* required= */ false);
    TufException storedFailure = null;
    if (stored != null) {
      try {
        Metadata md = trusted.updateTargets(stored, role, delegator);
        verifiedVia.add(via);
        return md;
      } catch (TufException e) {
        storedFailure = e;
      }
    }
    MetaFile meta = trusted.snapshotMeta(role);
    if (meta == null) {
      throw new TufException(
          ReasonCode.TUF_METADATA_MISSING,
          "the snapshot does not list role " + Metadata.shorten(role));
    }
    if (metadataUrl == null) {
      throw storedFailure != null ? storedFailure : missing(role);
    }
    long max = meta.length() != null ? meta.length() : TARGETS_MAX_LENGTH;
    Long version = trusted.root().consistentSnapshot ? meta.version() : null;
    byte[] data = fetch(metadataUrl(role, version), max, "role " + Metadata.shorten(role));
    Metadata md = trusted.updateTargets(data, role, delegator);
    store(role, data);
    verifiedVia.add(via);
    return md;
  }

  /**
   * Pre-order depth-first search of the delegation graph (specification 5.6.7): the first role that
   * lists the path wins; a terminating delegation ends the search at its subtree.
   */
  private TargetFile findTarget(String path) throws TufException, IOException {
    record Visit(String role, Delegator delegator) {}
    Deque<Visit> stack = new ArrayDeque<>();
    stack.push(new Visit(TARGETS, trusted.rootDelegator()));
    Set<String> visited = new HashSet<>();
    int budget = MAX_DELEGATIONS;
    while (!stack.isEmpty() && budget > 0) {
      Visit v = stack.pop();
      if (!visited.add(v.role() + '\0' + v.delegator().name())) {
        continue;
      }
      Metadata md = loadTargets(v.role(), v.delegator());
      budget--;
      TargetFile found = md.targets.get(path);
      if (found != null) {
        return found;
      }
      if (md.delegations == null) {
        continue;
      }
      List<Visit> children = new ArrayList<>();
      for (Child c : PathPatterns.rolesFor(md.delegations, path)) {
        children.add(new Visit(c.name(), new Delegator(v.role(), c.keys(), md.delegations.keys())));
        if (c.terminating()) {
          stack.clear();
          break;
        }
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(children.get(i));
      }
    }
    throw new TufException(
        ReasonCode.TUF_TARGET_NOT_FOUND,
        "no trusted targets metadata lists " + Metadata.shorten(path));
  }

  private boolean matches(Path local, TargetFile info) throws IOException {
    if (!Files.isRegularFile(local)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(local)) {
      Hashes.checkTarget(in, info, local.toString());
      return true;
    } catch (TufException e) {
      return false;
    }
  }

  private void fetchTarget(TargetFile info, Path local) throws TufException, IOException {
    // Refused before any download when an algorithm is unknown.
    Hashes.algorithms(info.hashes(), "target " + Metadata.shorten(info.path()));
    Path dir = local.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".tuf-download-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        fetchInto(targetUrl(info), info.length(), out, "target " + Metadata.shorten(info.path()));
      }
      try (InputStream in = Files.newInputStream(tmp)) {
        Hashes.checkTarget(in, info, "target " + Metadata.shorten(info.path()));
      }
      Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The repository had no such file: ends the root loop, fails everything else. */
  private static final class NotFound extends TufException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(ReasonCode.TUF_FETCH_FAILED, message);
    }
  }

  /**
   * Metadata, fetched into memory: no more than {@code max} bytes, and never more than {@link
   * #METADATA_MAX_LENGTH}, whatever length signed metadata names for it.
   */
  private byte[] fetch(URI uri, long max, String what) throws TufException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fetchInto(uri, Math.min(max, METADATA_MAX_LENGTH), out, what);
    return out.toByteArray();
  }

  private void fetchInto(URI uri, long max, OutputStream out, String what) throws TufException {
    try {
      transport.fetch(uri, max, out);
    } catch (TufTransport.NotFoundException e) {
      throw new NotFound(what + ": not found (" + e.getMessage() + ")");
    } catch (LimitExceededException e) {
      throw new TufException(ReasonCode.TUF_FETCH_FAILED, what + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new TufException(
          ReasonCode.TUF_FETCH_FAILED, what + ": could not fetch " + uri + ": " + e, e);
    }
  }

  private byte[] readStored(String role, boolean required) throws IOException, TufException {
    Path p = metadataDir.resolve(fileName(role));
    if (!Files.isRegularFile(p)) {
      if (required) {
        throw new TufException(
            ReasonCode.TUF_METADATA_MISSING, p + ": no trusted " + role + " (run tuf init first)");
      }
      return null;
    }
    long max = MAX_LENGTHS.getOrDefault(role, TARGETS_MAX_LENGTH);
    if (Files.size(p) > max) {
      if (required) {
        throw new TufException(
            ReasonCode.TUF_METADATA_INVALID, p + ": larger than any " + role + " accepted");
      }
      return null; // too large to have been accepted: fetched again
    }
    // Bounded while read too: the file may have grown since its size was asked.
    return BoundedRead.file(p, max, "maxTufMetadataBytes", null);
  }

  private void store(String role, byte[] data) throws IOException {
    AtomicFiles.write(metadataDir.resolve(fileName(role)), data);
  }

  private static TufException missing(String role) {
    return new TufException(
        ReasonCode.TUF_METADATA_MISSING, "no stored " + Metadata.shorten(role) + " metadata");
  }

  private URI metadataUrl(String role, Long version) {
    String name = (version == null ? "" : version + ".") + encode(role) + ".json";
    return URI.create(metadataUrl + name);
  }

  private URI targetUrl(TargetFile info) {
    String path = info.path();
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash + 1);
    String base = path.substring(slash + 1);
    if (trusted.root().consistentSnapshot) {
      String hash =
          info.hashes().containsKey("sha256")
              ? info.hashes().get("sha256")
              : new TreeMap<>(info.hashes()).firstEntry().getValue();
      base = hash + "." + base;
    }
    StringBuilder encoded = new StringBuilder();
    for (String segment : (dir + base).split("/", -1)) {
      if (encoded.length() > 0 || (dir + base).startsWith("/")) {
        encoded.append('/');
      }
      encoded.append(encode(segment));
    }
    return URI.create(targetBaseUrl + encoded.toString().replaceFirst("^/", ""));
  }

  /**
   * The file name of a role's metadata in the metadata directory: the name encoded by {@link
   * #encode}, then {@code .json}.
   */
  static String fileName(String role) {
    return encode(role) + ".json";
  }

  /** The file name of a target in the target directory: its path encoded by {@link #encode}. */
  static String targetFileName(String path) {
    String e = encode(path);
    // "", "." and ".." would name the directory itself or its parent.
    return e.isEmpty() || e.equals(".") || e.equals("..") ? "%2E" + e : e;
  }

  /**
   * A name made safe for one path segment of a file name or URL: UTF-8 bytes other than letters,
   * digits and {@code -._~} percent-encoded (as Python's {@code urllib.parse.quote(name,
   * safe="")}), so no name can reach outside its directory.
   */
  static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append(String.format(Locale.ROOT, "%%%02X", c));
      }
    }
    return out.toString();
  }

  private static URI directory(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? u : URI.create(s + "/");
  }
}
