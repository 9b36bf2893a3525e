package org.opentransparency.verifier.archive.sevenz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PPMd decoder on its own, over the packed stream 7-Zip wrote for ppmd-numbers.7z (`seq 1 6000`
 * with order 4 and a 64 KiB model, which fills up and restarts many times).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PpmdInputStreamTest {
  private static final int ORDER = 4;
  private static final int MEMORY = 1 << 16;

  private static final byte[] NUMBERS =
      IntStream.rangeClosed(1, 6000)
          .mapToObj(i -> i + "\n")
          .collect(Collectors.joining())
          .getBytes(StandardCharsets.US_ASCII);

  /** The archive's one packed stream: from the signature header to the (plain) header. */
  private static byte[] packed() throws IOException {
    byte[] a = Files.readAllBytes(SevenZCodersTest.fixture("ppmd-numbers.7z"));
    long headerOffset = ByteBuffer.wrap(a, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return Arrays.copyOfRange(a, 32, (int) (32 + headerOffset));
  }

  private static PpmdInputStream decoder(byte[] packed, byte[] memory, long size)
      throws IOException {
    return new PpmdInputStream(new ByteArrayInputStream(packed), ORDER, MEMORY, memory, size);
  }

  @Test
  void decodesWhat7ZipEncoded() throws IOException {
    byte[] out =
        decoder(packed(), new byte[PpmdInputStream.arraySize(MEMORY)], NUMBERS.length)
            .readAllBytes();

    assertArrayEquals(NUMBERS, out);
  }

  @Test
  void aReusedModelArray_decodesTheSame() throws IOException {
    byte[] dirty = new byte[PpmdInputStream.arraySize(MEMORY) + 1000];
    new Random(1).nextBytes(dirty);

    byte[] out = decoder(packed(), dirty, NUMBERS.length).readAllBytes();

    assertArrayEquals(NUMBERS, out);
  }

  @Test
  void byteByByteReads_decodeTheSame() throws IOException {
    InputStream in = decoder(packed(), new byte[PpmdInputStream.arraySize(MEMORY)], NUMBERS.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    for (int b; (b = in.read()) >= 0; ) {
      out.write(b);
    }

    assertArrayEquals(NUMBERS, out.toByteArray());
  }

  @Test
  void aFirstByteOtherThanZero_isDamaged() throws IOException {
    byte[] p = packed();
    p[0] = 1;

    IOException e =
        assertThrows(
            IOException.class, () -> decoder(p, new byte[PpmdInputStream.arraySize(MEMORY)], 10));

    assertEquals("PPMd data is damaged (its first byte is not 0)", e.getMessage());
  }

  @Test
  void aTruncatedStream_isDamaged() throws IOException {
    byte[] p = Arrays.copyOf(packed(), 2000);

    IOException e =
        assertThrows(
            IOException.class,
            () ->
                decoder(p, new byte[PpmdInputStream.arraySize(MEMORY)], NUMBERS.length)
                    .readAllBytes());

    assertEquals("the PPMd data is truncated", e.getMessage());
  }

  /**
   * 7-Zip fails on a PPMd stream that it reads past the end of, that does not end with its range
   * coder at 0, or that has bytes left over: each decoded to the same data here (zeros were read
   * past the end), so the CRC passed and the verifier vouched for what 7-Zip does not extract.
   */
  @Test
  void aStreamThatDoesNotEndAs7ZipChecks_isDamaged() throws IOException {
    byte[] p = packed();
    byte[] cut = Arrays.copyOf(p, p.length - 1);
    byte[] longer = Arrays.copyOf(p, p.length + 1);
    byte[] lastFlipped = p.clone();
    lastFlipped[p.length - 1] ^= 1;
    byte[] memory = new byte[PpmdInputStream.arraySize(MEMORY)];

    for (byte[] bad : new byte[][] {cut, longer, lastFlipped}) {
      assertThrows(
          IOException.class, () -> decoder(bad, memory, NUMBERS.length).readAllBytes(), "");
    }
    assertArrayEquals(NUMBERS, decoder(p, memory, NUMBERS.length).readAllBytes());
  }

  /** Noise after the first byte decodes to something or fails; it never escapes otherwise. */
  @Test
  void noise_endsInDataOrAnIOException() throws IOException {
    Random r = new Random(42);
    byte[] memory = new byte[PpmdInputStream.arraySize(MEMORY)];
    for (int i = 0; i < 300; i++) {
      byte[] noise = new byte[1 + r.nextInt(3000)];
      r.nextBytes(noise);
      noise[0] = 0;
      try {
        decoder(noise, memory, 20_000).readAllBytes();
      } catch (IOException e) {
        // Damaged, end mark early, or truncated: all documented.
      }
    }
  }

  /** A range coder that starts at 0xFFFFFFFF, which 7-Zip refuses; one byte less is read. */
  @Test
  void aRangeCoderStartingAtAllOnes_isDamaged() throws IOException {
    byte[] p = packed();
    byte[] bad = p.clone();
    Arrays.fill(bad, 1, 5, (byte) 0xFF);
    byte[] memory = new byte[PpmdInputStream.arraySize(MEMORY)];

    IOException e = assertThrows(IOException.class, () -> decoder(bad, memory, 10));

    assertEquals("PPMd data is damaged (bad range coder start)", e.getMessage());
    assertArrayEquals(NUMBERS, decoder(p, memory, NUMBERS.length).readAllBytes());
  }

  /** Each of the end checks, by its message: a byte past the end, a range coder not at 0. */
  @Test
  void theEndChecks_sayWhichFailed() throws IOException {
    byte[] p = packed();
    byte[] longer = Arrays.copyOf(p, p.length + 1);
    byte[] lastFlipped = p.clone();
    lastFlipped[p.length - 1] ^= 1;
    byte[] memory = new byte[PpmdInputStream.arraySize(MEMORY)];

    IOException after =
        assertThrows(
            IOException.class, () -> decoder(longer, memory, NUMBERS.length).readAllBytes());
    IOException notAtZero =
        assertThrows(
            IOException.class, () -> decoder(lastFlipped, memory, NUMBERS.length).readAllBytes());

    assertEquals("PPMd data is damaged (bytes follow its end)", after.getMessage());
    assertEquals(
        "PPMd data is damaged (it does not end where its size says)", notAtZero.getMessage());
    assertArrayEquals(NUMBERS, decoder(p, memory, NUMBERS.length).readAllBytes());
  }
}
