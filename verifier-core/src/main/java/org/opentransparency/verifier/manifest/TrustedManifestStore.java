package org.opentransparency.verifier.manifest;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.internal.AtomicFiles;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.internal.StateLock;

/**
 * The manifest a user trusts, kept in a state directory (SPEC 3.5, 3.9 "Trusted state"). An empty
 * directory trusts the first valid manifest it is given; after that, only verified rotations
 * replace it. Writes are atomic and made under a lock that other processes honour too.
 *
 * {@snippet :
 * TrustedManifestStore store = new TrustedManifestStore(Path.of("state"), Limits.defaults());
 * ManifestUpdate u = store.update(List.of(Files.readAllBytes(Path.of("v4.json"))), Instant.now());
 * }
 */
public final class TrustedManifestStore {
  /** The file holding the trusted manifest envelope, byte for byte as it was verified. */
  public static final String MANIFEST_FILE = "trusted-manifest.json";

  private final Path dir;
  private final Limits limits;

  public TrustedManifestStore(Path dir, Limits limits) {
    this.dir = dir;
    this.limits = limits;
  }

  public Path directory() {
    return dir;
  }

  /**
   * The trusted manifest, or empty for a new state directory.
   *
   * @throws IOException if the stored manifest cannot be read or no longer parses: a damaged state
   *     is never silently replaced
   */
  public Optional<KeyManifest> trusted() throws IOException {
    byte[] stored;
    try {
      stored =
          BoundedRead.file(
              dir.resolve(MANIFEST_FILE),
              limits.maxJsonBytes(),
              "maxJsonBytes",
              "--max-json-bytes");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(KeyManifest.parse(stored, limits));
    } catch (InvalidInputException e) {
      throw new IOException(
          "state " + dir + ": the trusted manifest is damaged (" + e.getMessage() + ")", e);
    }
  }

  /** The result of applying manifests: how many were applied and the first failure, if any. */
  public record ManifestUpdate(ManifestVerification result, List<ManifestVerification> applied) {
    public ManifestUpdate {
      applied = List.copyOf(applied);
    }

    public boolean isValid() {
      return result.isValid();
    }
  }

  /**
   * Applies manifest envelopes in order under the state lock: each must be the trusted manifest
   * itself or its valid direct successor (only the last must be unexpired). Keeps every step that
   * verified and stops at the first that fails. A new state trusts the first manifest if it is
   * valid by itself.
   *
   * @throws LimitExceededException if a manifest is over the JSON limit
   * @throws IOException if the state cannot be read or written
   */
  public ManifestUpdate update(List<byte[]> manifests, Instant at) throws IOException {
    try (StateLock lock = StateLock.acquire(dir)) {
      return apply(manifests, at);
    }
  }

  /**
   * As {@link #update} for one manifest, for callers that already hold the state lock (an update
   * verification that must check and record in one critical section).
   */
  ManifestUpdate applyLocked(byte[] manifest, Instant at) throws IOException {
    return apply(List.of(manifest), at);
  }

  private ManifestUpdate apply(List<byte[]> manifests, Instant at) throws IOException {
    if (manifests.isEmpty()) {
      throw new IllegalArgumentException("no manifest to apply");
    }
    Optional<KeyManifest> current = trusted();
    List<ManifestVerification> applied = new ArrayList<>();
    ManifestVerification last = null;
    for (int i = 0; i < manifests.size(); i++) {
      boolean isFinal = i == manifests.size() - 1;
      byte[] bytes = manifests.get(i);
      KeyManifest next;
      try {
        next = KeyManifest.parse(bytes, limits);
      } catch (LimitExceededException e) {
        throw e;
      } catch (InvalidInputException e) {
        last =
            ManifestVerification.invalid(
                null, List.of(), List.of(new Reason(ReasonCode.MANIFEST_INVALID, e.getMessage())));
        break;
      }
      last =
          current.isEmpty()
              ? ManifestVerifier.verify(next, at, isFinal)
              : ManifestVerifier.verifySuccessor(current.get(), next, at, isFinal);
      if (!last.isValid()) {
        break;
      }
      if (current.isEmpty() || !current.get().samePayload(next)) {
        AtomicFiles.write(dir.resolve(MANIFEST_FILE), bytes);
      }
      current = Optional.of(next);
      applied.add(last);
    }
    return new ManifestUpdate(last, applied);
  }
}
