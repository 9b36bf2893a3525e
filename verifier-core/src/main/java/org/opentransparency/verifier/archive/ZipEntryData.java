package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A stored or deflated zip entry's data, read from where its local header ends for exactly its
 * compressed size, and inflated by the JDK's {@link Inflater} (the system's zlib, as the JDK's own
 * {@code ZipFile} uses). Reading the bytes ourselves, from the offset of the record the index
 * reports, leaves no room for another reader's idea of where the data lies; and it tells where the
 * deflate stream ends. A stream that ends before the compressed size does leaves bytes that a
 * reader of local headers (the JDK's {@code ZipInputStream}, libarchive) takes for the next entry:
 * {@link #finish()} reports them.
 */
final class ZipEntryData extends InputStream {
  private static final int CHUNK = 64 * 1024;
  private static final int DESCRIPTOR = 0x08074b50;

  private final Source ch;
  private final long end;
  private final long compressedSize;
  private long position;
  private final Inflater inflater;
  private final byte[] chunk;
  private final byte[] drain;
  private final long maxRatio;
  private boolean dummyFed;
  private boolean eof;

  /**
   * For stored data with a data descriptor: the last bytes read, to find a descriptor (signature,
   * CRC, and sizes equal to the data before it) inside the data, where a reader of local headers
   * that looks for one would end the entry.
   */
  private final boolean watchDescriptor;

  private final byte[] recent = new byte[32];
  private long seen;
  private boolean descriptorInside;

  private final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
  private long produced;

  /**
   * @param deflated whether the data is deflated, else stored
   * @param descriptor whether a data descriptor follows (general purpose bit 3)
   * @param scratch the buffers and inflater of the archive, which this entry has until the next
   */
  /**
   * Where the data is read from: a file's positional reads ({@code FileChannel::read}, which
   * threads may share), or the window an archive's headers are read through, which holds the data
   * of small entries already ({@link BufferedReadChannel#read(ByteBuffer, long)}).
   */
  @FunctionalInterface
  interface Source {
    /** Reads into {@code dst} from {@code position} of the file; -1 at its end. */
    int read(ByteBuffer dst, long position) throws IOException;
  }

  ZipEntryData(
      Source ch,
      long start,
      long compressedSize,
      boolean deflated,
      boolean descriptor,
      Scratch scratch) {
    this.ch = ch;
    this.position = start;
    this.end = start + compressedSize;
    this.compressedSize = compressedSize;
    this.inflater = deflated ? scratch.inflater : null;
    if (inflater != null) {
      // Whatever the last entry left (it may have stopped mid-stream) is forgotten.
      inflater.reset();
    }
    this.chunk = scratch.chunk;
    this.drain = scratch.drain;
    this.maxRatio = scratch.maxRatio;
    this.watchDescriptor = !deflated && descriptor;
  }

  /**
   * The buffers and the inflater that the entries of one archive, read one after another, share: a
   * zip of 33,000 small entries made as many inflaters (each with zlib's 32 KiB window outside the
   * heap) and ~2 GB of buffers.
   */
  static final class Scratch implements java.io.Closeable {
    private final long maxRatio;
    private final byte[] chunk = new byte[CHUNK];
    private final byte[] drain = new byte[8192];
    private final Inflater inflater = new Inflater(true);

    /** Buffers for the entries of one archive, whose limit on expansion is {@code maxRatio}. */
    Scratch(long maxRatio) {
      this.maxRatio = maxRatio;
    }

    @Override
    public void close() {
      inflater.end();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (eof) {
      return -1;
    }
    int n = inflater == null ? readStored(b, off, len) : inflate(b, off, len);
    if (n > 0) {
      crc.update(b, off, n);
      produced += n;
    }
    return n;
  }

  /** The data's bytes read so far (all of them, after {@link #finish()}). */
  long produced() {
    return produced;
  }

  /** The CRC-32 of the data read so far. */
  long crc() {
    return crc.getValue();
  }

  private int readStored(byte[] b, int off, int len) throws IOException {
    int want = (int) Math.min(len, end - position);
    if (want == 0) {
      eof = true;
      return -1;
    }
    int n = ch.read(ByteBuffer.wrap(b, off, want), position);
    if (n < 0) {
      throw new ZipException("entry data runs past the end of the file");
    }
    position += n;
    if (watchDescriptor) {
      watch(b, off, n);
    }
    return n;
  }

  private void watch(byte[] b, int off, int n) {
    for (int i = off; i < off + n && !descriptorInside; i++) {
      recent[(int) (seen & 31)] = b[i];
      seen++;
      // A descriptor of 16 bytes (4-byte sizes) or 24 (8-byte sizes) ending here, whose sizes
      // are both the count of data bytes before its signature.
      descriptorInside = descriptorEndsHere(16, 4) || descriptorEndsHere(24, 8);
    }
  }

  /** The little-endian number of {@code bytes} bytes at data offset {@code at}, of the last 32. */
  private long recentNumber(long at, int bytes) {
    long v = 0;
    for (int k = bytes - 1; k >= 0; k--) {
      v = v << 8 | (recent[(int) ((at + k) & 31)] & 0xff);
    }
    return v;
  }

  private boolean descriptorEndsHere(int length, int sizeBytes) {
    long start = seen - length;
    if (start < 0 || recentNumber(start, 4) != DESCRIPTOR) {
      return false;
    }
    return recentNumber(start + 8, sizeBytes) == start
        && recentNumber(start + 8 + sizeBytes, sizeBytes) == start;
  }

  private int inflate(byte[] b, int off, int len) throws IOException {
    try {
      while (true) {
        int n = inflater.inflate(b, off, len);
        if (n > 0) {
          return n;
        }
        if (inflater.finished()) {
          eof = true;
          return -1;
        }
        if (inflater.needsDictionary()) {
          throw new ZipException("deflated data needs a preset dictionary");
        }
        if (inflater.needsInput()) {
          fill();
        }
      }
    } catch (DataFormatException e) {
      throw new ZipException("invalid deflated data: " + e.getMessage());
    }
  }

  private void fill() throws IOException {
    if (position < end) {
      int want = (int) Math.min(chunk.length, end - position);
      int n = ch.read(ByteBuffer.wrap(chunk, 0, want), position);
      if (n < 0) {
        throw new ZipException("entry data runs past the end of the file");
      }
      position += n;
      inflater.setInput(chunk, 0, n);
    } else if (!dummyFed) {
      // With nowrap, zlib may want one byte past the stream to report its end (Inflater's
      // documentation); Commons Compress and the JDK's ZipFile feed it the same way.
      dummyFed = true;
      chunk[0] = 0;
      inflater.setInput(chunk, 0, 1);
    } else {
      throw new ZipException("deflated data ends before its stream does (truncated entry)");
    }
  }

  /**
   * Reads what is left and says how the data does not end where the record says: deflated data
   * whose stream ends early, or stored data with a data descriptor that holds a descriptor's
   * signature (a reader of local headers ends the entry there). Null when it ends as it should.
   */
  String finish() throws IOException {
    // What the caller left (a directory's or a link's data) is read here, no further than an
    // honest entry expands.
    long budget =
        compressedSize > (Long.MAX_VALUE - ArchiveIndexer.RATIO_FLOOR) / maxRatio
            ? Long.MAX_VALUE
            : ArchiveIndexer.RATIO_FLOOR + maxRatio * compressedSize;
    for (int n; (n = read(drain, 0, drain.length)) >= 0; ) {
      budget -= n;
      if (budget < 0) {
        return "the entry's data expands more than "
            + maxRatio
            + " times its size (not read further)";
      }
    }
    if (inflater != null) {
      long left = (end - position) + inflater.getRemaining() - (dummyFed ? 1 : 0);
      if (left > 0) {
        return "the deflate stream ends "
            + left
            + " bytes before the entry's compressed size does: readers of local headers take"
            + " those bytes for what follows";
      }
      if (left < 0) {
        // zlib took the padding byte as data: the stream is one byte longer than the record.
        return "the deflate stream runs past the entry's compressed size: readers that stop"
            + " there fail";
      }
    } else if (descriptorInside) {
      return "stored data with a data descriptor holds a descriptor's signature: readers of"
          + " local headers end the entry there";
    }
    return null;
  }

  /** Leaves the inflater, which belongs to the archive's {@link Scratch}, as it is. */
  @Override
  public void close() {}
}
