package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link ArchiveIndexer.ZeroWatch}: which bytes it watches, and that none passes unseen. */
class ZeroWatchTest {
  private static ArchiveIndexer.ZeroWatch watch(byte[] bytes) {
    return new ArchiveIndexer.ZeroWatch(new ByteArrayInputStream(bytes));
  }

  @Test
  void bytesBeforeFrom_notWatched_bytesAfter_are() throws IOException {
    byte[] b = new byte[100];
    b[10] = 1;
    b[70] = 2;
    ArchiveIndexer.ZeroWatch w = watch(b);
    w.watchFrom(50);

    w.readNBytes(100);

    assertEquals(70, w.firstNonZero());
  }

  @Test
  void notWatching_nothingNoted() throws IOException {
    byte[] b = new byte[100];
    b[10] = 1;
    ArchiveIndexer.ZeroWatch w = watch(b);

    w.readNBytes(100);

    assertEquals(-1, w.firstNonZero());
    assertEquals(100, w.offset());
  }

  @Test
  void skipWhileWatching_readsWhatItPasses() throws IOException {
    byte[] b = new byte[20_000];
    b[12_345] = 7;
    ArchiveIndexer.ZeroWatch w = watch(b);
    w.watchFrom(0);

    assertEquals(20_000, w.skip(20_000));

    assertEquals(12_345, w.firstNonZero());
  }

  @Test
  void singleByteReads_watchedWithTheirOffsets() throws IOException {
    ArchiveIndexer.ZeroWatch w = watch(new byte[] {0, 0, 5, 0});
    w.watchFrom(1);
    for (int i = 0; i < 4; i++) {
      w.read();
    }
    assertEquals(2, w.firstNonZero());
  }

  @Test
  void restNotZero_pastTheFirstBuffer_andFromThePresentOffset() throws IOException {
    byte[] b = new byte[50_000];
    b[5] = 1; // read before: not part of the rest
    b[40_000] = 1;
    ArchiveIndexer.ZeroWatch w = watch(b);
    w.readNBytes(10);

    assertEquals(40_000, w.restNotZero());
  }

  @Test
  void restNotZero_allZero_minusOne() throws IOException {
    ArchiveIndexer.ZeroWatch w = watch(new byte[30_000]);
    w.readNBytes(512);

    assertEquals(-1, w.restNotZero());
  }
}
