package org.opentransparency.verifier.archive;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an archive, as the archive describes it.
 *
 * @param path the entry's name inside its archive, as stored (never the archive's file name)
 * @param size the uncompressed size, or -1 when the format does not say before reading
 * @param metadata every other field the format keeps (mtime, mode, owner, group, uid, gid, method,
 *     compressedSize, crc, extra, comment, ...), as strings, by stable field name; compared field
 *     by field, never part of an entry's content; kept as an immutable map that iterates in name
 *     order ({@link String#compareTo}), without null values
 * @param linkTarget for symbolic and hard links, where they point; null otherwise
 */
public record ArchiveEntry(
    String path, EntryType type, long size, String linkTarget, Map<String, String> metadata) {
  public ArchiveEntry {
    requireNonNull(path, "path");
    requireNonNull(type, "type");
    metadata = SortedFields.of(metadata);
  }

  /** Metadata for an instant field: ISO-8601, or absent. */
  static void putTime(Map<String, String> m, String field, Instant t) {
    if (t != null) {
      m.put(field, t.toString());
    }
  }
}
