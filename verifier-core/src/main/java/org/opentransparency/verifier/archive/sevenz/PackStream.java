package org.opentransparency.verifier.archive.sevenz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One packed stream: the bytes {@code [start, start + size)} of the archive file, read through a
 * buffer of its own by position (several packed streams of one folder are read at once). The
 * single-byte read is cheap, as LZMA's range decoder reads byte by byte.
 */
final class PackStream extends InputStream {
  private static final int BUFFER = 64 * 1024;

  private final FileChannel file;
  private final byte[] buf;
  private final ByteBuffer wrapped;
  private long next;
  private long left;
  private int pos;
  private int lim;

  PackStream(FileChannel file, long start, long size) {
    this.file = file;
    this.next = start;
    this.left = size;
    this.buf = new byte[(int) Math.min(BUFFER, Math.max(size, 16))];
    this.wrapped = ByteBuffer.wrap(buf);
  }

  private boolean fill() throws IOException {
    if (left == 0) {
      return false;
    }
    wrapped.clear();
    wrapped.limit((int) Math.min(buf.length, left));
    int n = file.read(wrapped, next);
    if (n <= 0) {
      throw new IOException("the archive ends inside a packed stream");
    }
    next += n;
    left -= n;
    pos = 0;
    lim = n;
    return true;
  }

  @Override
  public int read() throws IOException {
    if (pos == lim && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == lim && !fill()) {
      return -1;
    }
    int n = Math.min(len, lim - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return lim - pos;
  }

  @Override
  public void close() {
    // The archive owns the file.
  }
}
