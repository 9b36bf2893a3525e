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
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ExtraFieldUtils;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipExtraField;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

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
    // field that says otherwise is a finding, never the name we report. Local headers are read
    // here, once each, not by Commons Compress as well.
    try (ZipFile zip =
            ZipFile.builder()
                .setSeekableByteChannel(
                    new BufferedReadChannel(FileChannel.open(file, StandardOpenOption.READ)))
                .setUseUnicodeExtraFields(false)
                .setIgnoreLocalFileHeader(true)
                .get();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ZipLayout layout = ZipLayout.read(ch);
      try (JdkEntries jdk = layout.readersAgree() ? JdkEntries.open(file) : new JdkEntries(null)) {
        return read(file, indexer, zip, ch, layout, jdk);
      }
    }
  }

  private static ArchiveIndex read(
      Path file,
      ArchiveIndexer indexer,
      ZipFile zip,
      FileChannel ch,
      ZipLayout layout,
      JdkEntries jdk)
      throws IOException {
    ArchiveIndexer.Builder b = indexer.new Builder(ArchiveFormat.ZIP, "");
    List<ZipArchiveEntry> all = Collections.list(zip.getEntries());
    LocalHeader[] local = new LocalHeader[all.size()];
    List<long[]> spans = new ArrayList<>();
    ByteBuffer h = ByteBuffer.allocate(30 + 512).order(ByteOrder.LITTLE_ENDIAN);
    // Local headers lie in file order, mostly a few KiB apart: read through a window.
    BufferedReadChannel headers = new BufferedReadChannel(ch);
    for (int i = 0; i < local.length; i++) {
      local[i] = LocalHeader.read(headers, all.get(i), h);
      if (local[i].span != null) {
        spans.add(local[i].span);
      }
    }
    layout.walk(headers, all.size());
    for (String[] p : layout.problems) {
      b.finding("", p[0], p[1]);
    }
    // Entries that share bytes expand together past what each is allowed alone: bound them all
    // by the ratio limit times the archive's size (honest entries, which never overlap, cannot
    // reach that bound without one of them breaking the per-entry limit first).
    long[] expanded = overlap(spans) ? new long[] {0} : null;
    long archiveSize = ch.size();
    refuseDeclaredBombs(file, indexer, zip, all, local, expanded != null, archiveSize);
    jdk.expect(all.size());
    String counts = jdk.takeDisagreement();
    if (counts != null) {
      b.finding("", "zip-readers-disagree", counts);
    }
    for (int i = 0; i < local.length; i++) {
      ZipArchiveEntry e = all.get(i);
      // Another reader's name for the entry: CP437 for a name with no UTF-8 flag. Where the name
      // is not UTF-8 it is the name we report; else readers that take it see another name.
      String cp437 = cp437(e);
      boolean utf8 = cp437 == null || ArchiveIndexer.isUtf8(e.getRawName());
      String name = utf8 ? e.getName() : cp437;
      jdk.next(e);
      String other = jdk.takeDisagreement();
      if (other != null) {
        b.finding(name, "zip-readers-disagree", other);
      }
      if (ZipLayout.zip64Fields(e.getCentralDirectoryExtra()).size() > 1) {
        b.finding(
            name,
            "zip-readers-disagree",
            "two zip64 extra fields, where one is allowed: a reader may take either for the"
                + " sizes and the offset of the local header");
      }
      Map<String, String> m = new HashMap<>();
      describe(e, m);
      // Commons Compress is told not to read local headers: their extra field is ours.
      m.put("localExtra", ArchiveIndexer.hex(local[i].extra));
      m.values().removeIf(v -> v == null);
      local[i].report(name, b);
      unicodePath(e, name, local[i].extra, b);
      int fileType =
          e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & 0170000 : 0;
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
      org.opentransparency.verifier.archive.ArchiveEntry entry =
          new org.opentransparency.verifier.archive.ArchiveEntry(name, type, e.getSize(), null, m);
      if (!zip.canReadEntryData(e)) {
        b.finding(
            name,
            "unreadable-entry",
            "entry data cannot be read (unsupported method or encryption)");
        b.add(entry, InputStream.nullInputStream(), 0, -1);
        continue;
      }
      boolean ours =
          local[i].dataStart >= 0
              && (e.getMethod() == ZipEntry.STORED || e.getMethod() == ZipEntry.DEFLATED);
      try (InputStream in =
          ours
              ? new ZipEntryData(
                  ch,
                  local[i].dataStart,
                  e.getCompressedSize(),
                  e.getMethod() == ZipEntry.DEFLATED,
                  local[i].descriptor)
              : zip.getInputStream(e)) {
        // Inflated no further than a byte past the declared size: a header that lies about a
        // bomb behind it is a size-mismatch, found without inflating the bomb.
        ArchiveIndexer.DeclaredSize capped =
            new ArchiveIndexer.DeclaredSize(in, e.getSize(), /* refuse= */ false);
        InputStream content =
            expanded == null
                ? capped
                : indexer
                .new WholeArchiveRatio(
                    capped, expanded, archiveSize, String.valueOf(file.getFileName()), name);
        b.add(entry, content, 0, e.getCompressedSize());
        if (cp437 != null && utf8) {
          b.alsoKnownAs(name, cp437, "to readers that decode a name with no UTF-8 flag as CP437");
        }
        // Where the data overran its size, its end and CRC are not read: size-mismatch says it.
        if (ours && !capped.overran()) {
          ZipEntryData data = (ZipEntryData) in;
          String end = data.finish();
          if (end != null) {
            b.finding(name, "zip-readers-disagree", end);
          }
          if (data.crc() != e.getCrc()) {
            b.finding(
                name,
                "crc-mismatch",
                String.format(
                    java.util.Locale.ROOT,
                    "the data's CRC-32 is %08x, the central record says %08x: readers that check"
                        + " it refuse the entry",
                    data.crc(),
                    e.getCrc()));
          }
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
    overlapsAndGaps(spans, layout.directory, b);
    String comment = archiveComment(ch);
    if (comment != null && !comment.isEmpty()) {
      b.properties.put("comment", comment);
    }
    return b.build();
  }

  /**
   * Refuses, before any entry's data is read, a zip whose headers declare a bomb: a compressed
   * entry that the central directory or its local header (zip64 fields included) says expands past
   * the ratio limit, sizes that together pass the total limit, or, where entries overlap, sizes
   * that together pass the ratio limit times the archive's size. These are the checks reading
   * makes, on the sizes a reader that trusts the headers would go by; entries that cannot be read
   * (encrypted, unsupported methods) are not read, and not counted.
   */
  private static void refuseDeclaredBombs(
      Path file,
      ArchiveIndexer indexer,
      ZipFile zip,
      List<ZipArchiveEntry> all,
      LocalHeader[] local,
      boolean overlap,
      long archiveSize)
      throws IOException {
    long declared = 0;
    for (int i = 0; i < local.length; i++) {
      ZipArchiveEntry e = all.get(i);
      if (!zip.canReadEntryData(e)) {
        continue;
      }
      String name = reportedName(e);
      // Stored data is read for its compressed size and cannot expand: a larger size is a lie,
      // reported as size-mismatch when read, not a bomb.
      if (e.getMethod() != ZipEntry.STORED) {
        indexer.checkDeclared(name, e.getSize(), e.getCompressedSize(), "the central directory");
        indexer.checkDeclared(name, local[i].size, local[i].compressedSize, "its local header");
      }
      long size = Math.max(e.getSize(), local[i].size);
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
   * The JDK's reader over the same central directory, as a second opinion: the JDK (and so every
   * JVM loading a jar) must list the same records, in the same order, as Commons Compress, whose
   * records the index reports. Its entries are taken in step with ours; a record that differs in
   * name, method, sizes or CRC, or another count, is a disagreement. Where the JDK cannot open the
   * zip (it is stricter about names), there is no second opinion.
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
        // A zip the JDK refuses (it is stricter about headers): Commons Compress reads it all.
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
                "entries in the central directory: %d by the JDK's zip reader, %d by Commons Compress",
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

    /** Takes the JDK's record in step with {@code e}; a record that differs is a disagreement. */
    void next(ZipArchiveEntry e) {
      if (entries == null || !entries.hasMoreElements()) {
        return;
      }
      java.util.zip.ZipEntry j;
      try {
        j = entries.nextElement();
      } catch (RuntimeException x) {
        // The JDK decodes an entry's comment only as it lists it, and refuses one that is not
        // UTF-8: Commons Compress reads the rest.
        entries = null;
        return;
      }
      boolean same =
          j.getName().equals(e.getName())
              && j.getMethod() == e.getMethod()
              && j.getSize() == e.getSize()
              && j.getCompressedSize() == e.getCompressedSize()
              && j.getCrc() == e.getCrc();
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
  private static String cp437(ZipArchiveEntry e) {
    byte[] raw = e.getRawName();
    if (e.getGeneralPurposeBit().usesUTF8ForNames()
        || !java.nio.charset.Charset.isSupported("IBM437")) {
      return null;
    }
    for (byte c : raw) {
      if (c < 0) {
        return new String(raw, java.nio.charset.Charset.forName("IBM437"));
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
    String cp437 = cp437(e);
    return cp437 == null || ArchiveIndexer.isUtf8(e.getRawName()) ? e.getName() : cp437;
  }

  /** Whether any two entries' spans (from local header to the end of the data) overlap. */
  private static boolean overlap(List<long[]> spans) {
    List<long[]> sorted = new ArrayList<>(spans);
    sorted.sort((x, y) -> Long.compare(x[0], y[0]));
    long end = Long.MIN_VALUE;
    for (long[] s : sorted) {
      if (s[0] < end) {
        return true;
      }
      end = Math.max(end, s[1]);
    }
    return false;
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
   * Reports an Info-ZIP Unicode Path extra field that names the entry otherwise than its header:
   * tools that honour the field (Info-ZIP unzip, some installers) and tools that do not (the JDK)
   * would then see two different names for the same bytes. For a streamed entry, whose extra fields
   * are the local header's.
   */
  static void unicodePath(ZipArchiveEntry e, ArchiveIndexer.Builder b) {
    unicodePath(e.getName(), List.of(e.getExtraFields()), b);
  }

  /** As {@link #unicodePath(ZipArchiveEntry, ArchiveIndexer.Builder)}, for both headers. */
  private static void unicodePath(
      ZipArchiveEntry e, String name, byte[] localExtra, ArchiveIndexer.Builder b) {
    List<ZipExtraField> fields = new ArrayList<>(List.of(e.getExtraFields()));
    if (localExtra.length > 0) {
      try {
        fields.addAll(
            List.of(
                ExtraFieldUtils.parse(
                    localExtra, true, ExtraFieldUtils.UnparseableExtraField.READ)));
      } catch (java.util.zip.ZipException | RuntimeException x) {
        // Extra data that does not parse as fields holds no Unicode Path field.
      }
    }
    unicodePath(name, fields, b);
  }

  private static void unicodePath(
      String name, List<ZipExtraField> fields, ArchiveIndexer.Builder b) {
    for (ZipExtraField f : fields) {
      if (f instanceof UnicodePathExtraField) {
        byte[] u = ((UnicodePathExtraField) f).getUnicodeName();
        String unicode = u == null ? "" : new String(u, StandardCharsets.UTF_8);
        if (!unicode.equals(name)) {
          b.finding(
              name,
              "unicode-path-mismatch",
              "the Unicode Path extra field names it '"
                  + unicode
                  + "'; tools that read that field see another name");
          return;
        }
      }
    }
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
    static LocalHeader read(SeekableByteChannel ch, ZipArchiveEntry e, ByteBuffer h)
        throws IOException {
      long offset = e.getLocalHeaderOffset();
      byte[] centralName = e.getRawName();
      int expected = 30 + centralName.length + e.getCentralDirectoryExtra().length;
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
      if (method != e.getMethod()) {
        differs.add("method " + method + " vs " + e.getMethod());
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
        if (crc != e.getCrc()) {
          differs.add("crc");
        }
        if (csize != e.getCompressedSize()) {
          differs.add("compressed size " + csize + " vs " + e.getCompressedSize());
        }
        if (usize != e.getSize()) {
          differs.add("size " + usize + " vs " + e.getSize());
        }
      }
      long dataStart = offset + 30 + nameLen + extraLen;
      long dataEnd = dataStart + Math.max(0, e.getCompressedSize());
      long spanEnd = dataEnd;
      if (descriptor) {
        int length = descriptor(ch, dataEnd, e, zip64 != null, method == ZipEntry.STORED);
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
        SeekableByteChannel ch, long at, ZipArchiveEntry e, boolean zip64, boolean stored)
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
      if (n < length || (d.getInt(i) & 0xffffffffL) != e.getCrc()) {
        return -1;
      }
      long csize = zip64 ? d.getLong(i + 4) : d.getInt(i + 4) & 0xffffffffL;
      long usize = zip64 ? d.getLong(i + 12) : d.getInt(i + 8) & 0xffffffffL;
      return csize == e.getCompressedSize() && usize == e.getSize() ? length : -1;
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

  private static void overlapsAndGaps(
      List<long[]> spans, long directory, ArchiveIndexer.Builder b) {
    spans.sort((x, y) -> Long.compare(x[0], y[0]));
    long expected = spans.isEmpty() ? 0 : spans.get(0)[0];
    if (expected > 0) {
      b.finding(
          "",
          "unreferenced-bytes",
          expected + " bytes before the first entry are not in the central directory");
    }
    for (long[] s : spans) {
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

  /** The archive comment from the end of central directory record, if any. */
  private static String archiveComment(FileChannel ch) throws IOException {
    long size = ch.size();
    int window = (int) Math.min(size, 22 + 65535);
    ByteBuffer tail = ByteBuffer.allocate(window).order(ByteOrder.LITTLE_ENDIAN);
    ch.read(tail, size - window);
    for (int i = window - 22; i >= 0; i--) {
      if (tail.getInt(i) == 0x06054b50) {
        int len = tail.getShort(i + 20) & 0xffff;
        if (i + 22 + len <= window) {
          return new String(tail.array(), i + 22, len, StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
