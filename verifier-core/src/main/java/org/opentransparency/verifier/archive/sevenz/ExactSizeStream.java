package org.opentransparency.verifier.archive.sevenz;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A coder's output, exactly as long as the header says: reads stop at its size, and a decoder that
 * ends early, or fails on damaged data with a runtime exception, is an {@link IOException}.
 */
final class ExactSizeStream extends BlockInputStream {
  private final InputStream in;
  private final String coder;
  private final long size;
  private long left;

  ExactSizeStream(InputStream in, long size, String coder) {
    this.in = in;
    this.size = size;
    this.left = size;
    this.coder = coder;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (left == 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = in.read(b, off, (int) Math.min(len, left));
    } catch (RuntimeException e) {
      // Decoders of other libraries fail on some damaged data with index or state errors.
      throw new IOException(coder + " data is damaged (" + e + ")", e);
    }
    if (n < 0) {
      throw new IOException(
          String.format(
              Locale.ROOT, "the %s data ends after %d of its %d bytes", coder, size - left, size));
    }
    left -= n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
