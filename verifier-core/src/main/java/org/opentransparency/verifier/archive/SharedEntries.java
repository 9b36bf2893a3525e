package org.opentransparency.verifier.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.hash.Digest;

/**
 * The entries two zips hold in the same bytes, read once for both sides of a comparison.
 *
 * <p>A jar rebuilt from the same sources holds most entries in the same deflated bytes as the
 * release it is compared with, and each side's index inflated and hashed every one of them: the
 * same work twice. Here, before either side is indexed, the entries of one name, method and sizes
 * on both sides are compared as raw bytes, and each pair found equal is inflated and hashed once,
 * both cores sharing the pairs. What a stored or deflated entry's data gives depends on nothing but
 * its raw bytes, its method, its declared size (which bounds the read) and, for stored data,
 * whether a data descriptor follows: each side's index takes the result where all of these are its
 * own entry's, and still makes every check of its own headers (the CRC against its own record,
 * names, descriptors, duplicates, the limits).
 *
 * <p>Only the plain case is shared: an entry whose content is an archive (indexed as nested), that
 * does not end where its record says, whose CRC is not its record's, or that hits a limit, is left
 * for each side to read and report as it would without this. Any failure here (a damaged zip, more
 * entries than the limit) shares nothing, and a side takes nothing from a file that is not, when
 * its index reads it, the file read here as it was then ({@link Side#ifUnchanged}).
 */
public final class SharedEntries {
  /**
   * The smallest stored size of an entry read for both sides. Below it, inflating an entry twice
   * costs less than pairing it: for 200,000 entries of ~200 bytes, the pairing's lists took ~170
   * bytes an entry of peak memory a side and saved no time (benchmarks/compare-scale.sh). Entries
   * of 512 bytes or more hold 100% of the bytes of the 102 MB jar pair of the benchmarks.
   */
  public static final long FROM_BYTES = 512;

  private final Side left;
  private final Side right;

  private SharedEntries(Side left, Side right) {
    this.left = left;
    this.right = right;
  }

  /** What the index of the left input takes from here. */
  public Side left() {
    return left;
  }

  /** What the index of the right input takes from here. */
  public Side right() {
    return right;
  }

  /**
   * Finds the entries {@code left} and {@code right} (zips; any other file shares nothing) hold in
   * the same bytes, and hashes each once, on {@code pool} (two tasks).
   *
   * @throws java.io.InterruptedIOException if interrupted
   */
  public static SharedEntries of(Path left, Path right, Limits limits, ExecutorService pool)
      throws java.io.InterruptedIOException {
    return of(left, right, limits, pool, FROM_BYTES);
  }

  /**
   * As {@link #of(Path, Path, Limits, ExecutorService)}, sharing the entries stored in {@code
   * fromBytes} or more (tests share every entry, to show that sharing changes nothing).
   */
  public static SharedEntries of(
      Path left, Path right, Limits limits, ExecutorService pool, long fromBytes)
      throws java.io.InterruptedIOException {
    // The tasks this started on the pool: a failure here stops them, so that the two sides'
    // indexes, queued behind them, do not wait for work that is thrown away.
    List<Future<?>> started = new ArrayList<>();
    try {
      if (!isZip(left) || !isZip(right)) {
        return none();
      }
      Stamp leftStamp = Stamp.of(left);
      Stamp rightStamp = Stamp.of(right);
      Future<List<Data>> fl =
          pool.submit(() -> ZipIndex.plainEntries(left, new ArchiveIndexer(limits), fromBytes));
      started.add(fl);
      List<Data> r = ZipIndex.plainEntries(right, new ArchiveIndexer(limits), fromBytes);
      List<Data> l = fl.get();
      if (l == null || r == null) {
        return none();
      }
      List<Data[]> pairs = pairs(l, r);
      AtomicReferenceArray<Hashed> done = new AtomicReferenceArray<>(pairs.size());
      try (FileChannel lc = FileChannel.open(left, StandardOpenOption.READ);
          FileChannel rc = FileChannel.open(right, StandardOpenOption.READ)) {
        AtomicInteger next = new AtomicInteger();
        Future<?> other =
            pool.submit(
                () -> {
                  hashPairs(pairs, next, done, lc, rc, limits);
                  return null;
                });
        started.add(other);
        hashPairs(pairs, next, done, lc, rc, limits);
        other.get();
      }
      // A file changed while it was read ahead shares nothing; one changed later, nothing either
      // (Side.ifUnchanged).
      if (!leftStamp.equals(Stamp.of(left)) || !rightStamp.equals(Stamp.of(right))) {
        return none();
      }
      Side ls = new Side(maxIndex(l), leftStamp);
      Side rs = new Side(maxIndex(r), rightStamp);
      for (int i = 0; i < pairs.size(); i++) {
        Hashed h = done.get(i);
        if (h != null) {
          ls.put(pairs.get(i)[0], h);
          rs.put(pairs.get(i)[1], h);
        }
      }
      return new SharedEntries(ls, rs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while comparing");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error) {
        // Out of memory reading ahead: the sides would only run out again.
        throw (Error) e.getCause();
      }
      // Each side reads every entry itself, and reports what is wrong.
      return none();
    } catch (IOException | RuntimeException e) {
      // As above.
      return none();
    } finally {
      for (Future<?> f : started) {
        f.cancel(true);
      }
    }
  }

  /** Shares nothing: each side reads all of its entries. */
  public static SharedEntries none() {
    return new SharedEntries(Side.NONE, Side.NONE);
  }

  /** How many pairs of entries are shared (for tests and benchmarks). */
  public int count() {
    return left.count;
  }

  private static boolean isZip(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      return false;
    }
    try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(p), 1024)) {
      return ArchiveFormat.detect(in) == ArchiveFormat.ZIP;
    }
  }

  /**
   * The entries of one name on both sides whose records agree on everything that decides what their
   * data gives. A name held twice on either side is left out: each copy is read by its side.
   */
  private static List<Data[]> pairs(List<Data> l, List<Data> r) {
    Map<String, Data> left = byName(l);
    Map<String, Data> right = byName(r);
    List<Data[]> pairs = new ArrayList<>();
    for (Data d : r) {
      Data o = left.get(d.key());
      if (o != null && right.get(d.key()) == d && o.sameRecord(d)) {
        pairs.add(new Data[] {o, d});
      }
    }
    return pairs;
  }

  /** {@code entries} by raw name; a name held twice maps to null. */
  private static Map<String, Data> byName(List<Data> entries) {
    Map<String, Data> m = new HashMap<>();
    for (Data d : entries) {
      m.put(d.key(), m.containsKey(d.key()) ? null : d);
    }
    return m;
  }

  private static int maxIndex(List<Data> entries) {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).index() + 1;
  }

  /** Takes pairs from {@code next} until none is left: compares their bytes, hashes the equal. */
  private static void hashPairs(
      List<Data[]> pairs,
      AtomicInteger next,
      AtomicReferenceArray<Hashed> done,
      FileChannel lc,
      FileChannel rc,
      Limits limits)
      throws IOException {
    ByteBuffer a = ByteBuffer.allocate(64 * 1024);
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    byte[] drain = new byte[64 * 1024];
    byte[] head = new byte[512];
    try (ZipEntryData.Scratch scratch = new ZipEntryData.Scratch(limits.maxCompressionRatio())) {
      for (int i; (i = next.getAndIncrement()) < pairs.size(); ) {
        Data[] p = pairs.get(i);
        if (sameBytes(lc, p[0].dataStart(), rc, p[1].dataStart(), p[0].compressedSize(), a, b)) {
          done.set(i, hash(lc, p[0], limits, scratch, drain, head));
        }
      }
    }
  }

  /**
   * Whether the {@code length} bytes at {@code at} in {@code x} and {@code bt} in {@code y} match.
   */
  private static boolean sameBytes(
      FileChannel x, long at, FileChannel y, long bt, long length, ByteBuffer a, ByteBuffer b)
      throws IOException {
    for (long done = 0; done < length; ) {
      int want = (int) Math.min(a.capacity(), length - done);
      a.clear().limit(want);
      b.clear().limit(want);
      if (read(x, a, at + done) != want || read(y, b, bt + done) != want) {
        return false;
      }
      if (!a.flip().equals(b.flip())) {
        return false;
      }
      done += want;
    }
    return true;
  }

  /**
   * Fills {@code buf} from {@code at}; the count read. Positional reads only: both threads read
   * through the same channels, and a read that moved a channel's position could take another
   * thread's bytes for its own.
   */
  private static int read(FileChannel ch, ByteBuffer buf, long at) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, at + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /**
   * Reads the data of {@code d} as its side's index would (inflated from its bytes, cut a byte past
   * its declared size, hashed and counted by the same {@link ArchiveIndexer.ContentStream}, the end
   * of its data checked); null when that read finds anything to report, which the side's index then
   * finds for itself.
   */
  private static Hashed hash(
      FileChannel ch,
      Data d,
      Limits limits,
      ZipEntryData.Scratch scratch,
      byte[] drain,
      byte[] head) {
    ZipEntryData data =
        new ZipEntryData(
            ch::read, d.dataStart(), d.compressedSize(), d.deflated(), d.descriptor(), scratch);
    ArchiveIndexer.DeclaredSize capped =
        new ArchiveIndexer.DeclaredSize(data, d.size(), /* refuse= */ false);
    // One indexer per entry: the limit on all bytes is the side's to count.
    ArchiveIndexer alone = new ArchiveIndexer(limits, /* expandNested= */ false);
    try (BufferedInputStream sniff = new BufferedInputStream(capped, 1024)) {
      if (ArchiveFormat.detect(sniff, head) != ArchiveFormat.NONE) {
        // A nested archive: each side indexes it, with its findings.
        return null;
      }
      ArchiveIndexer.ContentStream content =
          alone.new ContentStream(sniff, "entry", d::compressedSize);
      while (content.read(drain) >= 0) {
        // Every byte is hashed and counted as it passes.
      }
      if (capped.overran()
          || content.count() != d.size()
          || data.finish() != null
          || data.crc() != d.crc()) {
        return null;
      }
      return new Hashed(
          d.deflated(),
          d.compressedSize(),
          d.size(),
          d.descriptor(),
          content.sha256(),
          content.count(),
          content.binary(),
          data.crc());
    } catch (IOException | RuntimeException e) {
      // Damaged data, a limit: the side's own read reports it.
      return null;
    }
  }

  /**
   * An entry as {@link ZipIndex#plainEntries} lists it; {@code key} is its raw name, byte for byte
   * (each byte a char of ISO 8859-1).
   */
  record Data(
      int index,
      String key,
      boolean deflated,
      long crc,
      long compressedSize,
      long size,
      long dataStart,
      boolean descriptor) {

    /** Whether {@code o}'s record declares the same method, CRC, sizes and descriptor. */
    boolean sameRecord(Data o) {
      return deflated == o.deflated
          && crc == o.crc
          && compressedSize == o.compressedSize
          && size == o.size
          && descriptor == o.descriptor;
    }
  }

  /** What reading an entry's data gave, and what of its record that read went by. */
  record Hashed(
      boolean deflated,
      long compressedSize,
      long size,
      boolean descriptor,
      Digest sha256,
      long count,
      boolean binary,
      long crc) {}

  /** What tells a file from itself changed: its identity (device and inode), size and time. */
  private record Stamp(Object fileKey, long size, java.nio.file.attribute.FileTime modified) {
    static Stamp of(Path p) throws IOException {
      java.nio.file.attribute.BasicFileAttributes a =
          Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
      return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime());
    }
  }

  /** One side's shared entries, by their index in its central directory. */
  public static final class Side {
    static final Side NONE = new Side(0, null);

    private final Hashed[] byIndex;
    private final long[] dataStart;
    private final Stamp stamp;
    private int count;

    private Side(int entries, Stamp stamp) {
      byIndex = new Hashed[entries];
      dataStart = new long[entries];
      this.stamp = stamp;
    }

    /**
     * This side, when {@code file} is still the file its entries were read from, as it was then
     * (same identity, size and modification time); else {@link #NONE}, and every entry is read as
     * usual. A change within the file system's timestamp granularity that keeps the size is not
     * seen, as no reader of a file being rewritten can see it.
     */
    Side ifUnchanged(Path file) throws IOException {
      return stamp != null && stamp.equals(Stamp.of(file)) ? this : NONE;
    }

    private void put(Data d, Hashed h) {
      byIndex[d.index()] = h;
      dataStart[d.index()] = d.dataStart();
      count++;
    }

    /**
     * The content of entry {@code index}, when it was read for both sides with all of what decides
     * it ({@code dataStart}, the method, the sizes, whether a descriptor follows) as given; else
     * null, and the entry is read as usual.
     */
    Hashed get(
        int index,
        long dataStart,
        boolean deflated,
        long compressedSize,
        long size,
        boolean descriptor) {
      if (index < 0 || index >= byIndex.length) {
        return null;
      }
      Hashed h = byIndex[index];
      if (h == null
          || this.dataStart[index] != dataStart
          || h.deflated() != deflated
          || h.compressedSize() != compressedSize
          || h.size() != size
          || h.descriptor() != descriptor) {
        return null;
      }
      // Let go once taken: the index holds what it needs.
      byIndex[index] = null;
      return h;
    }
  }
}
