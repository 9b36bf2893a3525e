package org.opentransparency.verifier.archive.sevenz;

import java.io.IOException;
import java.util.BitSet;
import java.util.Locale;

/**
 * A cursor over a 7z header held in memory. Every read checks that the bytes are there: a header
 * that ends early is an {@link IOException}, never an index out of bounds.
 */
final class HeaderBuffer {
  private final byte[] data;
  private int pos;
  private final int limit;

  HeaderBuffer(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.limit = offset + length;
  }

  int remaining() {
    return limit - pos;
  }

  int position() {
    return pos;
  }

  byte[] data() {
    return data;
  }

  private void need(long n) throws IOException {
    if (n < 0 || n > limit - pos) {
      throw new IOException(
          String.format(Locale.ROOT, "the header ends %d bytes early", n - (limit - pos)));
    }
  }

  int readByte() throws IOException {
    need(1);
    return data[pos++] & 0xff;
  }

  /** 7z's variable-length number: the first byte's leading ones count the bytes that follow. */
  long readNumber() throws IOException {
    int first = readByte();
    int mask = 0x80;
    long value = 0;
    for (int i = 0; i < 8; i++) {
      if ((first & mask) == 0) {
        long high = first & (mask - 1);
        return value | (high << (8 * i));
      }
      value |= (long) readByte() << (8 * i);
      mask >>>= 1;
    }
    return value;
  }

  /** A number that must fit what it counts: at most {@code max}, else the header is damaged. */
  int readCount(String what, long max) throws IOException {
    long n = readNumber();
    if (n < 0 || n > max || n > Integer.MAX_VALUE - 8) {
      throw new IOException(
          String.format(
              Locale.ROOT, "the header declares %s of %s", what, Long.toUnsignedString(n)));
    }
    return (int) n;
  }

  int readUInt32() throws IOException {
    need(4);
    int v =
        (data[pos] & 0xff)
            | (data[pos + 1] & 0xff) << 8
            | (data[pos + 2] & 0xff) << 16
            | (data[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  long readUInt64() throws IOException {
    long low = readUInt32() & 0xffffffffL;
    long high = readUInt32() & 0xffffffffL;
    return low | high << 32;
  }

  void skip(long n) throws IOException {
    need(n);
    pos += (int) n;
  }

  /** {@code n} bits, the first in a byte's highest bit. */
  BitSet readBits(int n) throws IOException {
    need((n + 7L) / 8);
    BitSet bits = new BitSet(n);
    for (int i = 0; i < n; i++) {
      if ((data[pos + i / 8] & (0x80 >>> (i % 8))) != 0) {
        bits.set(i);
      }
    }
    pos += (n + 7) / 8;
    return bits;
  }

  /** An "all defined" byte, then a bit vector unless it is set: which of {@code n} items. */
  BitSet readDefined(int n) throws IOException {
    if (readByte() != 0) {
      BitSet all = new BitSet(n);
      all.set(0, n);
      return all;
    }
    return readBits(n);
  }

  /** A sub-buffer of the next {@code n} bytes, skipped here. */
  HeaderBuffer slice(long n) throws IOException {
    need(n);
    HeaderBuffer s = new HeaderBuffer(data, pos, (int) n);
    pos += (int) n;
    return s;
  }
}
