package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.X000A_NTFS;
import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.X7875_NewUnix;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipExtraField;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.archivers.zip.ZipUtil;

/**
 * A top-level zip (jar, war, apk, whl, ...), read through its central directory, which is what the
 * JDK, Android and pip trust. Each local header is read too and compared with its central record: a
 * reader that streams local headers (as some installers do) would otherwise see other names, sizes
 * or data than we check. Bytes the central directory does not account for, and entries that
 * overlap, are findings.
 */
final class ZipIndex {
  private static final int LOCAL_HEADER = 0x04034b50;

  private ZipIndex() {}

  static ArchiveIndex read(Path file, ArchiveIndexer indexer) throws IOException {
    // Names come from the headers, as the JDK, Android and pip read them; a Unicode Path extra
    // field that says otherwise is a finding, never the name we report.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ZipLayout layout = ZipLayout.read(ch);
      try (Fallback fallback = new Fallback(file);
          ZipEntryData.Scratch scratch = new ZipEntryData.Scratch(indexer.maxCompressionRatio())) {
        return read(file, indexer, ch, layout, fallback, scratch);
      }
    }
  }

  /**
   * The entries of {@code file} whose content {@link SharedEntries} may read for both sides: files
   * stored or deflated, not encrypted, with a local header, stored in {@code fromBytes} or more; in
   * central directory order, each with its index there. Null when the zip is one its index refuses
   * before reading any entry's data (more entries than the limit, sizes declared past the ratio or
   * the total limit) or whose entries share bytes: reading it ahead would be work the side's index
   * never does.
   */
  static List<SharedEntries.Data> plainEntries(Path file, ArchiveIndexer indexer, long fromBytes)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ZipLayout layout = ZipLayout.read(ch);
      long size = ch.size();
      ByteBuffer h = ByteBuffer.allocate(30 + 512).order(ByteOrder.LITTLE_ENDIAN);
      BufferedReadChannel headers = new BufferedReadChannel(ch);
      CentralDirectory e =
          new CentralDirectory(new BufferedReadChannel(ch), layout.directory, layout.prefix);
      List<SharedEntries.Data> plain = new ArrayList<>();
      long declared = 0;
      long localHeaderBytes = 0;
      while (e.next()) {
        if (e.index() >= indexer.maxEntries()) {
          return null;
        }
        if (e.encrypted()
            || e.isDirectory()
            || e.isUnixSymlink()
            || (e.method != STORED && e.method != DEFLATED)) {
          continue;
        }
        if (e.size < 0
            || e.compressedSize < 0
            || indexer.overRatio(e.size, e.compressedSize)
            || e.size > indexer.maxTotalBytes() - declared) {
          return null;
        }
        declared += e.size;
        if (e.compressedSize < fromBytes) {
          continue;
        }
        LocalHeader local = LocalHeader.read(headers, e, h);
        localHeaderBytes = countHeader(local, localHeaderBytes, size);
        // What the entry's local header declares counts as the index counts it: a bomb declared
        // there is refused unread by the index, so it is not read ahead either.
        long more = Math.max(0, local.size - e.size);
        if ((local.size >= 0
                && local.compressedSize >= 0
                && indexer.overRatio(local.size, local.compressedSize))
            || more > indexer.maxTotalBytes() - declared) {
          return null;
        }
        declared += more;
        if (local.dataStart >= 0 && e.compressedSize <= size - local.dataStart) {
          plain.add(
              new SharedEntries.Data(
                  e.index(),
                  new String(e.rawName, StandardCharsets.ISO_8859_1),
                  e.method == DEFLATED,
                  e.crc,
                  e.compressedSize,
                  e.size,
                  local.dataStart,
                  local.descriptor));
        }
      }
      List<SharedEntries.Data> byStart = new ArrayList<>(plain);
      byStart.sort(java.util.Comparator.comparingLong(SharedEntries.Data::dataStart));
      for (int i = 1; i < byStart.size(); i++) {
        SharedEntries.Data before = byStart.get(i - 1);
        if (before.dataStart() + before.compressedSize() > byStart.get(i).dataStart()) {
          return null;
        }
      }
      return plain;
    }
  }

  private static ArchiveIndex read(
      Path file,
      ArchiveIndexer indexer,
      FileChannel ch,
      ZipLayout layout,
      Fallback fallback,
      ZipEntryData.Scratch scratch)
      throws IOException {
    ArchiveIndexer.Builder b = indexer.new Builder(ArchiveFormat.ZIP, "");
    // Content read ahead for both sides of a comparison is taken only from the file it was read
    // from, unchanged since (its identity, size and time); checked again at the end.
    SharedEntries.Side shared = indexer.shared().ifUnchanged(file);
    boolean tookShared = false;
    ByteBuffer h = ByteBuffer.allocate(30 + 512).order(ByteOrder.LITTLE_ENDIAN);
    // Local headers lie in file order, mostly a few KiB apart: read through a window. The
    // records are read three times (spans, declared sizes and the JDK's opinion, entries), one
    // record at a time: what is kept of an entry between passes is its span (Spans).
    BufferedReadChannel headers = new BufferedReadChannel(ch);
    BufferedReadChannel records = new BufferedReadChannel(ch);
    Spans spans = new Spans();
    long localHeaderBytes = 0;
    long fileSize = ch.size();
    CentralDirectory e = new CentralDirectory(records, layout.directory, layout.prefix);
    while (e.next()) {
      if (e.index() >= indexer.maxEntries()) {
        throw indexer.tooManyEntries("archive");
      }
      LocalHeader local = LocalHeader.read(headers, e, h);
      localHeaderBytes = countHeader(local, localHeaderBytes, fileSize);
      spans.add(local, e);
    }
    int count = e.index() + 1;
    long directoryChecksum = e.readChecksum();
    if (count == 0 && startsWithLocalHeader(ch, layout.prefix)) {
      throw new java.util.zip.ZipException(
          "the central directory lists no entry, yet the file starts with a local header");
    }
    layout.ended(e.position());
    for (String[] p : layout.problems) {
      b.finding("", p[0], p[1]);
    }
    // Entries that share bytes expand together past what each is allowed alone: bound them all
    // by the ratio limit times the archive's size (honest entries, which never overlap, cannot
    // reach that bound without one of them breaking the per-entry limit first). Zeros after the
    // end record are no part of the archive: they would buy a bomb room at 1000 bytes each.
    boolean overlap = spans.overlap();
    long[] expanded = overlap ? new long[] {0} : null;
    long archiveSize = fileSize - layout.padding;
    // The JDK's reading is compared in the second pass, with the declared sizes: its copy of
    // the central directory is let go before any entry's data is read.
    String counts;
    int disagreesAt;
    String disagreement;
    try (JdkEntries jdk = layout.readersAgree() ? JdkEntries.open(file) : new JdkEntries(null)) {
      jdk.expect(count);
      counts = jdk.takeDisagreement();
      refuseDeclaredBombs(
          file,
          indexer,
          new CentralDirectory(records, layout.directory, layout.prefix),
          count,
          spans,
          fallback,
          overlap,
          archiveSize,
          jdk);
      disagreesAt = jdk.disagreesAt;
      disagreement = jdk.recordDisagreement;
    }
    if (counts != null) {
      b.finding("", "zip-readers-disagree", counts);
    }
    DosTimes times = new DosTimes();
    // Each entry's fields, cleared for the next: the entry keeps a copy (ArchiveEntry).
    Map<String, String> m = new HashMap<>();
    e = new CentralDirectory(records, layout.directory, layout.prefix);
    for (int i = 0; i < count; i++) {
      next(e);
      LocalHeader local = LocalHeader.read(headers, e, h);
      // What the first pass decided (no overlap, no gap, the declared sizes) holds only for the
      // headers it read: a file that changed since is refused, never indexed half old, half new.
      if (!spans.sameSpan(i, local)) {
        throw changed();
      }
      // Another reader's name for the entry: CP437 for a name with no UTF-8 flag. Where the name
      // is not UTF-8 it is the name we report; else readers that take it see another name.
      String cp437 = cp437(e.rawName, e.utf8Flag());
      boolean utf8 = cp437 == null || ArchiveIndexer.isUtf8(e.rawName);
      String name = utf8 ? e.name : cp437;
      if (i == disagreesAt) {
        b.finding(name, "zip-readers-disagree", disagreement);
      }
      if (e.utf8Flag() && !ArchiveIndexer.isUtf8(e.rawName)) {
        // Reported with each bad sequence as '?': two names that differ only there would
        // otherwise pair as one entry.
        b.finding(
            name,
            "zip-readers-disagree",
            "the name has the UTF-8 flag but is not UTF-8: the JDK and Python refuse the zip,"
                + " other readers replace the bad bytes or keep them");
      }
      if (ZipLayout.zip64Fields(e.extra).size() > 1) {
        b.finding(
            name,
            "zip-readers-disagree",
            "two zip64 extra fields, where one is allowed: a reader may take either for the"
                + " sizes and the offset of the local header");
      }
      m.clear();
      describe(e, times, m);
      m.put("localExtra", ArchiveIndexer.hex(local.extra));
      local.report(name, b);
      unicodePath(e, name, local.extra, b);
      int fileType = e.platform() == CentralDirectory.PLATFORM_UNIX ? e.unixMode() & 0170000 : 0;
      // A name ending in '/' is a directory to every reader, whatever its mode says; a mode
      // that says directory on another name is a file to some readers, a directory to others.
      if (fileType == 0040000 && !e.isDirectory()) {
        b.finding(
            name,
            "zip-readers-disagree",
            "its Unix mode says a directory and its name a file: unzip makes a file, 7z and"
                + " libarchive a directory");
      }
      EntryType type =
          e.isDirectory()
              ? EntryType.DIRECTORY
              : e.isUnixSymlink() ? EntryType.SYMLINK : EntryType.FILE;
      ArchiveEntry entry = new ArchiveEntry(name, type, e.size, null, m);
      if (!canRead(e, fallback) || (e.method == LZMA && local.dataStart < 0)) {
        b.finding(
            name,
            "unreadable-entry",
            "entry data cannot be read (unsupported method or encryption)");
        b.add(entry, InputStream.nullInputStream(), 0, -1);
        continue;
      }
      boolean ours = local.dataStart >= 0 && (e.method == STORED || e.method == DEFLATED);
      // Read once for both sides of a comparison, where the other zip holds the same bytes.
      SharedEntries.Hashed hashed =
          ours && expanded == null && type == EntryType.FILE
              ? shared.get(
                  i,
                  local.dataStart,
                  e.method == DEFLATED,
                  e.compressedSize,
                  e.size,
                  local.descriptor)
              : null;
      if (hashed != null) {
        tookShared = true;
        b.addHashed(entry, hashed, e.compressedSize);
        if (cp437 != null && utf8) {
          b.alsoKnownAs(name, cp437, "to readers that decode a name with no UTF-8 flag as CP437");
        }
        crc(b, name, hashed.crc(), e.crc);
        continue;
      }
      // Neither Commons Compress nor the decoders below check the CRC-32: counted here.
      // Streams that end themselves (LZMA with its end marker, bzip2, Deflate64, xz) are decoded
      // here from the data we read, so that what the decoder leaves of the compressed size is
      // known: a reader of local headers takes it for what follows.
      ZipEntryData rawData =
          !ours && local.dataStart >= 0 && ENDS_ITSELF.contains(e.method)
              ? new ZipEntryData(
                  headers::read,
                  local.dataStart,
                  e.compressedSize,
                  /* deflated= */ false,
                  /* descriptor= */ false,
                  scratch)
              : null;
      CheckedInputStream checked =
          ours
              ? null
              : new CheckedInputStream(
                  rawData != null ? decode(rawData, e) : fallback.open(e), new CRC32());
      try (InputStream in =
          ours
              ? new ZipEntryData(
                  headers::read,
                  local.dataStart,
                  e.compressedSize,
                  e.method == DEFLATED,
                  local.descriptor,
                  scratch)
              : checked) {
        // Inflated no further than a byte past the declared size: a header that lies about a
        // bomb behind it is a size-mismatch, found without inflating the bomb.
        ArchiveIndexer.DeclaredSize capped =
            new ArchiveIndexer.DeclaredSize(in, e.size, /* refuse= */ false);
        InputStream content =
            expanded == null
                ? capped
                : indexer
                .new WholeArchiveRatio(
                    capped, expanded, archiveSize, String.valueOf(file.getFileName()), name);
        b.add(entry, content, 0, e.compressedSize);
        if (cp437 != null && utf8) {
          b.alsoKnownAs(name, cp437, "to readers that decode a name with no UTF-8 flag as CP437");
        }
        // Where the data overran its size, its end and CRC are not read: size-mismatch says it.
        if (!ours && !capped.overran()) {
          crc(b, name, checked.getChecksum().getValue(), e.crc);
          // The decoders read their input a byte at a time: what they left of the compressed
          // size is bytes a reader of local headers takes for what follows, as for deflate.
          long left = rawData == null ? 0 : e.compressedSize - rawData.produced();
          if (left > 0) {
            b.finding(
                name,
                "zip-readers-disagree",
                "the "
                    + methodName(e.method)
                    + " stream ends "
                    + left
                    + " bytes before the entry's compressed size does: readers of local headers"
                    + " take those bytes for what follows");
          }
        }
        if (ours && !capped.overran()) {
          ZipEntryData data = (ZipEntryData) in;
          String end = data.finish();
          if (end != null) {
            b.finding(name, "zip-readers-disagree", end);
          }
          crc(b, name, data.crc(), e.crc);
          if (type == EntryType.DIRECTORY && data.produced() > 0) {
            b.finding(
                name,
                "zip-readers-disagree",
                "a directory entry holds "
                    + data.produced()
                    + " bytes of data: some readers return them as its content, others make an"
                    + " empty directory");
          }
        }
      }
    }
    if (e.readChecksum() != directoryChecksum
        || (tookShared && shared.ifUnchanged(file) != shared)) {
      throw changed();
    }
    spans.overlapsAndGaps(layout.directory, b);
    if (!layout.comment.isEmpty()) {
      b.properties.put("comment", layout.comment);
    }
    return b.build();
  }

  /**
   * Adds the length of {@code local} to {@code read}, the bytes of local headers read so far, and
   * refuses the zip once they pass {@code fileSize}. Honest local headers lie apart in the file, so
   * they never do; records that share one local header with a name and extra field of 64 KiB each
   * made every record cost 128 KiB of reading, hex and messages, and a 1.2 MB zip of 20,000 such
   * records ran out of a 6 GB heap. Records that share a small header (an overlap bomb) stay within
   * it and are reported as overlapping.
   */
  private static long countHeader(LocalHeader local, long read, long fileSize)
      throws java.util.zip.ZipException {
    long total = read + (local.dataStart >= 0 ? local.dataStart - local.span[0] : 0);
    if (total > fileSize) {
      throw new java.util.zip.ZipException(
          "its central records point at local headers that come to more bytes than the file"
              + " holds (a local header that runs past the end, or records that share local"
              + " headers with long names or extra fields)");
    }
    return total;
  }

  /**
   * Reads the next of the records the first pass counted: a record that is no longer there is a
   * file changed while it was read, never a stale record read twice.
   */
  private static void next(CentralDirectory e) throws IOException {
    if (!e.next()) {
      throw changed();
    }
  }

  private static java.util.zip.ZipException changed() {
    return new java.util.zip.ZipException("the zip changed while it was read");
  }

  static final int LZMA = 14;

  /**
   * The largest LZMA dictionary decoded, allocated whole up front: 7-Zip's zips use at most 64 MiB
   * unless told otherwise. Capping it by the declared size alone let 2 MB of data declaring 2 GiB
   * (within the ratio limit) take 2 GB of memory.
   */
  static final long MAX_LZMA_DICTIONARY = 256L << 20;

  private static final int BZIP2 = 12;
  private static final int DEFLATE64 = 9;
  private static final int XZ = 95;

  /** Methods whose streams end themselves, which this class decodes from the data it reads. */
  private static final java.util.Set<Integer> ENDS_ITSELF =
      java.util.Set.of(LZMA, BZIP2, DEFLATE64, XZ);

  /** The decoded content of {@code raw}, an entry's data in a method of {@link #ENDS_ITSELF}. */
  private static InputStream decode(InputStream raw, CentralDirectory e) throws IOException {
    switch (e.method) {
      case LZMA:
        return lzma(raw, e.size, e.flags);
      case BZIP2:
        return new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(
            raw, /* decompressConcatenated= */ false);
      case DEFLATE64:
        return new org.apache.commons.compress.compressors.deflate64.Deflate64CompressorInputStream(
            raw);
      case XZ:
        // One stream, as a zip entry holds; its dictionary held to the LZMA cap.
        return new org.tukaani.xz.SingleXZInputStream(
            raw, (int) (MAX_LZMA_DICTIONARY >> 10) + 1024);
      default:
        throw new IllegalStateException("method " + e.method);
    }
  }

  private static final int STORED = java.util.zip.ZipEntry.STORED;
  private static final int DEFLATED = java.util.zip.ZipEntry.DEFLATED;

  /** A crc-mismatch finding where the data's CRC-32 is not the record's. */
  private static void crc(ArchiveIndexer.Builder b, String name, long data, long record) {
    if (data != record) {
      b.finding(
          name,
          "crc-mismatch",
          String.format(
              java.util.Locale.ROOT,
              "the data's CRC-32 is %08x, the central record says %08x: readers that check it"
                  + " refuse the entry",
              data,
              record));
    }
  }

  /**
   * Whether the entry's data can be read: not encrypted, and stored or deflated (read here), or in
   * another method Commons Compress reads (bzip2, deflate64, implode, shrink, xz, zstd).
   */
  private static boolean canRead(CentralDirectory e, Fallback fallback) throws IOException {
    // Commons Compress is asked of LZMA too, which it cannot decode: its reading of the record is
    // checked against ours for every method but the two read here.
    return !e.encrypted()
        && (e.method == STORED || e.method == DEFLATED || fallback.canRead(e) || e.method == LZMA);
  }

  /**
   * An LZMA entry's data (method 14, as 7-Zip writes it with {@code -mm=LZMA}) of {@code size}
   * bytes declared, with general purpose {@code flags}, decoded by xz-java: a 4-byte header (the
   * LZMA SDK's version, the properties' length, 5), the 5 bytes of properties, then the stream,
   * ended by an end marker when general purpose bit 1 says so. The dictionary is never more than
   * the declared output (no match reaches further back), so a header claiming a huge one costs
   * nothing; past what the decoder supports, the entry is refused.
   */
  static InputStream lzma(InputStream raw, long size, int flags) throws IOException {
    byte[] head = raw.readNBytes(9);
    if (head.length < 9) {
      throw new java.util.zip.ZipException("LZMA data shorter than its 9-byte header");
    }
    int propertiesLength = (head[2] & 0xff) | (head[3] & 0xff) << 8;
    if (propertiesLength != 5) {
      throw new java.util.zip.ZipException(
          "LZMA properties of " + propertiesLength + " bytes, where there are 5");
    }
    long declaredDictionary =
        (head[5] & 0xffL)
            | (head[6] & 0xffL) << 8
            | (head[7] & 0xffL) << 16
            | (head[8] & 0xffL) << 24;
    long dictionary = Math.min(declaredDictionary, Math.max(size, 4096));
    if (dictionary > MAX_LZMA_DICTIONARY) {
      throw new java.util.zip.ZipException(
          String.format(
              java.util.Locale.ROOT,
              "an LZMA dictionary of %d MiB, more than the %d MiB this reader supports",
              dictionary >> 20,
              MAX_LZMA_DICTIONARY >> 20));
    }
    boolean endMarker = (flags & 0x02) != 0;
    org.tukaani.xz.LZMAInputStream in =
        new org.tukaani.xz.LZMAInputStream(raw, endMarker ? -1 : size, head[4], (int) dictionary);
    if (!endMarker) {
      // With the size known, an end marker may follow the data or not: writers differ, and
      // 7-Zip reads both.
      in.enableRelaxedEndCondition();
    }
    return in;
  }

  /**
   * Whether a zip whose central directory lists nothing starts with a local header: a zip cut off
   * or damaged, not an empty one (as Commons Compress refused it).
   */
  private static boolean startsWithLocalHeader(FileChannel ch, long prefix) throws IOException {
    ByteBuffer sig = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    return ZipLayout.readFully(ch, sig, prefix) == 4 && sig.getInt(0) == LOCAL_HEADER;
  }

  /**
   * Refuses, before any entry's data is read, a zip whose headers declare a bomb: a compressed
   * entry that the central directory or its local header (zip64 fields included) says expands past
   * the ratio limit, sizes that together pass the total limit, or, where entries overlap, sizes
   * that together pass the ratio limit times the archive's size. These are the checks reading
   * makes, on the sizes a reader that trusts the headers would go by; entries that cannot be read
   * (encrypted, unsupported methods) are not read, and not counted. Each record is also taken in
   * step with {@code jdk}'s.
   */
  private static void refuseDeclaredBombs(
      Path file,
      ArchiveIndexer indexer,
      CentralDirectory e,
      int count,
      Spans local,
      Fallback fallback,
      boolean overlap,
      long archiveSize,
      JdkEntries jdk)
      throws IOException {
    long declared = 0;
    for (int i = 0; i < count; i++) {
      next(e);
      jdk.step(i, e);
      if (!canRead(e, fallback)) {
        continue;
      }
      String name = reportedName(e.rawName, e.utf8Flag(), e.name);
      // Stored data is read for its compressed size and cannot expand: a larger size is a lie,
      // reported as size-mismatch when read, not a bomb.
      if (e.method != STORED) {
        indexer.checkDeclared(name, e.size, e.compressedSize, "the central directory");
        indexer.checkDeclared(
            name,
            local.size(i, e.size),
            local.compressedSize(i, e.compressedSize),
            "its local header");
      }
      long size = Math.max(e.size, local.size(i, e.size));
      if (size > 0) {
        indexer.checkTotal(
            name, indexer.totalBytes() + declared, size, ", by the sizes the headers declare");
        declared += size;
      }
      if (overlap && indexer.overRatio(declared, archiveSize)) {
        throw indexer.wholeRatio(
            String.valueOf(file.getFileName()), name, ", by the sizes the headers declare");
      }
    }
  }

  /**
   * Commons Compress's reader of the zip, opened only for an entry ours does not read: one in a
   * method other than stored and deflated, or one with no local header where its record points (it
   * then reads the data where a header's lengths would put it, as it always did). Its record at the
   * same index must be ours, name, method, sizes, CRC and offset, or the zip is refused.
   */
  private static final class Fallback implements java.io.Closeable {
    private final Path file;
    private ZipFile zip;
    private List<ZipArchiveEntry> entries;

    Fallback(Path file) {
      this.file = file;
    }

    private ZipArchiveEntry entry(CentralDirectory e) throws IOException {
      if (zip == null) {
        zip =
            ZipFile.builder()
                .setSeekableByteChannel(
                    new BufferedReadChannel(FileChannel.open(file, StandardOpenOption.READ)))
                .setUseUnicodeExtraFields(false)
                .setIgnoreLocalFileHeader(true)
                .get();
        entries = Collections.list(zip.getEntries());
      }
      ZipArchiveEntry c = e.index() < entries.size() ? entries.get(e.index()) : null;
      if (c == null
          || !Arrays.equals(c.getRawName(), e.rawName)
          || c.getMethod() != e.method
          || c.getSize() != e.size
          || c.getCompressedSize() != e.compressedSize
          || c.getCrc() != e.crc
          || c.getLocalHeaderOffset() != e.localHeaderOffset) {
        throw new java.util.zip.ZipException(
            "Commons Compress reads another central directory record " + e.index() + " than ours");
      }
      return c;
    }

    boolean canRead(CentralDirectory e) throws IOException {
      ZipArchiveEntry c = entry(e);
      return zip.canReadEntryData(c);
    }

    InputStream open(CentralDirectory e) throws IOException {
      ZipArchiveEntry c = entry(e);
      return zip.getInputStream(c);
    }

    @Override
    public void close() throws IOException {
      if (zip != null) {
        zip.close();
      }
    }
  }

  /**
   * The JDK's reader over the same central directory, as a second opinion: the JDK (and so every
   * JVM loading a jar) must list the same records, in the same order, as our reader of the central
   * directory ({@link CentralDirectory}), whose records the index reports. Its entries are taken in
   * step with ours; a record that differs in name, method, sizes or CRC, or another count, is a
   * disagreement. Where the JDK cannot open the zip (it is stricter about names), there is no
   * second opinion.
   */
  static final class JdkEntries implements java.io.Closeable {
    private final java.util.zip.ZipFile zip;
    private java.util.Enumeration<? extends java.util.zip.ZipEntry> entries;

    private JdkEntries(java.util.zip.ZipFile zip) {
      this.zip = zip;
    }

    static JdkEntries open(Path file) {
      try {
        return new JdkEntries(new java.util.zip.ZipFile(file.toFile(), StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        // A zip the JDK refuses (it is stricter about headers): ours reads it all.
        return new JdkEntries(null);
      }
    }

    /** How the JDK's reading of the central directory differs from ours, or null. */
    private String disagreement;

    void expect(int count) {
      entries = zip != null ? zip.entries() : null;
      if (zip != null && zip.size() != count) {
        disagreement =
            String.format(
                java.util.Locale.ROOT,
                "entries in the central directory: %d by the JDK's zip reader, %d by ours",
                zip.size(),
                count);
        entries = null;
      }
    }

    /**
     * Takes the disagreement found so far, if any, once: two zip readers that see two different
     * archives in the same bytes are the ground of parser-differential attacks.
     */
    String takeDisagreement() {
      String d = disagreement;
      disagreement = null;
      return d;
    }

    /** The first record the JDK reads otherwise, and how; -1 and null while there is none. */
    int disagreesAt = -1;

    String recordDisagreement;

    /**
     * Takes the JDK's record in step with our record {@code i}, {@code e}, and remembers the first
     * that differs.
     */
    void step(int i, CentralDirectory e) {
      if (entries == null || disagreesAt >= 0) {
        return;
      }
      next(e);
      String d = takeDisagreement();
      if (d != null) {
        disagreesAt = i;
        recordDisagreement = d;
      }
    }

    /** Takes the JDK's record in step with {@code e}; a record that differs is a disagreement. */
    void next(CentralDirectory e) {
      if (entries == null || !entries.hasMoreElements()) {
        return;
      }
      java.util.zip.ZipEntry j;
      try {
        j = entries.nextElement();
      } catch (RuntimeException x) {
        // The JDK decodes an entry's comment only as it lists it, and refuses one that is not
        // UTF-8: ours reads the rest.
        entries = null;
        return;
      }
      boolean same =
          j.getName().equals(e.name)
              && j.getMethod() == e.method
              && j.getSize() == e.size
              && j.getCompressedSize() == e.compressedSize
              && j.getCrc() == e.crc;
      if (!same) {
        entries = null;
        disagreement =
            String.format(
                java.util.Locale.ROOT,
                "the JDK's zip reader sees another record here: '%s', method %d, %d bytes"
                    + " (%d stored), CRC %08x",
                j.getName(),
                j.getMethod(),
                j.getSize(),
                j.getCompressedSize(),
                j.getCrc());
      }
    }

    @Override
    public void close() throws IOException {
      if (zip != null) {
        zip.close();
      }
    }
  }

  /**
   * The content of the entry named {@code name} (its copy {@code copy} in central directory order,
   * 0 for the first), read by the JDK; null when the JDK cannot open the zip or read that entry
   * (Commons Compress then reads it). The JDK's own lookup by name would give the last of duplicate
   * names, so the list is walked.
   */
  static InputStream named(Path file, String name, int copy) throws IOException {
    java.util.zip.ZipFile zip;
    try {
      zip = new java.util.zip.ZipFile(file.toFile(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    // Any problem with the layout, and the index did not use the JDK either (or found it out).
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ZipLayout layout = ZipLayout.read(ch);
      if (layout.readersAgree()) {
        layout.walk(new BufferedReadChannel(ch), zip.size());
      }
      if (!layout.problems.isEmpty()) {
        zip.close();
        return null;
      }
    } catch (IOException | RuntimeException e) {
      zip.close();
      return null;
    }
    boolean handedOver = false;
    int skip = copy;
    try {
      for (var en = zip.entries(); en.hasMoreElements(); ) {
        java.util.zip.ZipEntry e = en.nextElement();
        if (e.getName().equals(name) && skip-- == 0) {
          if (!readableByJdk(e.getMethod(), e.getExtra())) {
            return null;
          }
          InputStream in = zip.getInputStream(e);
          if (in == null) {
            return null;
          }
          handedOver = true;
          return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                zip.close();
              }
            }
          };
        }
      }
      return null;
    } catch (RuntimeException x) {
      // A comment the JDK cannot decode, as the index met it: Commons Compress reads the entry.
      return null;
    } finally {
      if (!handedOver) {
        zip.close();
      }
    }
  }

  /**
   * Whether the JDK reads this entry's data: stored or deflated, and with no zip64 extra field,
   * which the JDK and Commons Compress may read differently (the offset of the local header lies
   * there).
   */
  private static boolean readableByJdk(int method, byte[] centralExtra) {
    return (method == java.util.zip.ZipEntry.STORED || method == java.util.zip.ZipEntry.DEFLATED)
        && (centralExtra == null || ZipLayout.zip64Fields(centralExtra).isEmpty());
  }

  /**
   * The entry's name as Python's zipfile, unzip and 7z decode a name with no UTF-8 flag, CP437;
   * null when the flag is set, the name is ASCII (the same either way), or the JDK has no CP437.
   */
  /**
   * DOS's code page, in which other readers decode a name without the UTF-8 flag; null if absent.
   */
  private static final java.nio.charset.Charset CP437 =
      java.nio.charset.Charset.isSupported("IBM437")
          ? java.nio.charset.Charset.forName("IBM437")
          : null;

  private static String cp437(byte[] raw, boolean utf8Flag) {
    if (utf8Flag || CP437 == null) {
      return null;
    }
    for (byte c : raw) {
      if (c < 0) {
        return new String(raw, CP437);
      }
    }
    return null;
  }

  /**
   * The name the index reports: the header's, as UTF-8; a name with no UTF-8 flag that is not UTF-8
   * is read as CP437, as Python, unzip and 7z read it (as UTF-8 each bad byte would become U+FFFD,
   * and two honest names one).
   */
  static String reportedName(ZipArchiveEntry e) {
    return reportedName(e.getRawName(), e.getGeneralPurposeBit().usesUTF8ForNames(), e.getName());
  }

  /** As {@link #reportedName(ZipArchiveEntry)}, for the raw name, its flag and its decoding. */
  private static String reportedName(byte[] raw, boolean utf8Flag, String name) {
    String cp437 = cp437(raw, utf8Flag);
    return cp437 == null || ArchiveIndexer.isUtf8(raw) ? name : cp437;
  }

  /** Entry fields a zip keeps, by the names the comparison reports. */
  static void describe(ZipArchiveEntry e, Map<String, String> m) {
    if (e.getLastModifiedTime() != null) {
      m.put("mtime", e.getLastModifiedTime().toInstant().toString());
    }
    m.put("method", methodName(e.getMethod()));
    if (e.getCompressedSize() >= 0) {
      m.put("compressedSize", Long.toString(e.getCompressedSize()));
    }
    if (e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
      m.put("mode", ArchiveIndexer.octal(e.getUnixMode()));
    }
    m.put("externalAttributes", Long.toHexString(e.getExternalAttributes()));
    m.put("versionMadeBy", Integer.toString(e.getVersionMadeBy()));
    m.put("extra", ArchiveIndexer.hex(e.getCentralDirectoryExtra()));
    m.put("localExtra", ArchiveIndexer.hex(e.getLocalFileDataExtra()));
    m.put("comment", e.getComment() == null || e.getComment().isEmpty() ? null : e.getComment());
  }

  /**
   * As {@link #describe(ZipArchiveEntry, Map)}, for a central directory record: the same fields,
   * the same values (see {@link #asWrittenBack} for {@code extra}). {@code localExtra} is the
   * caller's.
   */
  private static void describe(CentralDirectory e, DosTimes times, Map<String, String> m) {
    m.put("mtime", times.mtime(e));
    m.put("method", methodName(e.method));
    m.put("compressedSize", Long.toString(e.compressedSize));
    if (e.platform() == CentralDirectory.PLATFORM_UNIX) {
      m.put("mode", ArchiveIndexer.octal(e.unixMode()));
    }
    m.put("externalAttributes", Long.toHexString(e.externalAttributes));
    m.put("versionMadeBy", Integer.toString(e.versionMadeBy));
    m.put("extra", ArchiveIndexer.hex(asWrittenBack(e.extra)));
    if (!e.comment.isEmpty()) {
      m.put("comment", e.comment);
    }
  }

  /**
   * A record's extra data as the comparison has always shown it, Commons Compress's writing back of
   * the fields it parsed: Info-ZIP's extended timestamp (0x5455) with the flags of times it does
   * not hold cleared and only its modification time, Info-ZIP's Unix field (0x7875) empty, as a
   * central record's fields are; every other field as it lies in the file. (Commons Compress also
   * wrote a zip64 field back with both sizes where the record marked one, and added a timestamp
   * field of its own to a record whose DOS time is no DOS time; those are now shown as they lie.)
   */
  static byte[] asWrittenBack(byte[] extra) {
    int ut = X5455_ExtendedTimestamp.HEADER_ID.getValue();
    int ux = 0x7875;
    if (CentralDirectory.field(extra, ut) < 0 && CentralDirectory.field(extra, ux) < 0) {
      return extra;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(extra.length);
    int i = 0;
    while (i + 4 <= extra.length) {
      int id = (extra[i] & 0xff) | (extra[i + 1] & 0xff) << 8;
      int length = CentralDirectory.fieldLength(extra, i);
      if (i + 4 + length > extra.length) {
        break;
      }
      ZipExtraField f =
          id == ut ? new X5455_ExtendedTimestamp() : id == ux ? new X7875_NewUnix() : null;
      if (f != null && DosTimes.parse(f, extra, i)) {
        byte[] data = f.getCentralDirectoryData();
        out.write(extra, i, 2);
        out.write(data.length & 0xff);
        out.write(data.length >> 8);
        out.write(data, 0, data.length);
      } else {
        out.write(extra, i, 4 + length);
      }
      i += 4 + length;
    }
    out.write(extra, i, extra.length - i);
    return out.toByteArray();
  }

  /**
   * An entry's modification time as Commons Compress gave it: from the record's first Info-ZIP
   * extended timestamp field (0x5455) where it holds one, from its first NTFS field (0x000a) where
   * that holds one, else from the DOS time in the local time zone. The DOS times of a zip repeat;
   * the last one's text is kept.
   */
  static final class DosTimes {
    private long lastDos = -1;
    private String lastText;

    String mtime(CentralDirectory e) {
      java.nio.file.attribute.FileTime extended = extendedTime(e.extra);
      if (extended != null) {
        return extended.toInstant().toString();
      }
      if (e.dosTime != lastDos) {
        lastText = java.time.Instant.ofEpochMilli(ZipUtil.dosToJavaTime(e.dosTime)).toString();
        lastDos = e.dosTime;
      }
      return lastText;
    }

    private static java.nio.file.attribute.FileTime extendedTime(byte[] extra) {
      java.nio.file.attribute.FileTime t = null;
      int at = CentralDirectory.field(extra, X5455_ExtendedTimestamp.HEADER_ID.getValue());
      if (at >= 0) {
        X5455_ExtendedTimestamp f = new X5455_ExtendedTimestamp();
        if (parse(f, extra, at) && f.isBit0_modifyTimePresent() && f.getModifyFileTime() != null) {
          t = f.getModifyFileTime();
        }
      }
      at = CentralDirectory.field(extra, X000A_NTFS.HEADER_ID.getValue());
      if (at >= 0) {
        X000A_NTFS f = new X000A_NTFS();
        if (parse(f, extra, at) && f.getModifyFileTime() != null) {
          t = f.getModifyFileTime();
        }
      }
      return t;
    }

    /** Parses the field at {@code at} as the central directory's; false where it does not parse. */
    private static boolean parse(ZipExtraField f, byte[] extra, int at) {
      try {
        f.parseFromCentralDirectoryData(extra, at + 4, CentralDirectory.fieldLength(extra, at));
        return true;
      } catch (java.util.zip.ZipException | RuntimeException x) {
        return false;
      }
    }
  }

  /**
   * Reports an Info-ZIP Unicode Path extra field that names the entry otherwise than its header:
   * tools that honour the field (Info-ZIP unzip, some installers) and tools that do not (the JDK)
   * would then see two different names for the same bytes. For a streamed entry, whose extra fields
   * are the local header's.
   */
  static void unicodePath(ZipArchiveEntry e, ArchiveIndexer.Builder b) {
    for (ZipExtraField f : e.getExtraFields()) {
      if (f instanceof UnicodePathExtraField) {
        byte[] data = f.getLocalFileDataData();
        String why = unicodePathMismatch(e.getName(), data, 0, data.length);
        if (why != null) {
          b.finding(e.getName(), "unicode-path-mismatch", why);
          return;
        }
      }
    }
  }

  /**
   * Each Unicode Path extra field (0x7075) of the central record and of the local header, read on
   * its own: a field beside it that does not parse (a zip64 field too short, say) must not hide it,
   * as it did when the extra data was parsed as a whole and dropped on the first error. A field
   * that names another file than the header, or cannot be read, is a finding.
   */
  private static void unicodePath(
      CentralDirectory e, String name, byte[] localExtra, ArchiveIndexer.Builder b) {
    String unreadable = null;
    for (byte[] extra : List.of(e.extra, localExtra)) {
      for (int i = 0; i + 4 <= extra.length; ) {
        int tag = (extra[i] & 0xff) | (extra[i + 1] & 0xff) << 8;
        int length = CentralDirectory.fieldLength(extra, i);
        if (i + 4 + length > extra.length) {
          break;
        }
        if (tag == UnicodePathExtraField.UPATH_ID.getValue()) {
          String why = unicodePathMismatch(name, extra, i + 4, length);
          if (why == UNREADABLE_UNICODE_PATH) {
            unreadable = why;
          } else if (why != null) {
            b.finding(name, "unicode-path-mismatch", why);
            return;
          }
        }
        i += 4 + length;
      }
    }
    // A field that names another file is the finding to show; one that cannot be read is one too.
    if (unreadable != null) {
      b.finding(name, "unicode-path-mismatch", unreadable);
    }
  }

  private static final String UNREADABLE_UNICODE_PATH =
      "a Unicode Path extra field that cannot be read; tools that read that field may see another"
          + " name";

  /** Why the Unicode Path field in {@code extra[offset, offset + length)} is a finding, or null. */
  private static String unicodePathMismatch(String name, byte[] extra, int offset, int length) {
    UnicodePathExtraField f = new UnicodePathExtraField();
    try {
      f.parseFromLocalFileData(extra, offset, length);
    } catch (java.util.zip.ZipException | RuntimeException x) {
      return UNREADABLE_UNICODE_PATH;
    }
    byte[] u = f.getUnicodeName();
    String unicode = u == null ? "" : new String(u, StandardCharsets.UTF_8);
    if (unicode.equals(name)) {
      return null;
    }
    return "the Unicode Path extra field names it '"
        + unicode
        + "'; tools that read that field see another name";
  }

  private static String methodName(int method) {
    ZipMethod zm = ZipMethod.getMethodByCode(method);
    return zm == null ? Integer.toString(method) : zm.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * An entry's local header, read once: where the entry's bytes lie, and how the header disagrees
   * with the central record, reported in the entry's turn.
   */
  private static final class LocalHeader {
    /** From the local header to the end of the data; null when there is no local header. */
    final long[] span;

    /** What disagrees with the central record, or null. */
    final String differs;

    /** The local header's extra fields; empty when there is no local header. */
    final byte[] extra;

    /** Where the data begins, just past the local header; -1 when there is no local header. */
    final long dataStart;

    /** Whether a data descriptor follows the data (general purpose bit 3). */
    final boolean descriptor;

    /**
     * The sizes the header declares (its zip64 field's where it holds the marks), as a reader of
     * local headers goes by them; -1 when there is no local header.
     */
    final long size;

    final long compressedSize;

    private LocalHeader(
        long[] span,
        String differs,
        byte[] extra,
        long dataStart,
        boolean descriptor,
        long size,
        long compressedSize) {
      this.span = span;
      this.differs = differs;
      this.extra = extra;
      this.dataStart = dataStart;
      this.descriptor = descriptor;
      this.size = size;
      this.compressedSize = compressedSize;
    }

    /**
     * Reads the header of {@code e} with one read for the common case (a local name and extra field
     * as long as the central ones), through {@code h}, a scratch buffer.
     */
    static LocalHeader read(SeekableByteChannel ch, CentralDirectory e, ByteBuffer h)
        throws IOException {
      long offset = e.localHeaderOffset;
      byte[] centralName = e.rawName;
      int expected = 30 + centralName.length + e.extra.length;
      ByteBuffer buf =
          expected <= h.capacity()
              ? h.clear().limit(expected)
              : ByteBuffer.allocate(expected).order(ByteOrder.LITTLE_ENDIAN);
      if (offset < 0
          || ZipLayout.readFully(ch, buf, offset) < 30
          || buf.getInt(0) != LOCAL_HEADER) {
        return new LocalHeader(null, null, new byte[0], -1, false, -1, -1);
      }
      int flags = buf.getShort(6) & 0xffff;
      int method = buf.getShort(8) & 0xffff;
      long crc = buf.getInt(14) & 0xffffffffL;
      long csize = buf.getInt(18) & 0xffffffffL;
      long usize = buf.getInt(22) & 0xffffffffL;
      int nameLen = buf.getShort(26) & 0xffff;
      int extraLen = buf.getShort(28) & 0xffff;
      List<String> differs = new ArrayList<>();
      if (!sameName(buf, nameLen, centralName)) {
        ByteBuffer nb = ByteBuffer.allocate(nameLen);
        ZipLayout.readFully(ch, nb, offset + 30);
        differs.add(
            "name '" + new String(nb.array(), 0, nb.position(), StandardCharsets.UTF_8) + "'");
      }
      if (method != e.method) {
        differs.add("method " + method + " vs " + e.method);
      }
      boolean descriptor = (flags & 0x08) != 0;
      byte[] extra;
      if (buf.position() >= 30 + nameLen + extraLen) {
        extra = Arrays.copyOfRange(buf.array(), 30 + nameLen, 30 + nameLen + extraLen);
      } else {
        ByteBuffer eb = ByteBuffer.allocate(extraLen);
        ZipLayout.readFully(ch, eb, offset + 30 + nameLen);
        extra = Arrays.copyOf(eb.array(), eb.position());
      }
      // The sizes a reader of local headers goes by: the zip64 field's (both sizes, uncompressed
      // first) where the header holds the marks, as the JDK's ZipInputStream reads them.
      List<byte[]> zip64Fields = ZipLayout.zip64Fields(extra);
      byte[] zip64 = zip64Fields.isEmpty() ? null : zip64Fields.get(0);
      if (csize == 0xffffffffL || usize == 0xffffffffL) {
        if (zip64 == null || zip64.length < 16) {
          differs.add("zip64 sizes missing from the local header");
        } else {
          ByteBuffer z = ByteBuffer.wrap(zip64).order(ByteOrder.LITTLE_ENDIAN);
          usize = z.getLong(0);
          csize = z.getLong(8);
        }
      }
      if (!descriptor) {
        if (crc != e.crc) {
          differs.add("crc");
        }
        if (csize != e.compressedSize) {
          differs.add("compressed size " + csize + " vs " + e.compressedSize);
        }
        if (usize != e.size) {
          differs.add("size " + usize + " vs " + e.size);
        }
      }
      long dataStart = offset + 30 + nameLen + extraLen;
      long dataEnd = dataStart + Math.max(0, e.compressedSize);
      long spanEnd = dataEnd;
      if (descriptor) {
        int length = descriptor(ch, dataEnd, e, zip64 != null, method == STORED);
        if (length < 0) {
          differs.add("no data descriptor after the data with the central CRC and sizes");
        } else {
          spanEnd += length;
        }
      }
      return new LocalHeader(
          new long[] {offset, spanEnd},
          differs.isEmpty() ? null : String.join(", ", differs),
          extra,
          dataStart,
          descriptor,
          usize,
          csize);
    }

    /**
     * The length of the data descriptor at {@code at} when it holds the central record's CRC and
     * sizes (with or without its optional signature; sizes of 8 bytes when the local header has a
     * zip64 field, as readers of local headers expect), or -1.
     */
    private static int descriptor(
        SeekableByteChannel ch, long at, CentralDirectory e, boolean zip64, boolean stored)
        throws IOException {
      ByteBuffer d = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      int n = ZipLayout.readFully(ch, d, at);
      int i = n >= 4 && d.getInt(0) == 0x08074b50 ? 4 : 0;
      if (stored && i == 0) {
        // Stored data has no end of its own: a reader of local headers finds it by the
        // descriptor's signature, which must be there.
        return -1;
      }
      int length = i + 4 + (zip64 ? 16 : 8);
      if (n < length || (d.getInt(i) & 0xffffffffL) != e.crc) {
        return -1;
      }
      long csize = zip64 ? d.getLong(i + 4) : d.getInt(i + 4) & 0xffffffffL;
      long usize = zip64 ? d.getLong(i + 12) : d.getInt(i + 8) & 0xffffffffL;
      return csize == e.compressedSize && usize == e.size ? length : -1;
    }

    private static boolean sameName(ByteBuffer buf, int nameLen, byte[] centralName) {
      if (nameLen != centralName.length || buf.position() < 30 + nameLen) {
        return false;
      }
      return Arrays.equals(buf.array(), 30, 30 + nameLen, centralName, 0, nameLen);
    }

    void report(String name, ArchiveIndexer.Builder b) {
      if (span == null) {
        b.finding(
            name, "local-header-missing", "no local header where the central directory points");
      } else if (differs != null) {
        b.finding(
            name,
            "local-central-mismatch",
            "local header disagrees with the central directory: " + differs);
      }
    }
  }

  /**
   * What the first pass keeps of each entry, in central directory order: where its bytes lie (from
   * its local header to the end of its data or data descriptor; none without a local header), in
   * chunks that are never copied. The sizes a local header declares are kept only where the checks
   * of declared sizes would go by them: where they differ from the central record's, and are not
   * the zeros of a header whose sizes follow the data. 16 bytes an entry, whatever its name.
   */
  static final class Spans {
    private static final int CHUNK = 2048;
    private final List<long[]> chunks = new ArrayList<>();
    private final Map<Integer, long[]> localSizes = new HashMap<>();
    private int count;

    /** Whether the entries with a local header are listed in the order they lie in the file. */
    private boolean inOrder = true;

    private long lastStart = -1;

    /** Whether entry {@code i}'s local header spans what it spanned when it was added. */
    boolean sameSpan(int i, LocalHeader l) {
      long[] c = chunks.get(i / CHUNK);
      int at = 2 * (i % CHUNK);
      return l.span == null
          ? c[at] == -1 && c[at + 1] == -1
          : c[at] == l.span[0] && c[at + 1] == l.span[1];
    }

    void add(LocalHeader l, CentralDirectory e) {
      if (count % CHUNK == 0) {
        chunks.add(new long[2 * CHUNK]);
      }
      long[] c = chunks.get(count / CHUNK);
      int at = 2 * (count % CHUNK);
      c[at] = l.span == null ? -1 : l.span[0];
      c[at + 1] = l.span == null ? -1 : l.span[1];
      if (c[at] >= 0) {
        inOrder &= c[at] >= lastStart;
        lastStart = c[at];
      }
      boolean same = l.size == e.size && l.compressedSize == e.compressedSize;
      boolean none = l.size <= 0 && l.compressedSize <= 0;
      if (!same && !none) {
        localSizes.put(count, new long[] {l.size, l.compressedSize});
      }
      count++;
    }

    /** The size the entry's local header declares, where it matters; else {@code central}. */
    long size(int entry, long central) {
      long[] s = localSizes.get(entry);
      return s == null ? central : s[0];
    }

    /** As {@link #size}, for the compressed size. */
    long compressedSize(int entry, long central) {
      long[] s = localSizes.get(entry);
      return s == null ? central : s[1];
    }

    /** The spans of the entries that have a local header, in file order, as {start, end}. */
    private Iterable<long[]> inFileOrder() {
      if (inOrder) {
        return () ->
            new java.util.Iterator<long[]>() {
              private final long[] span = new long[2];
              private int next = skip(0);

              private int skip(int i) {
                while (i < count && chunks.get(i / CHUNK)[2 * (i % CHUNK)] < 0) {
                  i++;
                }
                return i;
              }

              @Override
              public boolean hasNext() {
                return next < count;
              }

              @Override
              public long[] next() {
                long[] c = chunks.get(next / CHUNK);
                span[0] = c[2 * (next % CHUNK)];
                span[1] = c[2 * (next % CHUNK) + 1];
                next = skip(next + 1);
                return span;
              }
            };
      }
      List<long[]> spans = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long[] c = chunks.get(i / CHUNK);
        if (c[2 * (i % CHUNK)] >= 0) {
          spans.add(new long[] {c[2 * (i % CHUNK)], c[2 * (i % CHUNK) + 1]});
        }
      }
      spans.sort((x, y) -> Long.compare(x[0], y[0]));
      return spans;
    }

    /** Whether any two entries' spans overlap. */
    boolean overlap() {
      long end = Long.MIN_VALUE;
      for (long[] s : inFileOrder()) {
        if (s[0] < end) {
          return true;
        }
        end = Math.max(end, s[1]);
      }
      return false;
    }

    /**
     * Reports bytes no entry accounts for (before the first, between two, after the last before the
     * central directory at {@code directory}) and entries that share bytes.
     */
    void overlapsAndGaps(long directory, ArchiveIndexer.Builder b) {
      long expected = -1;
      for (long[] s : inFileOrder()) {
        if (expected < 0) {
          expected = s[0];
          if (expected > 0) {
            b.finding(
                "",
                "unreferenced-bytes",
                expected + " bytes before the first entry are not in the central directory");
          }
        }
        if (s[0] < expected) {
          b.finding(
              "",
              "overlapping-entries",
              "entries share bytes at offset " + s[0] + " (a zip bomb trick)");
          break;
        }
        // Each span ends past the entry's data descriptor, if it has one.
        if (s[0] > expected) {
          b.finding(
              "",
              "unreferenced-bytes",
              (s[0] - expected)
                  + " bytes at offset "
                  + expected
                  + " are not in the central directory");
        }
        expected = Math.max(expected, s[1]);
      }
      expected = Math.max(expected, 0);
      // A local entry no central record lists, between the last one listed and the directory, is
      // an entry to a reader that streams local headers.
      if (directory > expected) {
        b.finding(
            "",
            "unreferenced-bytes",
            (directory - expected)
                + " bytes at offset "
                + expected
                + ", before the central directory, are in no entry");
      }
    }
  }
}
