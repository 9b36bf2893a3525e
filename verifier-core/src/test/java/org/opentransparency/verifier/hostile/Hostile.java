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
