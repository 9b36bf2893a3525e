package org.opentransparency.verifier.archive.sevenz;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.opentransparency.verifier.LimitExceededException;

/**
 * Reads a 7z archive: its header (checking the CRCs of the signature header, the next header and,
 * when encoded, of the decoded header), then each entry's data, streamed through its folder's coder
 * graph with every CRC the header gives checked. Reads nothing whole into memory but the header;
 * memory for the coders is bounded by their properties and the sizes the header declares, which
 * must themselves fit the expansion-ratio limit. Single-use; not thread-safe.
 *
 * <p>Errors: a damaged or truncated archive is an {@link IOException} (never a runtime exception);
 * what a valid archive holds that this reader cannot check (encryption, an unknown coder) is a
 * {@link SevenZUnsupportedException}; a limit hit is a {@link LimitExceededException}.
 *
 * {@snippet :
 * try (SevenZArchive z = SevenZArchive.open(path, "a.7z", 1_000_000, 1000)) {
 *   for (SevenZEntry e : z.entries()) {
 *     InputStream data = z.read(e); // entries in order are read in one pass
 *   }
 * }
 * }
 */
public final class SevenZArchive implements Closeable {
  private static final byte[] SIGNATURE = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
  private static final int SIGNATURE_HEADER = 32;

  /** The largest header read into memory (1M entries take about 100 MiB). */
  static final long MAX_HEADER = 1L << 30;

  /** Encoded headers that decode to encoded headers again: 7-Zip writes one level. */
  private static final int MAX_HEADER_LEVELS = 4;

  private final FileChannel file;
  private final String name;
  private final long fileSize;
  private final Resources resources;
  private final HeaderParser parser;
  private final HeaderParser.StreamsInfo streams;
  private final long[] packOffsets;
  private final List<SevenZEntry> entries;

  /** Each folder's entries with data, by their offset in its output. */
  private final List<List<SevenZEntry>> byFolder;

  // Where the sequential read of entries stands.
  private int folderIndex = -1;
  private InputStream folderData;
  private long folderPos;
  private int folderCursor;

  /**
   * The first failure of a read (a CRC that does not match, a decoder's error): every later read
   * fails with it, so that a stream that failed never reads as one that ended.
   */
  private Exception failed;

  private final String unreferenced;

  private CRC32 folderCrc;
  private EntryStream current;

  private SevenZArchive(FileChannel file, String name, long maxEntries, long maxRatio)
      throws IOException {
    this.file = file;
    this.name = name;
    this.fileSize = file.size();
    this.resources = new Resources(name);
    this.parser = new HeaderParser(maxEntries);
    byte[] start = read(0, SIGNATURE_HEADER, "signature header");
    if (!Arrays.equals(start, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new IOException("not a 7z archive (no 7z signature)");
    }
    if (start[6] != 0) {
      throw new SevenZUnsupportedException(
          String.format(
              Locale.ROOT,
              "%s: 7z format version %d.%d is not supported",
              name,
              start[6] & 0xff,
              start[7] & 0xff));
    }
    HeaderBuffer sig = new HeaderBuffer(start, 8, 24);
    int startCrc = sig.readUInt32();
    if (startCrc != crc(start, 12, 20)) {
      throw new IOException("the CRC of the signature header does not match");
    }
    long nextOffset = sig.readUInt64();
    long nextSize = sig.readUInt64();
    int nextCrc = sig.readUInt32();
    if (nextOffset < 0
        || nextSize < 0
        || nextOffset > fileSize
        || nextSize > fileSize - SIGNATURE_HEADER - Math.min(nextOffset, fileSize)) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "the archive is truncated: its header of %s bytes at %s is past its end (%d bytes)",
              Long.toUnsignedString(nextSize),
              Long.toUnsignedString(SIGNATURE_HEADER + nextOffset),
              fileSize));
    }
    // What the archive's headers point at; the rest of the file is no part of it.
    List<long[]> used = new java.util.ArrayList<>();
    used.add(new long[] {0, SIGNATURE_HEADER});
    used.add(new long[] {SIGNATURE_HEADER + nextOffset, SIGNATURE_HEADER + nextOffset + nextSize});
    if (nextSize == 0) {
      // An empty archive, as 7-Zip writes it, has all three fields zero; 7-Zip refuses one whose
      // offset or CRC says there is a header after all.
      if (nextOffset != 0 || nextCrc != 0) {
        throw new IOException(
            "the archive has no header, yet its start header gives it an offset or CRC");
      }
      this.streams = new HeaderParser.StreamsInfo();
      this.packOffsets = new long[0];
      this.entries = List.of();
      this.byFolder = List.of();
      this.unreferenced = unreferenced(used);
      return;
    }
    byte[] header = read(SIGNATURE_HEADER + nextOffset, nextSize, "header");
    if (crc(header, 0, header.length) != nextCrc) {
      throw new IOException("the CRC of the header does not match");
    }
    HeaderBuffer b = new HeaderBuffer(header, 0, header.length);
    long id = b.readNumber();
    for (int level = 0; id == HeaderParser.ENCODED_HEADER; level++) {
      if (level == MAX_HEADER_LEVELS) {
        throw new IOException("encoded headers nest too deeply");
      }
      HeaderParser.StreamsInfo packed = parser.streamsInfo(b);
      header = decodeHeader(packed, nextOffset, maxRatio);
      used.add(packedSpan(packed, nextOffset));
      b = new HeaderBuffer(header, 0, header.length);
      id = b.readNumber();
    }
    if (id != HeaderParser.HEADER) {
      throw new IOException("no header where the signature header points (property " + id + ")");
    }
    HeaderParser.StreamsInfo main = new HeaderParser.StreamsInfo();
    List<SevenZEntry> files = List.of();
    id = b.readNumber();
    if (id == HeaderParser.ARCHIVE_PROPERTIES) {
      while (b.readNumber() != HeaderParser.END) {
        b.skip(b.readCount("an archive property's size", b.remaining()));
      }
      id = b.readNumber();
    }
    if (id == HeaderParser.ADDITIONAL_STREAMS_INFO) {
      throw new SevenZUnsupportedException(
          name + ": 7z headers in additional streams are not supported");
    }
    // The substreams (in the streams info) count the files with data before the files info counts
    // them all: past the entry limit, either is the limit, not damage.
    try {
      if (id == HeaderParser.MAIN_STREAMS_INFO) {
        main = parser.streamsInfo(b);
        id = b.readNumber();
      }
      if (id == HeaderParser.FILES_INFO) {
        files = parser.filesInfo(b, main);
        id = b.readNumber();
      }
    } catch (HeaderParser.EntryLimitException e) {
      throw tooManyEntries(maxEntries);
    }
    if (id != HeaderParser.END) {
      throw new IOException("unexpected property " + id + " in the header");
    }
    this.streams = main;
    this.packOffsets = packOffsets(main, nextOffset);
    used.add(packedSpan(main, nextOffset));
    this.unreferenced = unreferenced(used);
    for (Folder f : main.folders) {
      for (Folder.Coder c : f.coders) {
        Coders.check(c, name);
      }
    }
    checkRatio(main, maxRatio);
    this.entries = List.copyOf(files);
    List<List<SevenZEntry>> folders = new java.util.ArrayList<>();
    for (int i = 0; i < streams.folders.length; i++) {
      folders.add(new java.util.ArrayList<>());
    }
    for (SevenZEntry e : entries) {
      if (e.hasData()) {
        folders.get(e.folder).add(e);
      }
    }
    for (List<SevenZEntry> f : folders) {
      f.sort(java.util.Comparator.comparingLong(e -> e.offset));
    }
    this.byFolder = folders;
  }

  /**
   * Opens the 7z archive at {@code path} and reads its header.
   *
   * @param name how messages name the archive
   * @param maxEntries the most entries it may have
   * @param maxRatio how many times its size all its folders may expand to together (beyond the
   *     first MiB), as the index's whole-archive ratio limit allows
   * @throws SevenZUnsupportedException if it is encrypted or uses a coder not read here
   * @throws LimitExceededException if it has too many entries or expands too much
   * @throws IOException if it is damaged or cannot be read
   */
  public static SevenZArchive open(Path path, String name, long maxEntries, long maxRatio)
      throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new SevenZArchive(ch, name, maxEntries, maxRatio);
    } catch (IOException e) {
      ch.close();
      throw e;
    } catch (RuntimeException e) {
      ch.close();
      throw new IOException("the header is damaged (" + e + ")", e);
    }
  }

  /** The files, directories and anti items, in the header's order. */
  public List<SevenZEntry> entries() {
    return entries;
  }

  /**
   * The data of {@code entry}, whose CRC is checked when it has been read to its end (the stream
   * then fails). Reading entries in order decodes each folder once; the stream of the previous
   * entry is finished (read and checked) first, and is not to be used again.
   *
   * @throws IOException if the archive is damaged
   */
  public InputStream read(SevenZEntry entry) throws IOException {
    if (failed != null) {
      throw failedEarlier();
    }
    if (current != null) {
      current.drain();
      current = null;
    }
    if (!entry.hasData()) {
      return InputStream.nullInputStream();
    }
    if (entry.size() == 0 && entry.crcDefined && entry.crc != 0) {
      throw new IOException("the CRC-32 of " + entry.name() + " does not match its data");
    }
    if (folderIndex != entry.folder || folderPos > entry.offset) {
      closeFolder();
      Folder f = streams.folders[entry.folder];
      folderData = folder(streams, packOffsets, entry.folder);
      folderIndex = entry.folder;
      folderPos = 0;
      folderCursor = 0;
      folderCrc = f.crcDefined && streams.substreams[entry.folder] != 1 ? new CRC32() : null;
    }
    // Entries before this one in its folder are decoded to reach it, and checked; the cursor
    // moves on through the folder, so reading every entry in order is linear, not quadratic.
    List<SevenZEntry> inFolder = byFolder.get(entry.folder);
    while (folderCursor < inFolder.size() && inFolder.get(folderCursor).offset < entry.offset) {
      SevenZEntry e = inFolder.get(folderCursor++);
      if (e.offset >= folderPos) {
        new EntryStream(e).drain();
      }
    }
    current = new EntryStream(entry);
    return current;
  }

  private IOException failedEarlier() {
    return new IOException(failed.getMessage(), failed);
  }

  @Override
  public void close() throws IOException {
    try {
      closeFolder();
    } finally {
      file.close();
    }
  }

  private void closeFolder() throws IOException {
    InputStream d = folderData;
    folderData = null;
    folderIndex = -1;
    current = null;
    if (d != null) {
      d.close();
    }
  }

  private byte[] read(long position, long size, String what) throws IOException {
    if (size > MAX_HEADER) {
      throw new IOException(
          String.format(Locale.ROOT, "a %s of %d bytes (more than %d)", what, size, MAX_HEADER));
    }
    if (position + size > fileSize) {
      throw new IOException("the archive is truncated: it ends inside its " + what);
    }
    byte[] b = new byte[(int) size];
    ByteBuffer buf = ByteBuffer.wrap(b);
    while (buf.hasRemaining()) {
      if (file.read(buf, position + buf.position()) < 0) {
        throw new IOException("the archive is truncated: it ends inside its " + what);
      }
    }
    return b;
  }

  private static int crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  /** Where each packed stream starts in the file; they must lie before the header. */
  /** Where the packed streams of {@code s} lie in the file, from their first byte to their last. */
  private long[] packedSpan(HeaderParser.StreamsInfo s, long headerOffset) throws IOException {
    long[] offsets = packOffsets(s, headerOffset);
    long end = SIGNATURE_HEADER + s.packPos;
    for (long size : s.packSizes) {
      end += size;
    }
    return new long[] {offsets.length == 0 ? end : offsets[0], end};
  }

  /**
   * What of the file no header points at (bytes after the header, or between the packed streams and
   * the header), said in words; null when there is nothing.
   */
  private String unreferenced(List<long[]> used) {
    used.sort((x, y) -> Long.compare(x[0], y[0]));
    long end = 0;
    long between = 0;
    for (long[] u : used) {
      if (u[0] > end) {
        between += u[0] - end;
      }
      end = Math.max(end, u[1]);
    }
    long after = fileSize - end;
    if (between == 0 && after == 0) {
      return null;
    }
    List<String> parts = new java.util.ArrayList<>();
    if (after > 0) {
      parts.add(after + " bytes after the end of the 7z header");
    }
    if (between > 0) {
      parts.add(between + " bytes between its packed streams and its header");
    }
    return String.join(" and ", parts)
        + " are not part of the archive: 7-Zip reads past them with a warning, and another reader"
        + " may take them for an archive of its own";
  }

  /** What of the file none of the archive's headers points at, in words; null when nothing. */
  public String unreferenced() {
    return unreferenced;
  }

  private long[] packOffsets(HeaderParser.StreamsInfo s, long headerOffset) throws IOException {
    long[] offsets = new long[s.packSizes.length];
    long pos = s.packPos;
    if (pos < 0 || pos > headerOffset) {
      throw new IOException("packed streams start past the header");
    }
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = SIGNATURE_HEADER + pos;
      if (s.packSizes[i] > headerOffset - pos) {
        throw new IOException("packed streams run past the header");
      }
      pos += s.packSizes[i];
    }
    return offsets;
  }

  private byte[] decodeHeader(HeaderParser.StreamsInfo s, long headerOffset, long maxRatio)
      throws IOException {
    if (s.folders.length == 0) {
      throw new IOException("an encoded header without a folder");
    }
    Folder f = s.folders[0];
    for (Folder.Coder c : f.coders) {
      Coders.check(c, name);
    }
    long size = f.unpackSize();
    if (size > MAX_HEADER) {
      throw new IOException(
          String.format(
              Locale.ROOT, "an encoded header of %d bytes (more than %d)", size, MAX_HEADER));
    }
    // A header is held whole in memory: one that expands past the ratio limit is refused before
    // it is decoded, as folders are, and one the heap cannot hold is the memory limit.
    if (size > 1 << 20 && size / Math.max(1, fileSize) > maxRatio) {
      throw new LimitExceededException(
          "maxCompressionRatio",
          String.format(
              Locale.ROOT,
              "%s: its header expands more than %d times the archive's size (raise it with"
                  + " --max-ratio)",
              name,
              maxRatio));
    }
    byte[] header;
    try {
      // Grown as bytes come, never to the declared size up front; the folder's stream yields
      // exactly its declared size, or fails.
      try (InputStream in = folder(s, packOffsets(s, headerOffset), 0)) {
        header = in.readAllBytes();
      }
    } catch (OutOfMemoryError e) {
      throw new LimitExceededException(
          "memory",
          String.format(
              Locale.ROOT,
              "%s: its 7z header of %d bytes needs more memory than the Java heap has free (raise"
                  + " -Xmx)",
              name,
              size));
    }
    if (f.crcDefined && crc(header, 0, header.length) != f.crc) {
      throw new IOException("the CRC of the decoded header does not match");
    }
    return header;
  }

  /** The output of folder {@code index}: its main coder's, fed through the coder graph. */
  private InputStream folder(HeaderParser.StreamsInfo s, long[] offsets, int index)
      throws IOException {
    Folder f = s.folders[index];
    return output(s, offsets, f, f.mainCoder, new boolean[f.coders.length]);
  }

  private InputStream output(
      HeaderParser.StreamsInfo s, long[] offsets, Folder f, int coder, boolean[] visited)
      throws IOException {
    if (visited[coder]) {
      throw new IOException("the coders of a folder form a loop");
    }
    visited[coder] = true;
    Folder.Coder c = f.coders[coder];
    InputStream[] in = new InputStream[c.numIn];
    for (int i = 0; i < c.numIn; i++) {
      int stream = c.firstIn + i;
      int from = f.boundCoder(stream);
      if (from >= 0) {
        in[i] = output(s, offsets, f, from, visited);
        continue;
      }
      int packed = f.packedStream(stream);
      if (packed < 0) {
        throw new IOException("a coder input that nothing feeds");
      }
      int p = f.firstPackStream + packed;
      in[i] = new PackStream(file, offsets[p], s.packSizes[p]);
    }
    return Coders.decoder(c, in, f.unpackSizes[coder], resources);
  }

  /**
   * Refuses, before decoding, folders that declare more output than the ratio limit lets the
   * entries expand to (they would be stopped there), so that no coder allocates for sizes that
   * could never be read.
   */
  private void checkRatio(HeaderParser.StreamsInfo s, long maxRatio) throws LimitExceededException {
    long entriesTotal = 0;
    long codersTotal = 0;
    for (int i = 0; i < s.folders.length; i++) {
      Folder f = s.folders[i];
      if (s.substreams[i] > 0) {
        entriesTotal = saturatedAdd(entriesTotal, f.unpackSize());
      }
      for (long size : f.unpackSizes) {
        codersTotal = saturatedAdd(codersTotal, size);
      }
    }
    long perByte = Math.max(1, fileSize);
    long codersRatio = maxRatio > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 4 * maxRatio;
    if (entriesTotal > 1 << 20 && entriesTotal / perByte > maxRatio
        || codersTotal > 1 << 20 && codersTotal / perByte > codersRatio) {
      throw new LimitExceededException(
          "maxCompressionRatio",
          String.format(
              Locale.ROOT,
              "%s: its entries together expand more than %d times its size (raise it with"
                  + " --max-ratio)",
              name,
              maxRatio));
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private LimitExceededException tooManyEntries(long max) {
    return new LimitExceededException(
        "maxEntries",
        String.format(
            Locale.ROOT,
            "%s: more than %d entries in one archive (raise it with --max-entries)",
            name,
            max));
  }

  /** One entry's bytes of its folder's output, CRC-checked at the end. */
  private final class EntryStream extends BlockInputStream {
    private final SevenZEntry entry;
    private final CRC32 crc = new CRC32();
    private long left;

    EntryStream(SevenZEntry entry) {
      this.entry = entry;
      this.left = entry.size();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failed != null) {
        throw failedEarlier();
      }
      try {
        return readChecked(b, off, len);
      } catch (IOException | RuntimeException e) {
        failed = e;
        throw e;
      }
    }

    private int readChecked(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (folderData == null || current != this && !draining) {
        throw new IOException("the stream of an entry read after the next entry's");
      }
      int n = folderData.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException(entry.name() + ": the folder ends inside the entry");
      }
      crc.update(b, off, n);
      if (folderCrc != null) {
        folderCrc.update(b, off, n);
      }
      left -= n;
      folderPos += n;
      if (left == 0) {
        if (entry.crcDefined && (int) crc.getValue() != entry.crc) {
          throw new IOException("the CRC-32 of " + entry.name() + " does not match its data");
        }
        Folder f = streams.folders[entry.folder];
        if (folderCrc != null
            && folderPos == f.unpackSize()
            && (int) folderCrc.getValue() != f.crc) {
          throw new IOException("the CRC-32 of folder " + entry.folder + " does not match");
        }
      }
      return n;
    }

    private boolean draining;

    void drain() throws IOException {
      draining = true;
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // Decoded and checked.
      }
    }

    @Override
    public void close() {
      // The archive reads on from where this stream stops.
    }
  }
}
