package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
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
    ArchiveIndexer.Builder b = indexer.new Builder(ArchiveFormat.ZIP, "");
    // Names come from the headers, as the JDK, Android and pip read them; a Unicode Path extra
    // field that says otherwise is a finding, never the name we report.
    try (ZipFile zip = ZipFile.builder().setPath(file).setUseUnicodeExtraFields(false).get();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      String comment;
      List<long[]> spans = new ArrayList<>();
      List<ZipArchiveEntry> all = Collections.list(zip.getEntries());
      // Entries that share bytes expand together past what each is allowed alone: bound them all
      // by the ratio limit times the archive's size (honest entries, which never overlap, cannot
      // reach that bound without one of them breaking the per-entry limit first).
      long[] expanded = overlap(all) ? new long[] {0} : null;
      long archiveSize = ch.size();
      for (ZipArchiveEntry e : all) {
        Map<String, String> m = new HashMap<>();
        describe(e, m);
        m.values().removeIf(v -> v == null);
        localHeader(ch, e, b, spans);
        unicodePath(e, b);
        EntryType type =
            e.isDirectory()
                ? EntryType.DIRECTORY
                : e.isUnixSymlink() ? EntryType.SYMLINK : EntryType.FILE;
        org.opentransparency.verifier.archive.ArchiveEntry entry =
            new org.opentransparency.verifier.archive.ArchiveEntry(
                e.getName(), type, e.getSize(), null, m);
        if (!zip.canReadEntryData(e)) {
          b.finding(
              e.getName(),
              "unreadable-entry",
              "entry data cannot be read (unsupported method or encryption)");
          b.add(entry, InputStream.nullInputStream(), 0, -1);
          continue;
        }
        try (InputStream in = zip.getInputStream(e)) {
          InputStream content =
              expanded == null
                  ? in
                  : indexer
                  .new WholeArchiveRatio(
                      in, expanded, archiveSize, String.valueOf(file.getFileName()), e.getName());
          b.add(entry, content, 0, e.getCompressedSize());
        }
      }
      overlapsAndGaps(spans, zip, b);
      comment = archiveComment(ch);
      if (comment != null && !comment.isEmpty()) {
        b.properties.put("comment", comment);
      }
    }
    return b.build();
  }

  /** Whether any two entries' data (from local header to the end of the data) overlap. */
  private static boolean overlap(List<ZipArchiveEntry> entries) {
    List<long[]> spans = new ArrayList<>();
    for (ZipArchiveEntry e : entries) {
      long start = e.getLocalHeaderOffset();
      long data = e.getDataOffset();
      if (start >= 0 && data >= start) {
        spans.add(new long[] {start, data + Math.max(0, e.getCompressedSize())});
      }
    }
    spans.sort((x, y) -> Long.compare(x[0], y[0]));
    long end = Long.MIN_VALUE;
    for (long[] s : spans) {
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
   * would then see two different names for the same bytes.
   */
  static void unicodePath(ZipArchiveEntry e, ArchiveIndexer.Builder b) {
    org.apache.commons.compress.archivers.zip.ZipExtraField f =
        e.getExtraField(org.apache.commons.compress.archivers.zip.UnicodePathExtraField.UPATH_ID);
    if (f instanceof org.apache.commons.compress.archivers.zip.UnicodePathExtraField) {
      byte[] u =
          ((org.apache.commons.compress.archivers.zip.UnicodePathExtraField) f).getUnicodeName();
      String unicode = u == null ? "" : new String(u, StandardCharsets.UTF_8);
      if (!unicode.equals(e.getName())) {
        b.finding(
            e.getName(),
            "unicode-path-mismatch",
            "the Unicode Path extra field names it '"
                + unicode
                + "'; tools that read that field see another name");
      }
    }
  }

  private static String methodName(int method) {
    ZipMethod zm = ZipMethod.getMethodByCode(method);
    return zm == null ? Integer.toString(method) : zm.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads the local header of {@code e} and reports how it disagrees with the central record. */
  private static void localHeader(
      FileChannel ch, ZipArchiveEntry e, ArchiveIndexer.Builder b, List<long[]> spans)
      throws IOException {
    long offset = e.getLocalHeaderOffset();
    ByteBuffer h = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    if (offset < 0 || ch.read(h, offset) != 30 || h.getInt(0) != LOCAL_HEADER) {
      b.finding(
          e.getName(),
          "local-header-missing",
          "no local header where the central directory points");
      return;
    }
    int flags = h.getShort(6) & 0xffff;
    int method = h.getShort(8) & 0xffff;
    long crc = h.getInt(14) & 0xffffffffL;
    long csize = h.getInt(18) & 0xffffffffL;
    long usize = h.getInt(22) & 0xffffffffL;
    int nameLen = h.getShort(26) & 0xffff;
    int extraLen = h.getShort(28) & 0xffff;
    ByteBuffer nb = ByteBuffer.allocate(nameLen);
    ch.read(nb, offset + 30);
    byte[] localName = nb.array();
    byte[] centralName = e.getRawName();
    List<String> differs = new ArrayList<>();
    if (!Arrays.equals(localName, centralName)) {
      differs.add("name '" + new String(localName, StandardCharsets.UTF_8) + "'");
    }
    if (method != e.getMethod()) {
      differs.add("method " + method + " vs " + e.getMethod());
    }
    boolean descriptor = (flags & 0x08) != 0;
    boolean zip64 = csize == 0xffffffffL || usize == 0xffffffffL;
    if (!descriptor && !zip64) {
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
    if (!differs.isEmpty()) {
      b.finding(
          e.getName(),
          "local-central-mismatch",
          "local header disagrees with the central directory: " + String.join(", ", differs));
    }
    long dataStart = offset + 30 + nameLen + extraLen;
    long end = dataStart + Math.max(0, e.getCompressedSize());
    spans.add(new long[] {offset, end});
  }

  private static void overlapsAndGaps(List<long[]> spans, ZipFile zip, ArchiveIndexer.Builder b) {
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
      // Data descriptors (12-24 bytes) may follow an entry's data.
      if (s[0] > expected + 24) {
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
