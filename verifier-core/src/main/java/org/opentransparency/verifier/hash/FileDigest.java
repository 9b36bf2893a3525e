package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The digests of one file, with the number of bytes read. */
public record FileDigest(Path path, long size, Map<DigestAlgorithm, Digest> digests) {
  public FileDigest {
    requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
    if (digests.isEmpty()) {
      throw new IllegalArgumentException("no digests");
    }
    digests = Collections.unmodifiableMap(new EnumMap<>(digests));
  }

  /** The digest computed with {@code algorithm}. */
  public Digest digest(DigestAlgorithm algorithm) {
    Digest d = digests.get(algorithm);
    if (d == null) {
      throw new IllegalArgumentException(algorithm.id() + " was not computed");
    }
    return d;
  }
}
