package org.opentransparency.verifier.archive.sevenz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The BCJ2 decoder on its own, against streams made here by a small BCJ2 encoder (the inverse
 * transform, with LZMA's range encoder for the bits); the fixtures bcj2*.7z test it against 7-Zip.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Bcj2InputStreamTest {

  /** LZMA's range encoder: what BCJ2's fourth stream holds. */
  static final class RangeEncoder {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long low;
    private long range = 0xFFFFFFFFL;
    private int cache;
    private long cacheSize = 1;

    void encode(int[] probs, int i, int bit) {
      int p = probs[i];
      long bound = (range >>> 11) * p;
      if (bit == 0) {
        range = bound;
        probs[i] = p + ((2048 - p) >>> 5);
      } else {
        low += bound;
        range -= bound;
        probs[i] = p - (p >>> 5);
      }
      while (range < 1 << 24) {
        range = (range << 8) & 0xFFFFFFFFL;
        shiftLow();
      }
    }

    private void shiftLow() {
      if (low < 0xFF000000L || low > 0xFFFFFFFFL) {
        int carry = (int) (low >>> 32);
        int temp = cache;
        do {
          out.write((temp + carry) & 0xFF);
          temp = 0xFF;
        } while (--cacheSize != 0);
        cache = (int) ((low >>> 24) & 0xFF);
      }
      cacheSize++;
      low = (low & 0x00FFFFFFL) << 8;
    }

    byte[] finish() {
      for (int i = 0; i < 5; i++) {
        shiftLow();
      }
      return out.toByteArray();
    }
  }

  /**
   * Splits {@code code} into BCJ2's four streams, converting the branches {@code convert} picks.
   */
  static byte[][] encode(byte[] code, IntPredicate convert) {
    ByteArrayOutputStream main = new ByteArrayOutputStream();
    ByteArrayOutputStream call = new ByteArrayOutputStream();
    ByteArrayOutputStream jump = new ByteArrayOutputStream();
    RangeEncoder rc = new RangeEncoder();
    int[] probs = new int[258];
    Arrays.fill(probs, 1024);
    int prev = 0;
    int i = 0;
    while (i < code.length) {
      int b = code[i++] & 0xff;
      main.write(b);
      boolean marker = (b & 0xFE) == 0xE8 || (prev == 0x0F && (b & 0xF0) == 0x80);
      if (!marker || i == code.length) {
        prev = b;
        continue;
      }
      int index = b == 0xE8 ? prev : b == 0xE9 ? 256 : 257;
      boolean yes = i + 4 <= code.length && convert.test(i);
      rc.encode(probs, index, yes ? 1 : 0);
      if (!yes) {
        prev = b;
        continue;
      }
      int rel =
          (code[i] & 0xff)
              | (code[i + 1] & 0xff) << 8
              | (code[i + 2] & 0xff) << 16
              | (code[i + 3] & 0xff) << 24;
      int abs = rel + i + 4;
      ByteArrayOutputStream to = b == 0xE8 ? call : jump;
      to.write(abs >>> 24);
      to.write(abs >>> 16);
      to.write(abs >>> 8);
      to.write(abs);
      prev = code[i + 3] & 0xff;
      i += 4;
    }
    return new byte[][] {main.toByteArray(), call.toByteArray(), jump.toByteArray(), rc.finish()};
  }

  static InputStream decoder(byte[][] streams, long size) throws IOException {
    InputStream[] in = new InputStream[4];
    for (int i = 0; i < 4; i++) {
      in[i] = new ByteArrayInputStream(streams[i]);
    }
    return new Bcj2InputStream(in, size);
  }

  /** Code-like bytes: branch opcodes with targets among a few, between filler. */
  static byte[] code(long seed, int size) {
    Random r = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < size) {
      int kind = r.nextInt(4);
      int target = 0x1000 * (1 + r.nextInt(4)) - out.size();
      if (kind == 0) {
        out.write(0xE8);
      } else if (kind == 1) {
        out.write(0xE9);
      } else if (kind == 2) {
        out.write(0x0F);
        out.write(0x80 | r.nextInt(16));
      }
      if (kind < 3) {
        out.write(target);
        out.write(target >>> 8);
        out.write(target >>> 16);
        out.write(target >>> 24);
      }
      for (int k = r.nextInt(6); k > 0; k--) {
        out.write(r.nextInt(256));
      }
    }
    return Arrays.copyOf(out.toByteArray(), size);
  }

  @Test
  void everyBranchConverted_decodesToTheCode() throws IOException {
    byte[] code = code(1, 50_000);

    byte[] out = decoder(encode(code, i -> true), code.length).readAllBytes();

    assertArrayEquals(code, out);
  }

  @Test
  void someBranchesConverted_decodesToTheCode() throws IOException {
    byte[] code = code(2, 50_000);

    byte[] out = decoder(encode(code, i -> i % 3 == 0), code.length).readAllBytes();

    assertArrayEquals(code, out);
  }

  @Test
  void smallReads_decodeTheSame() throws IOException {
    byte[] code = code(3, 20_000);
    InputStream in = decoder(encode(code, i -> i % 2 == 0), code.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[7];

    for (int n; (n = in.read(buf, 0, 1 + out.size() % 7)) > 0; ) {
      out.write(buf, 0, n);
    }

    assertArrayEquals(code, out.toByteArray());
  }

  /** A converted target ending in 0F, then 8x: the pair is a Jcc opcode, as 7-Zip reads it. */
  @Test
  void aTargetEndingIn0F_makesTheNextByteAJcc() throws IOException {
    byte[] code = {0x55, (byte) 0xE8, 0x10, 0x20, 0x30, 0x0F, (byte) 0x85, 1, 2, 3, 4, 0x00};

    byte[][] streams = encode(code, i -> true);

    assertEquals(8, streams[1].length + streams[2].length); // the call and the Jcc
    assertArrayEquals(code, decoder(streams, code.length).readAllBytes());
  }

  @Test
  void aBranchOpcodeAsTheLastByte_needsNoBit() throws IOException {
    byte[] code = {1, 2, 3, (byte) 0xE8};

    assertArrayEquals(code, decoder(encode(code, i -> true), code.length).readAllBytes());
  }

  @Test
  void aTruncatedCallStream_isDamaged() throws IOException {
    byte[] code = code(4, 5_000);
    byte[][] streams = encode(code, i -> true);
    streams[1] = Arrays.copyOf(streams[1], streams[1].length - 3);

    IOException e =
        assertThrows(IOException.class, () -> decoder(streams, code.length).readAllBytes());

    assertEquals(
        true, e.getMessage().startsWith("the BCJ2 call stream ends early"), e.getMessage());
  }

  @Test
  void aShortMainStream_isDamaged() throws IOException {
    byte[] code = code(5, 5_000);
    byte[][] streams = encode(code, i -> true);

    IOException e =
        assertThrows(IOException.class, () -> decoder(streams, code.length + 10).readAllBytes());

    assertEquals(
        true, e.getMessage().startsWith("the BCJ2 main stream ends early"), e.getMessage());
  }

  /**
   * 7-Zip fails where a stream holds bytes past what the output needs or the range coder does not
   * end at 0: such streams decoded here to the same output, which the verifier vouched for.
   */
  @Test
  void streamsThatDoNotEndAs7ZipChecks_areDamaged() throws IOException {
    byte[] code = code(6, 5_000);
    byte[][] honest = encode(code, i -> i % 2 == 0);
    for (int s = 0; s < 4; s++) {
      byte[][] streams = honest.clone();
      // Up to 4 bytes of the range coder's flush may follow what decoding needs; 5 may not.
      streams[s] = Arrays.copyOf(streams[s], streams[s].length + (s == 3 ? 5 : 1));

      assertThrows(IOException.class, () -> decoder(streams, code.length).readAllBytes());
    }
    byte[][] flipped = honest.clone();
    flipped[3] = honest[3].clone();
    flipped[3][flipped[3].length - 1] ^= 1;

    IOException e =
        assertThrows(IOException.class, () -> decoder(flipped, code.length).readAllBytes());

    assertEquals("BCJ2 data is damaged (its range coder does not end at 0)", e.getMessage());
    assertArrayEquals(code, decoder(honest, code.length).readAllBytes());
  }

  @Test
  void aRangeCoderNotStartingWithZero_isDamaged() {
    byte[][] streams = {{1}, {}, {}, {1, 0, 0, 0, 0}};

    IOException e = assertThrows(IOException.class, () -> decoder(streams, 1));

    assertEquals("BCJ2 data is damaged (its range coder does not start with 0)", e.getMessage());
  }

  @Test
  void aRangeCoderStartingAtAllOnes_isDamaged() throws IOException {
    byte[][] streams = {{1}, {}, {}, {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}};

    IOException e = assertThrows(IOException.class, () -> decoder(streams, 1));

    assertEquals("BCJ2 data is damaged (bad range coder start)", e.getMessage());
    byte[][] honest = {{1}, {}, {}, {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE}};
    decoder(honest, 1).close();
  }

  /** A byte past the end of any one of the four streams, named by the message. */
  @Test
  void aByteAfterAnyStream_isNamed() throws IOException {
    byte[] code = code(6, 5_000);
    byte[][] honest = encode(code, i -> i % 2 == 0);
    String[] names = {"main", "call", "jump", "range coder"};
    for (int s = 0; s < 4; s++) {
      byte[][] streams = honest.clone();
      streams[s] = Arrays.copyOf(streams[s], streams[s].length + (s == 3 ? 5 : 1));

      IOException e =
          assertThrows(IOException.class, () -> decoder(streams, code.length).readAllBytes());

      assertEquals(
          "BCJ2 data is damaged (bytes follow the end of its " + names[s] + " stream)",
          e.getMessage());
    }
    assertArrayEquals(code, decoder(honest, code.length).readAllBytes());
  }

  /**
   * Up to 4 bytes of the range coder's final flush past what decoding needs: p7zip 16.02 writes
   * such archives and tests them as good (testdata/archives/kept/bcj2-rc-flush.7z).
   */
  @Test
  void aFewFlushBytesAfterTheRangeCoder_areRead() throws IOException {
    byte[] code = code(6, 5_000);
    byte[][] honest = encode(code, i -> i % 2 == 0);
    for (int extra = 1; extra <= 4; extra++) {
      byte[][] streams = honest.clone();
      streams[3] = Arrays.copyOf(streams[3], streams[3].length + extra);

      assertArrayEquals(code, decoder(streams, code.length).readAllBytes());
    }
  }
}
