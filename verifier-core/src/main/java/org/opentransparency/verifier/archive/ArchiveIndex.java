package org.opentransparency.verifier.archive;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opentransparency.verifier.hash.Digest;

/**
 * What one archive holds: its entries in archive order with their metadata and content digests
 * (never their content), nested archives indexed in turn, archive-level properties (zip comment,
 * gzip header) and findings. Memory grows with the number of entries, not their sizes.
 */
public final class ArchiveIndex {
  /** One entry: its description, and for content its SHA-256, size and nested index. */
  public record Item(
      ArchiveEntry entry, Digest sha256, long size, boolean binary, ArchiveIndex nested) {
    public Item {
      requireNonNull(entry, "entry");
    }
  }

  private final ArchiveFormat format;
  private final Map<String, String> properties;
  private final Map<String, Item> items;
  private final Map<String, List<Item>> laterCopies;
  private final List<Finding> findings;
  private final Digest fileSha256;

  ArchiveIndex(
      ArchiveFormat format,
      Map<String, String> properties,
      LinkedHashMap<String, Item> items,
      Map<String, List<Item>> laterCopies,
      List<Finding> findings) {
    this(format, properties, items, laterCopies, findings, null);
  }

  private ArchiveIndex(
      ArchiveFormat format,
      Map<String, String> properties,
      Map<String, Item> items,
      Map<String, List<Item>> laterCopies,
      List<Finding> findings,
      Digest fileSha256) {
    this.format = format;
    this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    this.items = Collections.unmodifiableMap(items);
    this.laterCopies = Collections.unmodifiableMap(laterCopies);
    this.findings = List.copyOf(findings);
    this.fileSha256 = fileSha256;
  }

  /**
   * An entry's path as extraction resolves it, without empty and {@code .} segments: {@code ./a},
   * {@code a/} and {@code /a} are {@code a} ({@code ..} stays). Two entries of one archive whose
   * paths resolve alike are one file once extracted, a {@code duplicate-name} finding.
   */
  public static String extracted(String path) {
    if (isExtracted(path)) {
      // Most names are already as extraction resolves them: no copy of each is made.
      return path;
    }
    StringBuilder r = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (r.length() > 0) {
        r.append('/');
      }
      r.append(segment);
    }
    return r.toString();
  }

  /** Whether {@code path} has no empty and no {@code .} segment: it resolves to itself. */
  private static boolean isExtracted(String path) {
    int start = 0;
    while (true) {
      int end = path.indexOf('/', start);
      int length = (end < 0 ? path.length() : end) - start;
      if (length == 0 || (length == 1 && path.charAt(start) == '.')) {
        return false;
      }
      if (end < 0) {
        return true;
      }
      start = end + 1;
    }
  }

  ArchiveIndex withFileSha256(Digest d) {
    return new ArchiveIndex(format, properties, items, laterCopies, findings, d);
  }

  ArchiveIndex withProperties(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.putAll(more);
    return new ArchiveIndex(format, all, items, laterCopies, findings, fileSha256);
  }

  /** The SHA-256 of the whole archive file, for an index of a file; null otherwise. */
  public Digest fileSha256() {
    return fileSha256;
  }

  public ArchiveFormat format() {
    return format;
  }

  /** Archive-level fields: {@code comment} of a zip, {@code gzip.mtime} of a gzip member, ... */
  public Map<String, String> properties() {
    return properties;
  }

  /**
   * Entries by path, in the order the archive stores them; a name held by several entries maps to
   * its first ({@link #copies} gives them all).
   */
  public Map<String, Item> items() {
    return items;
  }

  /**
   * Every entry named {@code path}, in the order the archive stores them: one for most names, none
   * for a name the archive does not hold, several for a duplicate name (a {@code duplicate-name}
   * finding).
   */
  public List<Item> copies(String path) {
    Item first = items.get(path);
    if (first == null) {
      return List.of();
    }
    List<Item> later = laterCopies.get(path);
    if (later == null) {
      return List.of(first);
    }
    List<Item> all = new ArrayList<>(later.size() + 1);
    all.add(first);
    all.addAll(later);
    return Collections.unmodifiableList(all);
  }

  /** Findings about this archive and, recursively, the archives nested in it. */
  public List<Finding> findings() {
    return findings;
  }
}
