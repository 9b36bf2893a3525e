package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

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
    try {
      switch (CompressorStreamFactory.detect(in)) {
        case CompressorStreamFactory.GZIP:
          return GZIP;
        case CompressorStreamFactory.BZIP2:
          return BZIP2;
        case CompressorStreamFactory.XZ:
          return XZ;
        case CompressorStreamFactory.ZSTANDARD:
          return ZSTD;
        default:
          break;
      }
    } catch (CompressorException e) {
      // Not compressed.
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
    byte[] magic = Arrays.copyOfRange(block, 257, 262);
    return Arrays.equals(magic, "ustar".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        || block[148] != 0;
  }
}
