package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

/**
 * One line of a checksum file: the file it names (unescaped) and the digest expected.
 *
 * @param line the 1-based line number in the checksum file
 * @param target where the file is, resolved as the checksum file's kind demands
 */
public record ChecksumEntry(int line, String name, String target, Digest expected) {
  public ChecksumEntry {
    requireNonNull(name, "name");
    requireNonNull(target, "target");
    requireNonNull(expected, "expected");
  }
}
