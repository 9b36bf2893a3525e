package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.LimitExceededException;
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

  @TempDir Path tmp;

  /** A zip of one entry, stored or deflated, dated {@code time}. */
  private Path zip(String file, byte[] content, boolean stored) throws IOException {
    Path p = tmp.resolve(file);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      ZipEntry e = new ZipEntry("rules.txt");
      if (stored) {
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        e.setCrc(crc.getValue());
      }
      e.setTime(0);
      out.putNextEntry(e);
      out.write(content);
      out.closeEntry();
    }
    return p;
  }

  private static String indexed(ArchiveIndex idx) {
    return idx.items().values().stream()
            .map(i -> i.entry().path() + " " + i.sha256() + " " + i.size())
            .toList()
        + " "
        + idx.findings();
  }

  /**
   * A file rewritten after its entries were read ahead (same length, its records untouched) is
   * indexed from the bytes it holds now, with the CRC-32 that no longer matches: never from the
   * bytes read ahead.
   */
  @Test
  void index_fileChangedAfterTheReadAhead_readsItsOwnBytes() throws Exception {
    byte[] content = "allow port 443\n".repeat(64).getBytes(StandardCharsets.US_ASCII);
    Path l = zip("left.zip", content, true);
    Path r = zip("right.zip", content, true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    SharedEntries s;
    try {
      s = SharedEntries.of(l, r, Limits.defaults(), pool);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, s.count());
    byte[] z = Files.readAllBytes(l);
    int at = indexOf(z, content);
    z[at] = 'd';
    z[at + 1] = 'e';
    z[at + 2] = 'n';
    z[at + 3] = 'y';
    Files.write(l, z);
    Files.setLastModifiedTime(
        l, FileTime.fromMillis(Files.getLastModifiedTime(l).toMillis() + 2000));

    String own = indexed(new ArchiveIndexer(Limits.defaults()).index(l));
    assertEquals(own, indexed(new ArchiveIndexer(Limits.defaults(), s.left()).index(l)));
    assertTrue(own.contains("crc-mismatch"), own);
    // The other side, unchanged, still takes what was read for it.
    assertEquals(
        indexed(new ArchiveIndexer(Limits.defaults()).index(r)),
        indexed(new ArchiveIndexer(Limits.defaults(), s.right()).index(r)));
  }

  /** A bomb that an entry's local header declares is refused unread: nothing is read ahead. */
  @Test
  void plainEntries_localHeaderDeclaresABomb_none() throws IOException {
    Path p = zip("bomb.zip", new byte[1 << 20], false);
    byte[] z = Files.readAllBytes(p);
    // The local header's sizes are in a data descriptor (the JDK streams them): declare the
    // uncompressed size in the header itself, 2 GiB, where the index reads it.
    ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(22, Integer.MAX_VALUE);
    Files.write(p, z);
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> new ArchiveIndexer(Limits.defaults()).index(p));
    assertTrue(e.getMessage().contains("local header declares"), e.getMessage());
    assertNull(ZipIndex.plainEntries(p, new ArchiveIndexer(Limits.defaults()), 0));
    assertNotNull(
        ZipIndex.plainEntries(
            zip("honest.zip", new byte[1 << 20], false), new ArchiveIndexer(Limits.defaults()), 0));
  }

  /** An entry stored in exactly the floor is read ahead; one byte less, not. */
  @Test
  void plainEntries_theFloor_isInclusive() throws IOException {
    Path p = zip("one.zip", new byte[700], true);
    ArchiveIndexer indexer = new ArchiveIndexer(Limits.defaults());
    assertEquals(1, ZipIndex.plainEntries(p, indexer, 700).size());
    assertEquals(0, ZipIndex.plainEntries(p, indexer, 701).size());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
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
