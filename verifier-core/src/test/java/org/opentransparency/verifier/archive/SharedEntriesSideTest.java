package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;

/**
 * A side's index takes a shared entry's content only where everything that decides it is its own
 * entry's: the offset of its data, the method, both sizes, whether a descriptor follows.
 */
class SharedEntriesSideTest {
  @Test
  void get_onlyWithEveryFieldAsRead_andOnce() throws IOException {
    Path jar = TestData.path("demo/release/demo-app-1.0.jar");
    List<SharedEntries.Data> plain =
        ZipIndex.plainEntries(jar, new ArchiveIndexer(Limits.defaults()), 0);
    SharedEntries.Data d = plain.get(plain.size() - 1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    SharedEntries s;
    try {
      s = SharedEntries.of(jar, jar, Limits.defaults(), pool, 0);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(plain.size(), s.count());
    SharedEntries.Side side = s.right();
    int i = d.index();
    long at = d.dataStart();
    boolean deflated = d.deflated();
    long cs = d.compressedSize();
    long size = d.size();
    boolean desc = d.descriptor();
    assertNull(side.get(i + 1, at, deflated, cs, size, desc));
    assertNull(side.get(i, at + 1, deflated, cs, size, desc));
    assertNull(side.get(i, at, !deflated, cs, size, desc));
    assertNull(side.get(i, at, deflated, cs + 1, size, desc));
    assertNull(side.get(i, at, deflated, cs, size - 1, desc));
    assertNull(side.get(i, at, deflated, cs, size, !desc));
    SharedEntries.Hashed h = side.get(i, at, deflated, cs, size, desc);
    assertNotNull(h);
    assertEquals(size, h.count());
    assertEquals(d.crc(), h.crc());
    assertNull(side.get(i, at, deflated, cs, size, desc), "taken once");
    assertNotNull(
        s.left().get(i, at, deflated, cs, size, desc), "the other side's copy is its own");
  }

  /**
   * Nothing is read ahead of a zip its index refuses before reading any data, or whose entries
   * share bytes: a bomb must cost no more here than it does the index.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "zip-overlap-bomb.zip",
        "bomb-zip64.zip",
        "zip-deflate-bomb.zip",
        "zip-size-lie-huge.zip"
      })
  void plainEntries_bombs_none(String attack) throws IOException {
    Path p = TestData.path("attacks/out/" + attack);
    assertNull(ZipIndex.plainEntries(p, new ArchiveIndexer(Limits.defaults()), 0));
  }

  /** Entries stored in fewer bytes than {@link SharedEntries#FROM_BYTES} are read by each side. */
  @Test
  void of_smallEntries_notShared() throws IOException {
    Path jar = TestData.path("demo/release/demo-app-1.0.jar");
    List<SharedEntries.Data> all =
        ZipIndex.plainEntries(jar, new ArchiveIndexer(Limits.defaults()), 0);
    long large = all.stream().filter(d -> d.compressedSize() >= SharedEntries.FROM_BYTES).count();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertTrue(large > 0 && large < all.size(), large + " of " + all.size());
      assertEquals(large, SharedEntries.of(jar, jar, Limits.defaults(), pool).count());
      assertEquals(all.size(), SharedEntries.of(jar, jar, Limits.defaults(), pool, 0).count());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void of_notBothZips_sharesNothing() throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Path jar = TestData.path("demo/release/demo-app-1.0.jar");
      Path tgz = TestData.path("archives/out/tgz-left.tar.gz");
      assertEquals(0, SharedEntries.of(jar, tgz, Limits.defaults(), pool).count());
      assertEquals(0, SharedEntries.of(tgz, tgz, Limits.defaults(), pool).count());
      Limits few = Limits.defaults().toBuilder().maxEntries(3).build();
      assertEquals(0, SharedEntries.of(jar, jar, few, pool, 0).count());
    } finally {
      pool.shutdownNow();
    }
  }
}
