package org.opentransparency.verifier.archive;

import static java.util.Objects.requireNonNull;

/**
 * Something suspicious about an archive itself, reported beside the comparison (SPEC 3.9):
 * duplicate names, names with {@code ..}, absolute names, NUL in names, zip local and central
 * headers that disagree, bytes the central directory does not account for.
 *
 * @param path the entry (or archive, "" for the top) it is about
 * @param kind a stable id such as {@code duplicate-name}
 */
public record Finding(String path, String kind, String message) {
  public Finding {
    requireNonNull(path, "path");
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
  }
}
