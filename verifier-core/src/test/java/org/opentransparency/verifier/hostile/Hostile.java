package org.opentransparency.verifier.hostile;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.opentransparency.verifier.TestData;

/** The attack corpus (testdata/attacks/make.sh) and the large hostile inputs made at test time. */
public final class Hostile {
  private Hostile() {}

  /** A committed attack, e.g. {@code attack("bomb.xz")}. */
  public static Path attack(String name) {
    return TestData.path("attacks/out/" + name);
  }

  /** A 512-byte tar header (GNU magic) with a valid checksum. */
  public static byte[] tarHeader(String name, long size, char type) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644\0");
    put(h, 108, "0000000\0");
    put(h, 116, "0000000\0");
    put(h, 124, String.format(Locale.ROOT, "%011o\0", size));
    put(h, 136, "15116320000\0");
    h[156] = (byte) type;
    put(h, 257, "ustar  \0");
    put(h, 148, "        ");
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format(Locale.ROOT, "%06o\0 ", sum));
    return h;
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }

  /** A tar where {@code links} GNU long-name headers precede one entry. */
  public static Path longNameChain(Path dir, int links) throws IOException {
    Path p = dir.resolve("chain.tar");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p))) {
      byte[] data = new byte[512];
      java.util.Arrays.fill(data, 0, 100, (byte) 'a');
      for (int i = 0; i < links; i++) {
        o.write(tarHeader("././@LongLink", 100, 'L'));
        o.write(data);
      }
      o.write(tarHeader("x.txt", 0, '0'));
      o.write(new byte[1024]);
    }
    return p;
  }

  /**
   * A tar.gz whose first header (GNU long name 'L' or pax 'x') holds {@code size} real bytes, in a
   * stream that compresses only about 60:1, so no ratio limit stops it first.
   */
  public static Path hugeHeader(Path dir, char type, long size) throws IOException {
    Path p = dir.resolve("huge-" + type + ".tar.gz");
    Random rnd = new Random(7);
    try (OutputStream o =
        new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(p)), 1 << 16)) {
      o.write(tarHeader(type == 'L' ? "././@LongLink" : "PaxHeaders/x", size, type));
      byte[] chunk = new byte[1 << 16];
      for (long w = 0; w < size; w += chunk.length) {
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = (byte) ('a' + (i % 61 == 0 ? rnd.nextInt(26) : 0));
        }
        if (type == 'x' && w == 0) {
          put(chunk, 0, size + " path=");
        }
        o.write(chunk, 0, (int) Math.min(chunk.length, size - w));
      }
      o.write(new byte[(int) (-size & 511)]);
      o.write(tarHeader("x.txt", 0, '0'));
      o.write(new byte[1024]);
    }
    return p;
  }

  /**
   * A zip of one zip64 entry, {@code zeros.bin}, that declares and holds {@code size} zeros (a
   * multiple of 16 MiB) deflated about 1030:1: 20 MB on disk for 20 GiB. Made without deflating
   * them all: 16 MiB of zeros deflated with a full flush is a block that stands alone, repeated.
   * Its CRC-32 is 0, not the data's: a bomb is refused before its data is read.
   */
  public static Path zip64Zeros(Path dir, long size) throws IOException {
    java.util.zip.Deflater d = new java.util.zip.Deflater(9, /* nowrap= */ true);
    d.setInput(new byte[16 << 20]);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    byte[] buf = new byte[64 << 10];
    for (int n; (n = d.deflate(buf, 0, buf.length, java.util.zip.Deflater.FULL_FLUSH)) > 0; ) {
      block.write(buf, 0, n);
    }
    d.end();
    byte[] end = {3, 0}; // a final, empty, fixed-Huffman block
    long copies = size / (16 << 20);
    long compressed = copies * block.size() + end.length;
    byte[] name = "zeros.bin".getBytes(StandardCharsets.US_ASCII);
    java.nio.ByteBuffer zip64 = java.nio.ByteBuffer.allocate(20);
    zip64.order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 16);
    zip64.putLong(size).putLong(compressed);
    java.nio.ByteBuffer local = header(0x04034b50, 30, name, zip64.array());
    java.nio.ByteBuffer central = header(0x02014b50, 46, name, zip64.array());
    java.nio.ByteBuffer eocd =
        java.nio.ByteBuffer.allocate(22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    eocd.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    eocd.putShort((short) 1).putShort((short) 1).putInt(central.capacity());
    eocd.putInt((int) (local.capacity() + compressed)).putShort((short) 0);
    Path p = dir.resolve("zeros-" + (size >> 30) + "g.zip");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
      o.write(local.array());
      for (long i = 0; i < copies; i++) {
        block.writeTo(o);
      }
      o.write(end);
      o.write(central.array());
      o.write(eocd.array());
    }
    return p;
  }

  /** A local (30) or central (46) header of a deflated entry whose sizes are in zip64 field. */
  private static java.nio.ByteBuffer header(int signature, int fixed, byte[] name, byte[] extra) {
    java.nio.ByteBuffer h =
        java.nio.ByteBuffer.allocate(fixed + name.length + extra.length)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    h.putInt(signature);
    if (fixed == 46) {
      h.putShort((short) 0x031e); // made by: Unix, 3.0
    }
    h.putShort((short) 45).putShort((short) 0).putShort((short) 8); // zip64; no flags; deflated
    h.putShort((short) 0).putShort((short) 0x5c21).putInt(0); // time, date (2026-01-01), CRC
    h.putInt(0xffffffff).putInt(0xffffffff); // sizes: see the zip64 field
    h.putShort((short) name.length).putShort((short) extra.length);
    if (fixed == 46) {
      // comment length, disk, internal attributes, external (mode 0644), local header offset
      h.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0100644 << 16).putInt(0);
    }
    return h.put(name).put(extra);
  }

  /**
   * A tar.gz of one entry of {@code members} x 16 MiB of zeros (less than 8 GiB, for the octal size
   * field): the header as a gzip member of its own, then the members of {@code bomb.gz}, then the
   * end-of-archive blocks; as gzip, tar and every reader of concatenated members read it.
   */
  public static Path tarGzOfZeros(Path dir, int members) throws IOException {
    byte[] member = Files.readAllBytes(attack("bomb.gz"));
    Path p = dir.resolve("zeros.tar.gz");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
      o.write(gzip(tarHeader("zeros.bin", (long) members << 24, '0')));
      for (int i = 0; i < members; i++) {
        o.write(member);
      }
      o.write(gzip(new byte[1024]));
    }
    return p;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(data);
    }
    return b.toByteArray();
  }

  /** {@code copies} copies of the file {@code member} end to end, as {@code name}. */
  public static Path repeated(Path dir, String name, Path member, int copies) throws IOException {
    byte[] one = Files.readAllBytes(member);
    Path p = dir.resolve(name);
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
      for (int i = 0; i < copies; i++) {
        o.write(one);
      }
    }
    return p;
  }

  /** {@code members} gzip members, each holding one byte, concatenated. */
  public static Path manyGzipMembers(Path dir, int members) throws IOException {
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(one)) {
      g.write('x');
    }
    Path p = dir.resolve("many.gz");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p))) {
      for (int i = 0; i < members; i++) {
        o.write(one.toByteArray());
      }
    }
    return p;
  }

  /** A JSON object whose member {@code a} nests {@code depth} arrays. */
  public static byte[] deepJson(int depth) {
    return ("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** A JSON object of exactly {@code size} bytes, most of them one string. */
  public static byte[] bigStringJson(int size) {
    return ("{\"payloadType\":\"" + "x".repeat(size - 18) + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
