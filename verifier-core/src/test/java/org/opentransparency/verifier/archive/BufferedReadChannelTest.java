package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads through the window give the file's bytes, at any position and length. */
class BufferedReadChannelTest {
  @TempDir Path dir;

  @Test
  void randomReads_matchTheFile() throws Exception {
    byte[] data = new byte[300_000];
    Random random = new Random(42);
    random.nextBytes(data);
    Path p = Files.write(dir.resolve("data.bin"), data);
    try (BufferedReadChannel ch = new BufferedReadChannel(FileChannel.open(p))) {
      assertEquals(data.length, ch.size());
      for (int i = 0; i < 2_000; i++) {
        int pos = random.nextInt(data.length + 10);
        // Mostly small reads, as a central directory gets; some larger than the window.
        int len = random.nextInt(10) == 0 ? random.nextInt(200_000) : random.nextInt(100);
        ByteBuffer dst = ByteBuffer.allocate(len);
        int n = ch.position(pos).read(dst);
        int expected = Math.min(len, Math.max(0, data.length - pos));
        if (len > 0 && expected == 0) {
          assertEquals(-1, n, "at the end");
        } else {
          assertEquals(expected, n);
          assertArrayEquals(
              Arrays.copyOfRange(data, pos, pos + expected), Arrays.copyOf(dst.array(), n));
          assertEquals(pos + expected, ch.position());
        }
      }
    }
  }

  @Test
  void readsGoingOnWithGaps_likeLocalHeaders_matchTheFile() throws Exception {
    byte[] data = new byte[500_000];
    Random random = new Random(7);
    random.nextBytes(data);
    Path p = Files.write(dir.resolve("headers.bin"), data);
    try (BufferedReadChannel ch = new BufferedReadChannel(FileChannel.open(p))) {
      int pos = 0;
      while (pos < data.length) {
        int len = 30 + random.nextInt(80);
        ByteBuffer dst = ByteBuffer.allocate(len);
        int n = ch.position(pos).read(dst);
        int expected = Math.min(len, data.length - pos);
        assertEquals(expected, n);
        assertArrayEquals(Arrays.copyOfRange(data, pos, pos + n), Arrays.copyOf(dst.array(), n));
        // The entry's data, skipped: mostly small, sometimes larger than the window.
        pos += len + (random.nextInt(20) == 0 ? 100_000 : random.nextInt(5_000));
      }
    }
  }
}
