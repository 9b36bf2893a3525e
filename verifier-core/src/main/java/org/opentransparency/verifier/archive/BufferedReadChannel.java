package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over a file that serves small reads from a window of the file held in memory.
 * Central directory records and local headers are read a few bytes at a time; through this, a
 * 33,000-entry central directory costs a few dozen system calls, not 100,000. Not thread-safe
 * (Commons Compress, which reads some zips through it, locks the channel it reads).
 */
final class BufferedReadChannel implements SeekableByteChannel {
  private static final int WINDOW = 64 * 1024;

  private final FileChannel file;
  private final byte[] window = new byte[WINDOW];
  private final ByteBuffer windowBuffer = ByteBuffer.wrap(window);
  private long windowStart;
  private int windowLength;
  private long position;

  /** Where the last read ended: reads that move on a little from there are read ahead. */
  private long lastEnd = -1;

  BufferedReadChannel(FileChannel file) {
    this.file = file;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int total = 0;
    while (dst.hasRemaining()) {
      if (position < windowStart || position >= windowStart + windowLength) {
        boolean onwards = position >= lastEnd && position - lastEnd < WINDOW;
        if (dst.remaining() >= WINDOW || !onwards) {
          // A large read gains nothing from the window, and neither does a jump: only reading
          // on from the last read fills it, so that headers in shuffled order cost one small
          // read each, never a window each.
          int n = file.read(dst, position);
          if (n <= 0) {
            break;
          }
          position += n;
          total += n;
          continue;
        }
        if (!fill()) {
          break;
        }
      }
      int offset = (int) (position - windowStart);
      int n = Math.min(dst.remaining(), windowLength - offset);
      dst.put(window, offset, n);
      position += n;
      total += n;
    }
    lastEnd = position;
    return total == 0 && dst.hasRemaining() ? -1 : total;
  }

  /**
   * Reads into {@code dst} from {@code at}, as {@link FileChannel#read(ByteBuffer, long)} does, and
   * leaves the position after what was read: an entry's data, read on from its local header, comes
   * from the window that header was read through.
   */
  int read(ByteBuffer dst, long at) throws IOException {
    return position(at).read(dst);
  }

  /** Reads the window at {@link #position}; false at the end of the file. */
  private boolean fill() throws IOException {
    windowBuffer.clear();
    windowStart = position;
    windowLength = 0;
    int n = file.read(windowBuffer, position);
    if (n <= 0) {
      return false;
    }
    windowLength = n;
    return true;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position");
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
