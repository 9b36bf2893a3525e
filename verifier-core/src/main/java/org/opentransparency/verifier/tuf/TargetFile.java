package org.opentransparency.verifier.tuf;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A target file as trusted targets metadata describes it: its TUF path, length and hashes (by TUF
 * algorithm name, lowercase hex).
 */
public record TargetFile(String path, long length, Map<String, String> hashes) {
  public TargetFile {
    requireNonNull(path, "path");
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
    hashes = Map.copyOf(hashes);
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("a target file needs at least one hash");
    }
  }
}
