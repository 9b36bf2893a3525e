package org.opentransparency.verifier.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Gzip and bzip2 streams read as gzip and bzip2 read them where zeros follow the end. bsdtar pads
 * what it writes to a pipe or to stdout with zeros, after the compressor's end, to a multiple of
 * its 10240-byte block. {@code gzip -d} passes over zeros that run to the end of the file without a
 * word (exit 0), {@code bzip2 -d} over anything after its last stream with a warning (exit 0), and
 * GNU tar, bsdtar and Python's gzip and bz2 modules extract such a file.
 *
 * <p>Only zeros that run to the end, after the end of a gzip member or a bzip2 stream, are passed
 * over, at most {@link #MAX_ZEROS} of them. Any other byte there is refused as before, with Commons
 * Compress's message: gzip calls it "trailing garbage" and exits 2, and Python's gzip module reads
 * a member that follows zeros, which gzip does not. The zeros are read through the stream given,
 * never skipped, so that whatever counts or limits it (the ratio and total limits of the entry a
 * nested stream lies in) counts them too.
 */
final class TrailingZeros {
  static final String AFTER_GZIP = "Unexpected data after a valid .gz stream.";
  static final String AFTER_BZIP2 = "Unexpected data after a valid BZip2 stream";

  /**
   * The most zeros passed over after the end: bsdtar pads to its block, 10240 bytes unless told
   * otherwise (-b 128 makes it 64 KiB; up to -b 8192, 4 MiB, it may be told: a known limit, since
   * every zero is room under the ratio limit).
   */
  static final int MAX_ZEROS = 64 * 1024;

  private TrailingZeros() {}

  /** The gzip members of {@code in} one after another; zeros after the last are passed over. */
  static GzipCompressorInputStream gzip(InputStream in) throws IOException {
    // The gzip reader gives back what it read past a member only to a stream that marks; it reads
    // this one directly, so the bytes after a member are looked at where it left off. 64 KiB, not
    // the 8 KiB the gzip reader buffers itself: two 1 GiB tar.gz compared in 1.82 s, not 1.92 s
    // (docs/benchmarks.md). The compressed count under it runs up to that far ahead of the
    // decompressor, so the ratio limit stops a stream that passes it at most 64 KiB times the
    // ratio later, and exactly at its end.
    BufferedInputStream members = new BufferedInputStream(in, 1 << 16);
    return GzipCompressorInputStream.builder()
        .setInputStream(members)
        .setDecompressConcatenated(true)
        .setOnMemberEnd(
            gz -> {
              members.mark(1);
              int next = members.read();
              if (next == 0) {
                restAreZeros(members, AFTER_GZIP);
              } else {
                // The end, the next member's header, or what the reader refuses.
                members.reset();
              }
            })
        .get();
  }

  /** The bzip2 streams of {@code in} one after another; zeros after the last are passed over. */
  static InputStream bzip2(InputStream in) throws IOException {
    return new Bzip2Streams(new PushbackInputStream(in, 3));
  }

  /**
   * Reads {@code in} to its end, refusing with {@code after} at a byte that is not zero, and past
   * {@link #MAX_ZEROS} zeros (one zero, already read, before it).
   */
  private static void restAreZeros(InputStream in, String after) throws IOException {
    byte[] buf = new byte[8192];
    long zeros = 1;
    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
      for (int i = 0; i < n; i++) {
        if (buf[i] != 0) {
          throw new IOException(after);
        }
      }
      zeros += n;
      if (zeros > MAX_ZEROS) {
        // Padding is less than a block; more is no writer's, and each zero counted as compressed
        // input would give a bomb room under the ratio limit.
        throw new IOException(after + " (more than " + MAX_ZEROS + " zero bytes)");
      }
    }
  }

  /**
   * Bzip2 streams one after another. Commons Compress's reader of one stream reads its input a byte
   * at a time, no further than the stream's last byte, so what follows is read here, and the count
   * of compressed bytes read (for the ratio limit) is never ahead of the decompressor.
   */
  private static final class Bzip2Streams extends InputStream {
    private final PushbackInputStream in;
    private BZip2CompressorInputStream stream;

    Bzip2Streams(PushbackInputStream in) throws IOException {
      this.in = in;
      this.stream = new BZip2CompressorInputStream(in, /* decompressConcatenated= */ false);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (stream != null) {
        int n = stream.read(b, off, len);
        if (n >= 0) {
          return n;
        }
        stream = next();
      }
      return -1;
    }

    /** The stream after the one that ended, or null at the end of the input. */
    private BZip2CompressorInputStream next() throws IOException {
      int first = in.read();
      if (first < 0) {
        return null;
      }
      if (first == 0) {
        restAreZeros(in, AFTER_BZIP2);
        return null;
      }
      byte[] magic = {(byte) first, 0, 0};
      int n = 1 + in.readNBytes(magic, 1, 2);
      if (n < 3 || magic[0] != 'B' || magic[1] != 'Z' || magic[2] != 'h') {
        throw new IOException(AFTER_BZIP2);
      }
      in.unread(magic);
      return new BZip2CompressorInputStream(in, /* decompressConcatenated= */ false);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
