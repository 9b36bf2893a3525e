package org.opentransparency.verifier.archive.sevenz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** Builds and patches 7z archives byte by byte, with their CRCs right, for hostile cases. */
final class SevenZBytes {
  private SevenZBytes() {}

  /** A 7z of {@code packed} data followed by the plain {@code header}. */
  static byte[] archive(byte[] packed, byte[] header) {
    ByteBuffer b = ByteBuffer.allocate(32 + packed.length + header.length);
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4});
    b.putInt(0); // start header CRC, below
    b.putLong(packed.length);
    b.putLong(header.length);
    b.putInt(crc(header, 0, header.length));
    b.put(packed);
    b.put(header);
    byte[] a = b.array();
    return fixCrcs(a);
  }

  /** Recomputes the header's and the signature header's CRCs after a patch. */
  static byte[] fixCrcs(byte[] a) {
    ByteBuffer b = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
    long offset = b.getLong(12);
    long size = b.getLong(20);
    if (offset >= 0 && size >= 0 && 32 + offset + size <= a.length) {
      b.putInt(28, crc(a, (int) (32 + offset), (int) size));
    }
    b.putInt(8, crc(a, 12, 20));
    return a;
  }

  static int crc(byte[] a, int off, int len) {
    CRC32 c = new CRC32();
    c.update(a, off, len);
    return (int) c.getValue();
  }

  /** 7z's variable-length number. */
  static byte[] number(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (v < 0x80) {
      out.write((int) v);
      return out.toByteArray();
    }
    int extra = 1;
    while (extra < 8 && Long.compareUnsigned(v, 1L << (7 * (extra + 1))) >= 0) {
      extra++;
    }
    int first = (0xFF00 >> extra) & 0xFF;
    if (extra < 8) {
      first |= (int) (v >>> (8 * extra));
    }
    out.write(first);
    for (int i = 0; i < extra; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return out.toByteArray();
  }

  /** Concatenates bytes, numbers (as 7z numbers when given as Long) and ints (as single bytes). */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof byte[]) {
        out.writeBytes((byte[]) p);
      } else if (p instanceof Long) {
        out.writeBytes(number((Long) p));
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  static Path write(Path dir, String name, byte[] data) throws IOException {
    return Files.write(dir.resolve(name), data);
  }
}
