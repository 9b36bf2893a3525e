package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;

/**
 * Container and compression formats, told apart by their magic bytes through Commons Compress,
 * never by file name.
 */
public enum ArchiveFormat {
  ZIP("zip"),
  TAR("tar"),
  AR("ar"),
  CPIO("cpio"),
  SEVEN_Z("7z"),
  GZIP("gzip"),
  BZIP2("bzip2"),
  XZ("xz"),
  ZSTD("zstd"),
  /** A directory on disk, compared like an archive. */
  DIRECTORY("directory"),
  /** Not a format we read as a container: compared as bytes. */
  NONE("none");

  private final String id;

  ArchiveFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  boolean isCompressor() {
    return this == GZIP || this == BZIP2 || this == XZ || this == ZSTD;
  }

  /**
   * The format of the stream's first bytes; the stream must support mark and is reset.
   *
   * @throws IOException if reading fails
   */
  public static ArchiveFormat detect(InputStream in) throws IOException {
    return detect(in, new byte[512]);
  }

  /**
   * As {@link #detect(InputStream)}, reading the first bytes into {@code head} (512 bytes, whose
   * contents are overwritten), not a new array: this runs for every entry of every archive.
   */
  static ArchiveFormat detect(InputStream in, byte[] head) throws IOException {
    in.mark(512);
    int n = in.readNBytes(head, 0, 512);
    in.reset();
    byte[] read = n == 512 ? head : Arrays.copyOf(head, n); // not what an earlier entry left
    if (!mayBeArchive(read)) {
      // Most entries of a release archive (sources, classes, text) start with none of the magic
      // bytes: answer without Commons Compress, whose detection allocates a tar reader and
      // throws an exception for each of them.
      return NONE;
    }
    // The compressors' own signature checks, on the first 12 bytes as CompressorStreamFactory's
    // detection reads them, in its order; the four magic numbers exclude one another and the
    // formats it checks besides. Not the factory itself: it refers to the Brotli reader, whose
    // decoder we do not ship, so that class fails verification, no AOT cache can hold it, and
    // every start of a cache holding the factory opened our jar to look for it
    // (docs/benchmarks.md, "Help and the rarer commands on their caches").
    int signature = Math.min(n, 12);
    if (BZip2CompressorInputStream.matches(head, signature)) {
      return BZIP2;
    }
    if (GzipCompressorInputStream.matches(head, signature)) {
      return GZIP;
    }
    if (XZCompressorInputStream.matches(head, signature)) {
      return XZ;
    }
    // Commons Compress takes a skippable frame alone for zstd too; we take it only before a zstd
    // frame (skippableThenZstdFrame), whichever way the head got past the shortcut (a block that
    // also passes for a tar header would).
    if (ZstdUtils.matches(head, signature)
        && (Arrays.equals(head, 0, 4, ZSTD_FRAME, 0, 4) || skippableThenZstdFrame(read))) {
      return ZSTD;
    }
    try {
      switch (ArchiveStreamFactory.detect(in)) {
        case ArchiveStreamFactory.ZIP:
        case ArchiveStreamFactory.JAR:
          return ZIP;
        case ArchiveStreamFactory.TAR:
          return looksLikeTar(in) ? TAR : NONE;
        case ArchiveStreamFactory.AR:
          return AR;
        case ArchiveStreamFactory.CPIO:
          return CPIO;
        case ArchiveStreamFactory.SEVEN_Z:
          return SEVEN_Z;
        default:
          return NONE;
      }
    } catch (ArchiveException e) {
      return NONE;
    }
  }

  private static final byte[] USTAR = {'u', 's', 't', 'a', 'r'};

  /** Magic numbers at offset 0 of the formats {@link #detect} can answer (all but tar). */
  private static final byte[][] MAGIC = {
    {0x1f, (byte) 0x8b}, // gzip
    {'B', 'Z', 'h'}, // bzip2
    {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, // xz
    {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, // zstd
    {'P', 'K'}, // zip: local header, empty archive, spanned
    {'!', '<', 'a', 'r', 'c', 'h', '>'}, // ar
    {'0', '7', '0', '7', '0'}, // cpio (new ASCII, CRC, old ASCII)
    {(byte) 0xc7, 0x71}, // cpio, old binary (both byte orders)
    {0x71, (byte) 0xc7},
    {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c}, // 7z
  };

  /**
   * Whether the first bytes could begin a stream {@link #detect} answers with a format other than
   * NONE: one of the magic numbers at offset 0, or a 512-byte block that could be a tar header
   * (ustar magic, or a header checksum that adds up, as Commons Compress requires). Commons
   * Compress detects more formats (arj, dump, lzma, ...), which {@code detect} answers NONE for
   * anyway. A wrong "no" would only leave an entry compared as bytes, never a difference unseen.
   */
  static boolean mayBeArchive(byte[] head) {
    for (byte[] m : MAGIC) {
      if (head.length >= m.length && Arrays.equals(head, 0, m.length, m, 0, m.length)) {
        return true;
      }
    }
    if (skippableThenZstdFrame(head)) {
      return true;
    }
    if (head.length >= 512) {
      if (Arrays.equals(head, 257, 262, USTAR, 0, 5)) {
        return true;
      }
      // The checksum field holds octal digits, spaces and NULs: anything else is no tar header,
      // told without the exception Commons Compress throws for it.
      for (int i = 148; i < 156; i++) {
        byte c = head[i];
        if ((c < '0' || c > '7') && c != ' ' && c != 0) {
          return false;
        }
      }
      try {
        return org.apache.commons.compress.archivers.tar.TarUtils.verifyCheckSum(head);
      } catch (RuntimeException e) {
        return false; // a checksum field that is not octal: not a tar header
      }
    }
    return false;
  }

  /**
   * Whether {@code head} starts with a zstd skippable frame (magic 0x184D2A50 to 0x184D2A5F,
   * little-endian, then the frame's size), as pzstd starts its output, followed by a zstd frame
   * within the head. The zstd reader passes over skippable frames; but a file of skippable frames
   * alone would read as zstd holding nothing, so that any two such files, whatever they carry,
   * compared equal by content, and an LZ4 stream (whose skippable frames are the same) would not
   * read at all: without a zstd frame after it, the file is compared as the bytes it is.
   */
  static boolean skippableThenZstdFrame(byte[] head) {
    if (head.length < 8
        || (head[0] & 0xf0) != 0x50
        || head[1] != 0x2a
        || head[2] != 0x4d
        || head[3] != 0x18) {
      return false;
    }
    long size =
        (head[4] & 0xffL)
            | (head[5] & 0xffL) << 8
            | (head[6] & 0xffL) << 16
            | (head[7] & 0xffL) << 24;
    long next = 8 + size;
    return next + 4 <= head.length
        && Arrays.equals(head, (int) next, (int) next + 4, ZSTD_FRAME, 0, 4);
  }

  private static final byte[] ZSTD_FRAME = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

  /**
   * Commons Compress takes any 512-byte block with a valid checksum for tar; insist on the ustar
   * magic or a GNU/v7 header with a plausible checksum field, which real tars have.
   */
  private static boolean looksLikeTar(InputStream in) throws IOException {
    in.mark(512);
    byte[] block = in.readNBytes(512);
    in.reset();
    if (block.length < 512) {
      return false;
    }
    return Arrays.equals(block, 257, 262, USTAR, 0, 5) || block[148] != 0;
  }
}
