package org.opentransparency.verifier.compare;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.archive.ArchiveFormat;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.EntryOpener;
import org.opentransparency.verifier.archive.EntryType;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.archive.SharedEntries;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/**
 * Compares two builds of a release (SPEC 3.2): files, archives of any supported format, or
 * directories. Both sides are indexed at once on two threads, each streamed once into entry
 * metadata and digests (memory grows with the number of entries, not their sizes); entries whose
 * digests differ get a second look for a text diff or the first differing byte. Stateless and
 * thread-safe.
 *
 * {@snippet :
 * ComparisonResult r = ArchiveComparator.compare(
 *     Path.of("vendor/app.jar"), Path.of("rebuild/app.jar"), CompareOptions.builder().build());
 * }
 */
public final class ArchiveComparator {
  /** Finding kinds that only say a nested archive was compared as bytes, not entry by entry. */
  private static final Set<String> NOTES =
      Set.of("streamed-zip", "not-expanded", "unreadable-nested-archive");

  private ArchiveComparator() {}

  /**
   * Compares {@code left} with {@code right}.
   *
   * @throws org.opentransparency.verifier.LimitExceededException if a limit is hit
   * @throws org.opentransparency.verifier.InvalidInputException if an archive is too damaged
   * @throws IOException if an input cannot be read
   */
  public static ComparisonResult compare(Path left, Path right, CompareOptions options)
      throws IOException {
    return compare(left, left.toString(), right, right.toString(), options);
  }

  /** As {@link #compare(Path, Path, CompareOptions)}, naming the inputs as the user did. */
  public static ComparisonResult compare(
      Path left, String leftName, Path right, String rightName, CompareOptions options)
      throws IOException {
    return compare(left, leftName, right, rightName, options, SharedEntries.FROM_BYTES);
  }

  /**
   * As {@link #compare(Path, String, Path, String, CompareOptions)}, the entries two zips hold in
   * the same bytes and store in {@code shareFromBytes} or more read once for both ({@link
   * SharedEntries}; none when negative), which must not change the result.
   */
  static ComparisonResult compare(
      Path left,
      String leftName,
      Path right,
      String rightName,
      CompareOptions options,
      long shareFromBytes)
      throws IOException {
    requireNonNull(options, "options");
    for (Path p : List.of(left, right)) {
      if (!Files.exists(p)) {
        throw new java.nio.file.NoSuchFileException(p.toString());
      }
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "verifier-compare");
              t.setDaemon(true);
              return t;
            });
    Side l;
    Side r;
    try {
      SharedEntries shared =
          shareFromBytes < 0
              ? SharedEntries.none()
              : SharedEntries.of(left, right, options.limits(), pool, shareFromBytes);
      Future<Side> fl = pool.submit(() -> Side.read(left, leftName, options, shared.left()));
      Future<Side> fr = pool.submit(() -> Side.read(right, rightName, options, shared.right()));
      l = get(fl);
      r = get(fr);
    } finally {
      pool.shutdownNow();
    }
    return new Run(l, r, options).result();
  }

  private static Side get(Future<Side> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while comparing");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        // An OutOfMemoryError on a side's thread stays one: the command line reports it as such,
        // where wrapped it was an "internal error".
        throw (Error) c;
      }
      throw new IllegalStateException(c);
    }
  }

  /** One input, indexed. */
  private record Side(Path path, ComparisonResult.Input input, ArchiveIndex index) {
    static Side read(Path p, String name, CompareOptions options, SharedEntries.Side shared)
        throws IOException {
      ArchiveIndexer indexer = new ArchiveIndexer(options.limits(), shared);
      if (Files.isDirectory(p)) {
        ArchiveIndex idx = indexer.indexDirectory(p);
        return new Side(p, new ComparisonResult.Input(name, "directory", 0, null), idx);
      }
      ArchiveIndex idx = indexer.index(p);
      String sha256 = idx.fileSha256().hex();
      String format = idx.format().id();
      if (idx.properties().containsKey("compression") && idx.format() != ArchiveFormat.NONE) {
        format = idx.format().id() + "+" + idx.properties().get("compression");
      }
      return new Side(p, new ComparisonResult.Input(name, format, Files.size(p), sha256), idx);
    }
  }

  /** One comparison in progress. */
  private static final class Run {
    private final Side left;
    private final Side right;
    private final CompareOptions options;
    private int same;
    private int metadata;
    private int modified;
    private int added;
    private int removed;
    private int detailed;

    /** Equivalent nested archives whose bytes alone differ, given the field {@code bytes}. */
    private int located;

    /** Entries left out by {@code --ignore}: differences the report does not show. */
    private int ignored;

    private final Set<String> rulesApplied = new TreeSet<>();

    Run(Side left, Side right, CompareOptions options) {
      this.left = left;
      this.right = right;
      this.options = options;
    }

    ComparisonResult result() throws IOException {
      List<Finding> findings = new ArrayList<>();
      for (Finding f : left.index.findings()) {
        findings.add(new Finding(f.path(), f.kind(), "left: " + f.message()));
      }
      for (Finding f : right.index.findings()) {
        findings.add(new Finding(f.path(), f.kind(), "right: " + f.message()));
      }
      // Notes, not suspicions: the entry's bytes are still compared by digest.
      findings.removeIf(f -> NOTES.contains(f.kind()));
      boolean identical =
          left.input.sha256() != null && Objects.equals(left.input.sha256(), right.input.sha256());
      List<EntryDiff> entries;
      List<FieldDiff> archiveFields;
      if (left.index.format() == ArchiveFormat.NONE && right.index.format() == ArchiveFormat.NONE) {
        archiveFields = List.of();
        if (identical) {
          same++;
          entries = List.of();
        } else {
          modified++;
          entries = List.of(plainFiles());
        }
      } else {
        archiveFields = archiveFields(left.index, right.index);
        entries = diff(left.index, right.index, List.of(), List.of(), new int[0]);
        if (!identical
            && entries.isEmpty()
            && archiveFields.isEmpty()
            && ignored == 0
            && Files.isRegularFile(left.path)
            && Files.isRegularFile(right.path)) {
          // Same entries, same fields, other bytes (a zstd skippable frame, a later gzip member's
          // header, other compression of the same data): where, as a field, not "equivalent" with
          // nothing to look at.
          archiveFields = List.of(divergence(left.path, right.path).field());
        }
      }
      CompareVerdict verdict;
      if (!findings.isEmpty() || modified + added + removed > 0) {
        verdict = CompareVerdict.DIFFERENT;
      } else if (identical) {
        verdict = CompareVerdict.IDENTICAL;
      } else {
        verdict = CompareVerdict.EQUIVALENT;
      }
      return new ComparisonResult(
          verdict,
          left.input,
          right.input,
          new ComparisonResult.Summary(same, metadata, modified, added, removed),
          archiveFields,
          entries,
          findings,
          List.copyOf(rulesApplied));
    }

    private EntryDiff plainFiles() throws IOException {
      long ls = Files.size(left.path);
      long rs = Files.size(right.path);
      EntryDiff.Side l = new EntryDiff.Side("file", ls, left.input.sha256());
      EntryDiff.Side r = new EntryDiff.Side("file", rs, right.input.sha256());
      List<String> diff = List.of();
      Long offset = null;
      if (ls <= CompareOptions.MAX_TEXT_DIFF_BYTES && rs <= CompareOptions.MAX_TEXT_DIFF_BYTES) {
        byte[] a = Files.readAllBytes(left.path);
        byte[] b = Files.readAllBytes(right.path);
        if (isText(a) && isText(b)) {
          diff =
              UnifiedDiff.of(
                  left.path.getFileName().toString(), lines(a), lines(b), options.maxDiffLines());
        }
      }
      if (diff.isEmpty()) {
        offset = divergence(left.path, right.path).offset();
      }
      return new EntryDiff("", EntryStatus.MODIFIED, l, r, List.of(), diff, offset, List.of());
    }

    /** Differences of two archives' own fields: properties and the order of common entries. */
    private List<FieldDiff> archiveFields(ArchiveIndex l, ArchiveIndex r) {
      List<FieldDiff> fields = new ArrayList<>();
      if (l.format() != r.format()) {
        fields.add(new FieldDiff("format", l.format().id(), r.format().id()));
      }
      Set<String> keys = new TreeSet<>(l.properties().keySet());
      keys.addAll(r.properties().keySet());
      for (String k : keys) {
        String a = l.properties().get(k);
        String b = r.properties().get(k);
        if (!Objects.equals(a, b)) {
          fields.add(new FieldDiff(k, a, b));
        }
      }
      List<String> lo = new ArrayList<>(l.items().keySet());
      List<String> ro = new ArrayList<>(r.items().keySet());
      lo.retainAll(r.items().keySet());
      ro.retainAll(l.items().keySet());
      if (!lo.equals(ro)) {
        fields.add(new FieldDiff("entryOrder", summary(lo), summary(ro)));
      }
      return fields;
    }

    private static String summary(List<String> order) {
      List<String> head = order.subList(0, Math.min(5, order.size()));
      return String.join(", ", head) + (order.size() > 5 ? ", ..." : "");
    }

    /**
     * The entries of {@code l} and {@code r} that are not the same. Copies of a duplicate name pair
     * in archive order, the first with the first; a copy without a partner is added or removed.
     *
     * <p>A name on one side only pairs with a name on the other side only that extraction resolves
     * alike ({@code ./a} and {@code a}, {@link ArchiveIndex#extracted}), where each is the one name
     * of its side so resolved: the two spellings are the field {@code path}. A directory that
     * resolves to no name ({@code ./}, the directory extracted into) pairs with the other side's,
     * and is left out where the other side has none (a directory on disk has no entry for itself).
     *
     * @param parts the names of the nested archives these are in on the left, one by one (a name
     *     may hold {@code !/}, so the joined path alone does not tell them)
     * @param rightParts the same names as the right side spells them
     * @param copies which copy of each of those nested archives this is (for a second look)
     */
    private List<EntryDiff> diff(
        ArchiveIndex l, ArchiveIndex r, List<String> parts, List<String> rightParts, int[] copies)
        throws IOException {
      List<EntryDiff> out = new ArrayList<>();
      Pairing spelled = Pairing.of(l, r);
      Set<String> names = new LinkedHashSet<>(l.items().keySet());
      for (String name : r.items().keySet()) {
        if (!spelled.taken().contains(name)) {
          names.add(name);
        }
      }
      for (String name : names) {
        String rightName = spelled.rightOf().getOrDefault(name, name);
        if (rightName == null) {
          continue; // the directory extracted into, on the left only
        }
        List<String> onPath = new ArrayList<>(parts);
        onPath.add(name);
        List<String> onRightPath = new ArrayList<>(rightParts);
        onRightPath.add(rightName);
        if (options.ignored(String.join(ArchiveIndexer.NESTED, onPath))
            || options.ignored(String.join(ArchiveIndexer.NESTED, onRightPath))) {
          ignored++;
          continue;
        }
        List<ArchiveIndex.Item> as = l.copies(name);
        List<ArchiveIndex.Item> bs = r.copies(rightName);
        int n = Math.max(as.size(), bs.size());
        for (int k = 0; k < n; k++) {
          int[] at = Arrays.copyOf(copies, copies.length + 1);
          at[copies.length] = k;
          EntryDiff d =
              entry(
                  new Where(List.copyOf(onPath), List.copyOf(onRightPath), n > 1 ? k + 1 : 0, at),
                  k < as.size() ? as.get(k) : null,
                  k < bs.size() ? bs.get(k) : null);
          if (d != null) {
            out.add(d);
          }
        }
      }
      return out;
    }

    /**
     * The left names that pair with a right name spelled otherwise ({@code rightOf}, null for a
     * directory extracted into, on the left only: left out) and the right names so taken or left
     * out ({@code taken}).
     */
    private record Pairing(Map<String, String> rightOf, Set<String> taken) {
      static Pairing of(ArchiveIndex l, ArchiveIndex r) {
        Map<String, String> lone = lone(l, r);
        Map<String, String> rightLone = lone(r, l);
        Pairing p = new Pairing(new HashMap<>(), new HashSet<>());
        for (Map.Entry<String, String> e : lone.entrySet()) {
          String other = rightLone.get(e.getKey());
          if (other != null) {
            p.rightOf.put(e.getValue(), other);
            p.taken.add(other);
          } else if (e.getKey().isEmpty() && isDirectory(l, e.getValue())) {
            p.rightOf.put(e.getValue(), null);
          }
        }
        String root = rightLone.get("");
        if (root != null && !lone.containsKey("") && isDirectory(r, root)) {
          p.taken.add(root);
        }
        return p;
      }
    }

    /**
     * The names of {@code x} that {@code y} does not hold, by the name extraction makes of each,
     * where exactly one of them makes it.
     */
    private static Map<String, String> lone(ArchiveIndex x, ArchiveIndex y) {
      Map<String, String> by = new HashMap<>();
      Set<String> twice = new HashSet<>();
      for (String name : x.items().keySet()) {
        if (y.items().containsKey(name)) {
          continue;
        }
        String key = ArchiveIndex.extracted(name);
        if (by.putIfAbsent(key, name) != null) {
          twice.add(key);
        }
      }
      by.keySet().removeAll(twice);
      return by;
    }

    private static boolean isDirectory(ArchiveIndex x, String name) {
      return x.items().get(name).entry().type() == EntryType.DIRECTORY;
    }

    /**
     * Where an entry is: the names on its path one by one, which copy of a duplicate name it is (0
     * for a unique name, else from 1), and for each name the 0-based copy a second look must open.
     */
    private record Where(List<String> parts, List<String> rightParts, int copy, int[] copies) {
      /** The path as reports give it, the names joined with {@code !/}. */
      String path() {
        // A top-level entry's path is its name, not a copy of it.
        return parts.size() == 1 ? parts.get(0) : String.join(ArchiveIndexer.NESTED, parts);
      }
    }

    /** Where two files first differ, both read again from their start. */
    private static Divergence divergence(Path a, Path b) throws IOException {
      try (InputStream x = Files.newInputStream(a);
          InputStream y = Files.newInputStream(b)) {
        return Divergence.of(x, Long.MAX_VALUE, y, Long.MAX_VALUE);
      }
    }

    /**
     * Where two entries' contents first differ, both read again no further than their indexes read
     * them.
     */
    private Divergence divergence(Where at, ArchiveIndex.Item a, ArchiveIndex.Item b)
        throws IOException {
      return EntryOpener.read(
          left.path,
          at.parts(),
          at.copies(),
          x ->
              EntryOpener.read(
                  right.path,
                  at.rightParts(),
                  at.copies(),
                  y -> Divergence.of(x, a.size(), y, b.size())));
    }

    private static EntryDiff.Side side(ArchiveIndex.Item i) {
      return new EntryDiff.Side(
          i.entry().type().id(), i.size(), i.sha256() == null ? null : i.sha256().hex());
    }

    /**
     * Whether {@code i} extracts as a regular file of its content: a file, or a hard link to one.
     */
    private static boolean regular(ArchiveIndex.Item i) {
      return i.sha256() != null
          && (i.entry().type() == EntryType.FILE || i.entry().type() == EntryType.HARDLINK);
    }

    /** The difference of one entry, or null when it is the same (counted either way). */
    private EntryDiff entry(Where at, ArchiveIndex.Item a, ArchiveIndex.Item b) throws IOException {
      String path = at.path();
      int copy = at.copy();
      if (a == null) {
        added++;
        return new EntryDiff(
            path, EntryStatus.ADDED, null, side(b), List.of(), List.of(), null, List.of(), copy);
      }
      if (b == null) {
        removed++;
        return new EntryDiff(
            path, EntryStatus.REMOVED, side(a), null, List.of(), List.of(), null, List.of(), copy);
      }
      List<FieldDiff> fields = fields(a, b);
      String leftName = at.parts().get(at.parts().size() - 1);
      String rightName = at.rightParts().get(at.rightParts().size() - 1);
      if (!leftName.equals(rightName)) {
        fields.add(0, new FieldDiff("path", leftName, rightName));
      }
      // A file and a hard link to one extract alike: which name holds the data, and which names
      // the other, is a difference of fields (type, linkTarget), not of content.
      boolean sameContent =
          regular(a) && regular(b)
              ? a.sha256().equals(b.sha256())
              : a.entry().type() == b.entry().type()
                  && Objects.equals(a.sha256(), b.sha256())
                  && Objects.equals(a.entry().linkTarget(), b.entry().linkTarget());
      if (sameContent) {
        if (fields.isEmpty()) {
          same++;
          return null;
        }
        metadata++;
        // The same content on both sides: one description (and one hex digest) serves both.
        EntryDiff.Side l = side(a);
        EntryDiff.Side r = a.size() == b.size() ? l : side(b);
        return new EntryDiff(
            path, EntryStatus.METADATA, l, r, fields, List.of(), null, List.of(), copy);
      }
      if (a.nested() != null && b.nested() != null) {
        int before = modified + added + removed;
        List<FieldDiff> all = new ArrayList<>(fields);
        all.addAll(archiveFields(a.nested(), b.nested()));
        int ignoredBefore = ignored;
        List<EntryDiff> children =
            diff(a.nested(), b.nested(), at.parts(), at.rightParts(), at.copies());
        boolean equivalent = modified + added + removed == before;
        if (equivalent
            && all.isEmpty()
            && children.isEmpty()
            && ignored == ignoredBefore
            && located++ < options.maxDetailedEntries()) {
          // A nested archive whose bytes alone differ: where, as its field. Each is a second read
          // of both inputs up to the entry (a stream has no index): as many as get a diff, counted
          // apart, so that they leave the modified entries' diffs alone.
          all.add(divergence(at, a, b).field());
        }
        if (equivalent) {
          metadata++;
        } else {
          modified++;
        }
        return new EntryDiff(
            path,
            equivalent ? EntryStatus.METADATA : EntryStatus.MODIFIED,
            side(a),
            side(b),
            all,
            List.of(),
            null,
            children,
            copy);
      }
      Optional<NormalizationRule> rule = normalizedEqual(at, a, b);
      if (rule.isPresent()) {
        metadata++;
        rulesApplied.add(rule.get().id());
        List<FieldDiff> withRule = new ArrayList<>(fields);
        withRule.add(new FieldDiff("normalizedBy", rule.get().id(), rule.get().id()));
        return new EntryDiff(
            path,
            EntryStatus.METADATA,
            side(a),
            side(b),
            withRule,
            List.of(),
            null,
            List.of(),
            copy);
      }
      modified++;
      List<String> diff = List.of();
      Long offset = null;
      if (detailable(a)
          && a.entry().type() == b.entry().type()
          && detailed++ < options.maxDetailedEntries()) {
        if (!a.binary()
            && !b.binary()
            && a.size() <= CompareOptions.MAX_TEXT_DIFF_BYTES
            && b.size() <= CompareOptions.MAX_TEXT_DIFF_BYTES) {
          byte[] x = content(left, at.parts(), at, a);
          byte[] y = content(right, at.rightParts(), at, b);
          if (isText(x) && isText(y)) {
            diff = UnifiedDiff.of(path, lines(x), lines(y), options.maxDiffLines());
          }
        }
        if (diff.isEmpty()) {
          offset = divergence(at, a, b).offset();
        }
      }
      return new EntryDiff(
          path, EntryStatus.MODIFIED, side(a), side(b), fields, diff, offset, List.of(), copy);
    }

    /**
     * Whether {@code i}'s bytes may be shown where they differ: a file's, or the data of another
     * kind of entry (an ar archive's symbol table).
     */
    private static boolean detailable(ArchiveIndex.Item i) {
      EntryType t = i.entry().type();
      return i.sha256() != null && (t == EntryType.FILE || t == EntryType.OTHER);
    }

    /**
     * The entry's bytes, read again. A normalization rule may call two entries equal on them, so
     * they must be the bytes the index hashed: another reader that found another entry (or a file
     * changed since) is refused, never compared.
     */
    private static byte[] content(Side s, List<String> parts, Where at, ArchiveIndex.Item i)
        throws IOException {
      int n = (int) Math.min(i.size(), Integer.MAX_VALUE - 8);
      byte[] bytes = EntryOpener.read(s.path, parts, at.copies(), in -> in.readNBytes(n));
      Digest read =
          MultiDigester.digest(bytes, List.of(DigestAlgorithm.SHA256)).get(DigestAlgorithm.SHA256);
      if (bytes.length != i.size() || !read.equals(i.sha256())) {
        throw new InvalidInputException(
            s.path.getFileName()
                + ": "
                + at.path()
                + " reads otherwise on a second look than when it was indexed");
      }
      return bytes;
    }

    /** The first rule under which both contents are equal, if any applies. */
    private Optional<NormalizationRule> normalizedEqual(
        Where at, ArchiveIndex.Item a, ArchiveIndex.Item b) throws IOException {
      String path = at.path();
      if (a.entry().type() != EntryType.FILE
          || b.entry().type() != EntryType.FILE
          || a.size() > CompareOptions.MAX_TEXT_DIFF_BYTES
          || b.size() > CompareOptions.MAX_TEXT_DIFF_BYTES) {
        return Optional.empty();
      }
      byte[] x = null;
      byte[] y = null;
      for (NormalizationRule r : options.rules()) {
        if (!r.appliesTo(path)) {
          continue;
        }
        if (x == null) {
          x = content(left, at.parts(), at, a);
          y = content(right, at.rightParts(), at, b);
        }
        if (Arrays.equals(r.normalize(x), r.normalize(y))) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }

    private static List<FieldDiff> fields(ArchiveIndex.Item a, ArchiveIndex.Item b) {
      List<FieldDiff> out = new ArrayList<>();
      if (a.entry().type() != b.entry().type()) {
        out.add(new FieldDiff("type", a.entry().type().id(), b.entry().type().id()));
      }
      if (!Objects.equals(a.entry().linkTarget(), b.entry().linkTarget())) {
        out.add(new FieldDiff("linkTarget", a.entry().linkTarget(), b.entry().linkTarget()));
      }
      // Both maps iterate in name order (ArchiveEntry keeps its metadata sorted): one walk over
      // the two, as a merge. Sorting the names of both for each entry pair made this one of the
      // larger methods the JIT compiled in a comparison.
      Iterator<Map.Entry<String, String>> ai = a.entry().metadata().entrySet().iterator();
      Iterator<Map.Entry<String, String>> bi = b.entry().metadata().entrySet().iterator();
      Map.Entry<String, String> x = ai.hasNext() ? ai.next() : null;
      Map.Entry<String, String> y = bi.hasNext() ? bi.next() : null;
      while (x != null || y != null) {
        int c = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
        if (c < 0) {
          out.add(new FieldDiff(x.getKey(), x.getValue(), null));
          x = ai.hasNext() ? ai.next() : null;
        } else if (c > 0) {
          out.add(new FieldDiff(y.getKey(), null, y.getValue()));
          y = bi.hasNext() ? bi.next() : null;
        } else {
          if (!Objects.equals(x.getValue(), y.getValue())) {
            out.add(new FieldDiff(x.getKey(), x.getValue(), y.getValue()));
          }
          x = ai.hasNext() ? ai.next() : null;
          y = bi.hasNext() ? bi.next() : null;
        }
      }
      return out;
    }
  }

  /** Text: valid enough UTF-8 without NUL bytes. */
  static boolean isText(byte[] b) {
    for (byte x : b) {
      if (x == 0) {
        return false;
      }
    }
    return true;
  }

  static List<String> lines(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /**
   * Where two streams first differ, and what each holds from there.
   *
   * @param offset the 0-based offset of the first byte that differs, or where the shorter ends
   * @param bytesA up to {@link #SHOWN} bytes of the first from {@code offset}
   * @param moreA whether the first holds more bytes after those
   * @param bytesB the same of the second
   * @param moreB the same of the second
   */
  record Divergence(long offset, byte[] bytesA, boolean moreA, byte[] bytesB, boolean moreB) {
    /** How many bytes from the first difference a report shows. */
    static final int SHOWN = 16;

    /**
     * Reads both streams, no further than {@code sizeA} and {@code sizeB}, to where they differ.
     */
    static Divergence of(InputStream a, long sizeA, InputStream b, long sizeB) throws IOException {
      byte[] x = new byte[64 * 1024];
      byte[] y = new byte[64 * 1024];
      long offset = 0;
      while (true) {
        int n = a.readNBytes(x, 0, (int) Math.min(x.length, sizeA - offset));
        int m = b.readNBytes(y, 0, (int) Math.min(y.length, sizeB - offset));
        int k = Arrays.mismatch(x, 0, n, y, 0, m);
        if (k >= 0) {
          byte[] ax = from(x, k, n, a, sizeA - offset - n);
          byte[] by = from(y, k, m, b, sizeB - offset - m);
          return new Divergence(
              offset + k,
              Arrays.copyOf(ax, Math.min(ax.length, SHOWN)),
              ax.length > SHOWN,
              Arrays.copyOf(by, Math.min(by.length, SHOWN)),
              by.length > SHOWN);
        }
        if (n == 0) {
          return new Divergence(offset, new byte[0], false, new byte[0], false);
        }
        offset += n;
      }
    }

    /**
     * Up to {@code SHOWN + 1} bytes from {@code buf[k]} (the one past what is shown tells whether
     * more follow), read on from {@code in} where {@code buf} ends at {@code n}, no more than
     * {@code left} of them.
     */
    private static byte[] from(byte[] buf, int k, int n, InputStream in, long left)
        throws IOException {
      byte[] head = Arrays.copyOfRange(buf, k, Math.min(n, k + SHOWN + 1));
      if (head.length == SHOWN + 1 || n < buf.length) {
        // Enough, or the stream (or its bound) ended within this buffer.
        return head;
      }
      byte[] more = in.readNBytes((int) Math.min(SHOWN + 1 - head.length, left));
      byte[] all = Arrays.copyOf(head, head.length + more.length);
      System.arraycopy(more, 0, all, head.length, more.length);
      return all;
    }

    /**
     * The field {@code bytes}: for each side, the offset and its bytes from there in hex (at most
     * {@link #SHOWN}, then "..."), "(end)" where that side ends.
     */
    FieldDiff field() {
      return new FieldDiff("bytes", describe(bytesA, moreA), describe(bytesB, moreB));
    }

    private String describe(byte[] bytes, boolean more) {
      String hex = java.util.HexFormat.of().formatHex(bytes);
      String end = more ? " ..." : bytes.length == 0 ? "(end)" : " (end)";
      return "at offset " + offset + ": " + hex + end;
    }
  }
}
