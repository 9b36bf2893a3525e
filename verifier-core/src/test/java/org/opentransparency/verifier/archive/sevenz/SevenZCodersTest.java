package org.opentransparency.verifier.archive.sevenz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.ArchiveFormat;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Every 7z that testdata/archives/make-7z-coders.sh made with 7-Zip, one per coder and filter and
 * container shape, holds the tree that tree.tar holds: the same content digest, the same bytes in
 * every entry, the same directories.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SevenZCodersTest {
  static final String DIR = "archives/7z-coders/";

  static Path fixture(String name) {
    return TestData.path(DIR + name);
  }

  /** The reference tree: every file's bytes and every directory, by name. */
  static Map<String, byte[]> tree(Set<String> directories) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(Files.newInputStream(fixture("tree.tar")))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        String name = e.getName().replaceAll("/$", "");
        if (e.isDirectory()) {
          directories.add(name);
        } else {
          files.put(name, tar.readAllBytes());
        }
      }
    }
    return files;
  }

  /** Every fixture that holds the tree: one per coder, filter and container shape. */
  static Stream<String> coders() {
    return Stream.of(
        // bsdtar's: a header of known size compressed with LZMA that ends with the end marker, as
        // 7-Zip reads it (xz-java refused the marker where the size is known).
        "bsdtar-deflate.7z",
        "bsdtar-bzip2.7z",
        "bsdtar-lzma1.7z",
        "bsdtar-ppmd.7z",
        "bsdtar-lzma2.7z",
        "copy.7z",
        "lzma.7z",
        "lzma2.7z",
        "ppmd.7z",
        "bzip2.7z",
        "deflate.7z",
        "deflate64.7z",
        "bcj.7z",
        "bcj2.7z",
        "arm.7z",
        "armt.7z",
        "arm64.7z",
        "riscv.7z",
        "ppc.7z",
        "sparc.7z",
        "ia64.7z",
        "delta.7z",
        "ppmd-nonsolid.7z",
        "ppmd-plain-header.7z",
        "ppmd-o32-mem24.7z",
        "ppmd-o2-mem16.7z",
        "ppmd-o16-mem20.7z",
        "chain-delta-ppmd.7z",
        "multi-folder.7z",
        "solid-2f.7z",
        "bcj2-plain-header.7z",
        "copy-plain-header.7z");
  }

  /**
   * Entries read in reverse order, and every other one, hold the same bytes as read in order: the
   * folder is decoded again from its start, or on from where it stands, as each read needs.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lzma2.7z", "solid-2f.7z", "multi-folder.7z"})
  void entriesReadOutOfOrder_holdTheSameBytes(String name) throws IOException {
    Map<String, byte[]> expected = tree(new TreeSet<>());
    try (SevenZArchive z = SevenZArchive.open(fixture(name), name, 1000, 1000)) {
      List<SevenZEntry> files =
          z.entries().stream().filter(e -> !e.isDirectory()).collect(Collectors.toList());
      List<SevenZEntry> reversed = new ArrayList<>(files);
      Collections.reverse(reversed);
      List<SevenZEntry> everyOther = new ArrayList<>();
      for (int i = 0; i < files.size(); i += 2) {
        everyOther.add(files.get(i));
      }
      for (List<SevenZEntry> order : List.of(reversed, everyOther, files)) {
        for (SevenZEntry e : order) {
          assertArrayEquals(expected.get(e.name()), z.read(e).readAllBytes(), name + ": " + e);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("coders")
  void everyEntry_holdsTheTreesBytes(String name) throws IOException {
    Set<String> directories = new TreeSet<>();
    Map<String, byte[]> expected = tree(directories);
    Map<String, byte[]> files = new TreeMap<>();
    Set<String> dirs = new TreeSet<>();

    try (SevenZArchive z = SevenZArchive.open(fixture(name), name, 1000, 1000)) {
      for (SevenZEntry e : z.entries()) {
        try (InputStream in = z.read(e)) {
          byte[] data = in.readAllBytes();
          if (e.isDirectory()) {
            dirs.add(e.name());
          } else {
            files.put(e.name(), data);
          }
          assertEquals(e.size(), data.length, e.name());
          assertEquals(Instant.parse("2026-01-01T00:00:00Z"), e.lastModified(), e.name());
        }
      }
    }

    assertEquals(directories, dirs);
    assertEquals(expected.keySet(), files.keySet());
    for (String f : expected.keySet()) {
      assertArrayEquals(expected.get(f), files.get(f), name + ": " + f);
    }
  }

  @ParameterizedTest
  @MethodSource("coders")
  void contentDigest_isTheTarsDigest(String name) throws IOException {
    String tar = ContentDigest.of(fixture("tree.tar"), Limits.defaults());

    String sevenZ = ContentDigest.of(fixture(name), Limits.defaults());

    assertEquals(tar, sevenZ);
  }

  @ParameterizedTest
  @MethodSource("coders")
  void compare_withTheTar_equivalent(String name) throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(
            fixture("tree.tar"), fixture(name), CompareOptions.builder().build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict(), name + ": " + r.entries());
    assertEquals(0, r.summary().modified() + r.summary().added() + r.summary().removed());
  }

  @Test
  void index_readsEntriesAsCommonsCompressDid() throws IOException {
    ArchiveIndex idx = new ArchiveIndexer(Limits.defaults()).index(fixture("ppmd.7z"));

    assertEquals(ArchiveFormat.SEVEN_Z, idx.format());
    assertTrue(idx.findings().isEmpty(), idx.findings().toString());
    assertEquals(
        "2026-01-01T00:00:00Z", idx.items().get("text/words.txt").entry().metadata().get("mtime"));
  }

  @Test
  void entries_outOfOrder_areReadAgain() throws IOException {
    Map<String, byte[]> expected = tree(new TreeSet<>());
    try (SevenZArchive z = SevenZArchive.open(fixture("ppmd.7z"), "ppmd.7z", 1000, 1000)) {
      SevenZEntry last = null;
      SevenZEntry first = null;
      for (SevenZEntry e : z.entries()) {
        if (e.size() > 0) {
          last = e;
          first = first == null ? e : first;
        }
      }

      byte[] lastData = z.read(last).readAllBytes();
      byte[] firstData = z.read(first).readAllBytes();

      assertArrayEquals(expected.get(last.name()), lastData);
      assertArrayEquals(expected.get(first.name()), firstData);
    }
  }

  @Test
  void encrypted_isRefusedByName() {
    for (String name : new String[] {"encrypted-fail.7z", "encrypted-header-fail.7z"}) {
      SevenZUnsupportedException e =
          assertThrows(
              SevenZUnsupportedException.class,
              () -> SevenZArchive.open(fixture(name), name, 1000, 1000).close());
      assertEquals(name + ": encrypted 7z entries cannot be checked", e.getMessage());
    }
  }

  @Test
  void unknownCoder_isRefusedByName() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new ArchiveIndexer(Limits.defaults()).index(fixture("unknown-coder-fail.7z")));

    assertEquals(
        fixture("unknown-coder-fail.7z") + ": 7z coder 0x7f is not supported", e.getMessage());
  }
}
