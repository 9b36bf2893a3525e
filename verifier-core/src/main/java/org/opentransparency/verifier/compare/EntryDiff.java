package org.opentransparency.verifier.compare;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry that is not the same on both sides.
 *
 * @param path the entry's path from the top archive's root, nested parts joined with {@code !/}
 * @param left the left side, or null when the entry was added
 * @param right the right side, or null when it was removed
 * @param fields metadata fields that differ
 * @param diff a unified diff of a modified text entry (bounded), else empty
 * @param firstDifferenceOffset for a modified binary entry, the 0-based offset of the first byte
 *     that differs, else null
 * @param children for a nested archive, its entries that are not the same
 * @param copy 0 when each side holds at most one entry of this path; else which copy this is, from
 *     1, in archive order (copies pair in order: the first on the left with the first on the right,
 *     ...)
 */
public record EntryDiff(
    String path,
    EntryStatus status,
    Side left,
    Side right,
    List<FieldDiff> fields,
    List<String> diff,
    Long firstDifferenceOffset,
    List<EntryDiff> children,
    int copy) {
  /** One side of an entry: its type, size and SHA-256 (null for directories and links). */
  public record Side(String type, long size, String sha256) {}

  public EntryDiff {
    requireNonNull(path, "path");
    requireNonNull(status, "status");
    fields = List.copyOf(fields);
    diff = List.copyOf(diff);
    children = List.copyOf(children);
    if (copy < 0) {
      throw new IllegalArgumentException("copy " + copy);
    }
  }

  /** An entry whose path names one entry on each side at most. */
  public EntryDiff(
      String path,
      EntryStatus status,
      Side left,
      Side right,
      List<FieldDiff> fields,
      List<String> diff,
      Long firstDifferenceOffset,
      List<EntryDiff> children) {
    this(path, status, left, right, fields, diff, firstDifferenceOffset, children, 0);
  }

  /** The path as reports show it: with {@code (copy N)} after it for a duplicate name. */
  public String label() {
    String shown = path.isEmpty() ? "(content)" : path;
    return copy == 0 ? shown : shown + " (copy " + copy + ")";
  }
}
