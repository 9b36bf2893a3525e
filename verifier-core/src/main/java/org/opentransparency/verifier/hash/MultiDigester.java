package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Computes several digests in one pass over the data.
 *
 * {@snippet :
 * MultiDigester d = MultiDigester.of(EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512));
 * d.update(bytes, 0, bytes.length);
 * Map<DigestAlgorithm, Digest> digests = d.finish();
 * }
 *
 * <p>An instance is single-use and not thread-safe; {@link #finish()} ends it. Within this package,
 * {@link #restart()} begins a finished one again.
 */
public final class MultiDigester {
  private final Set<DigestAlgorithm> set;
  private final DigestAlgorithm[] algorithms;
  private final Hasher[] hashers;
  private long count;
  private boolean finished;

  /** Set when {@link #finish()} has returned: every hasher is reset. */
  private boolean reset;

  private MultiDigester(Set<DigestAlgorithm> algorithms) {
    this.set = algorithms;
    this.algorithms = algorithms.toArray(new DigestAlgorithm[0]);
    this.hashers = new Hasher[this.algorithms.length];
    for (int i = 0; i < hashers.length; i++) {
      hashers[i] = this.algorithms[i].newHasher();
    }
  }

  /**
   * A digester for the given algorithms (duplicates are computed once).
   *
   * @throws IllegalArgumentException if {@code algorithms} is empty
   */
  public static MultiDigester of(Collection<DigestAlgorithm> algorithms) {
    requireNonNull(algorithms, "algorithms");
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("at least one digest algorithm is needed");
    }
    return new MultiDigester(EnumSet.copyOf(algorithms));
  }

  /** Digests of {@code data}. */
  public static Map<DigestAlgorithm, Digest> digest(
      byte[] data, Collection<DigestAlgorithm> algorithms) {
    MultiDigester d = of(algorithms);
    d.update(data, 0, data.length);
    return d.finish();
  }

  /**
   * Digests of everything {@code in} yields until its end; does not close it.
   *
   * @throws IOException if reading fails
   */
  public static Map<DigestAlgorithm, Digest> digest(
      InputStream in, Collection<DigestAlgorithm> algorithms) throws IOException {
    MultiDigester d = of(algorithms);
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) != -1; ) {
      d.update(buffer, 0, n);
    }
    return d.finish();
  }

  /** The algorithms computed, in enum order. */
  public Set<DigestAlgorithm> algorithms() {
    return Collections.unmodifiableSet(EnumSet.of(algorithms[0], algorithms));
  }

  /** Number of bytes passed so far. */
  public long count() {
    return count;
  }

  public void update(byte[] data, int offset, int length) {
    checkOpen();
    for (Hasher h : hashers) {
      h.update(data, offset, length);
    }
    count += length;
  }

  /** Consumes the buffer's remaining bytes. */
  public void update(ByteBuffer data) {
    checkOpen();
    int start = data.position();
    int length = data.remaining();
    for (Hasher h : hashers) {
      data.position(start);
      h.update(data);
    }
    data.position(start + length);
    count += length;
  }

  /** Ends the computation and returns one digest per algorithm, in enum order. */
  public Map<DigestAlgorithm, Digest> finish() {
    return Collections.unmodifiableMap(finishEnumMap());
  }

  /**
   * As {@link #finish()}, as a new map of the caller's own: {@link FileDigest} copies an {@code
   * EnumMap} by cloning its arrays, where copying the unmodifiable view went through {@code
   * AbstractMap.putAll}, one of the larger methods the JIT compiled for a tree of small files.
   */
  EnumMap<DigestAlgorithm, Digest> finishEnumMap() {
    checkOpen();
    finished = true;
    EnumMap<DigestAlgorithm, Digest> out = new EnumMap<>(DigestAlgorithm.class);
    for (int i = 0; i < hashers.length; i++) {
      out.put(algorithms[i], Digest.of(algorithms[i], hashers[i].finish()));
    }
    reset = true;
    return out;
  }

  /** Whether this computes exactly {@code wanted}. */
  boolean computes(Set<DigestAlgorithm> wanted) {
    return set.equals(wanted);
  }

  /**
   * This digester again, from no bytes, for the same algorithms. Only once {@link #finish()} has
   * returned: each hasher's {@code finish} leaves it reset (MessageDigest's {@code digest},
   * BouncyCastle's {@code doFinal}), and a digester whose reading failed half-way is never
   * finished, so its partial state cannot be carried into the next file.
   */
  MultiDigester restart() {
    if (!reset) {
      throw new IllegalStateException("digester not finished");
    }
    reset = false;
    finished = false;
    count = 0;
    return this;
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("digester already finished");
    }
  }
}
