package org.opentransparency.verifier.archive;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.TestData;

/**
 * Detection's shortcut: bytes that start no format are answered without Commons Compress, and every
 * fixture format still gets past the shortcut to be detected.
 */
class ArchiveFormatTest {
  @ParameterizedTest
  @CsvSource({
    "archives/out/app-left.war, zip",
    "archives/out/meta-left.tar, tar",
    "archives/out/tgz-left.tar.gz, gzip",
    "archives/out/txz-right.tar.xz, xz",
    "archives/out/tbz-left.tar.bz2, bzip2",
    "archives/out/tzst-left.tar.zst, zstd",
    "archives/out/tpzst-left.tar.zst, zstd",
    "demo/release/demo-app-1.0.jar, zip",
    "demo/release/RELEASE-NOTES.txt, none",
    "signatures/openpgp/data.txt, none",
  })
  void fixtures_detectedAsBefore(String fixture, String format) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(TestData.path(fixture)))) {
      assertEquals(format, ArchiveFormat.detect(in).id());
    }
  }

  @Test
  void aStreamShorterThanABlock_isNotReadWithTheBytesLeftInTheBuffer() throws IOException {
    // The buffer is reused from entry to entry, and what a tar header left in it is still there
    // when a short text is read into it: the text is detected as what it is, and given back.
    byte[] head = new byte[512];
    try (InputStream in =
        new BufferedInputStream(
            Files.newInputStream(TestData.path("archives/out/meta-left.tar")))) {
      assertEquals(ArchiveFormat.TAR, ArchiveFormat.detect(in, head));
    }
    InputStream text =
        new BufferedInputStream(new java.io.ByteArrayInputStream("hello\n".getBytes(US_ASCII)));
    assertEquals(ArchiveFormat.NONE, ArchiveFormat.detect(text, head));
    assertEquals('h', text.read());
  }

  /**
   * The compressors are told apart by their own signature checks, not by Commons Compress's
   * factory: for the head of every fixture, and for the magic numbers of every compressor the
   * factory knows, both name the same one of ours, or none.
   */
  @Test
  void compressors_asCommonsCompressesFactoryDetectsThem() throws IOException {
    java.util.List<byte[]> heads = new java.util.ArrayList<>();
    try (var files = Files.walk(TestData.path("archives/out"))) {
      for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          try (InputStream in = Files.newInputStream(f)) {
            heads.add(in.readNBytes(512));
          }
        }
      }
    }
    int[][] magic = {
      {0x1f, 0x8b, 8, 0}, // gzip
      {'B', 'Z', 'h', '9', '1', 'A', 'Y'}, // bzip2
      {0xfd, '7', 'z', 'X', 'Z', 0}, // xz
      {0x28, 0xb5, 0x2f, 0xfd}, // zstd frame
      {0x5e, 0x2a, 0x4d, 0x18, 4, 0, 0, 0}, // zstd (and LZ4) skippable frame
      {0x04, 0x22, 0x4d, 0x18}, // LZ4 frame
      {0x5d, 0, 0, 0x80, 0}, // LZMA
      {0x1f, 0x9d}, // compress (.Z)
      {0x78, 0x9c}, // zlib
      {0xca, 0xfe, 0xd0, 0x0d}, // pack200
      {0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'}, // framed snappy
    };
    for (int[] m : magic) {
      byte[] head = new byte[512];
      for (int i = 0; i < m.length; i++) {
        head[i] = (byte) m[i];
      }
      heads.add(head);
      heads.add(java.util.Arrays.copyOf(head, m.length));
    }
    for (byte[] head : heads) {
      String factory;
      try {
        factory =
            org.apache.commons.compress.compressors.CompressorStreamFactory.detect(
                new java.io.ByteArrayInputStream(head));
      } catch (org.apache.commons.compress.compressors.CompressorException e) {
        factory = "";
      }
      // Past the shortcut, that is: a head it refuses never reaches a compressor's check.
      String expected =
          !ArchiveFormat.mayBeArchive(head)
              ? "not a compressor"
              : switch (factory) {
                case "gz" -> "gzip";
                case "bzip2" -> "bzip2";
                case "xz" -> "xz";
                case "zstd" -> "zstd";
                default -> "not a compressor";
              };
      ArchiveFormat ours =
          ArchiveFormat.detect(new BufferedInputStream(new java.io.ByteArrayInputStream(head)));
      String got = ours.isCompressor() ? ours.id() : "not a compressor";
      assertEquals(
          expected,
          got,
          "head " + java.util.HexFormat.of().formatHex(head, 0, Math.min(12, head.length)));
    }
  }

  /**
   * A skippable frame is zstd only with a zstd frame after it, as pzstd writes (any of the 16
   * skippable magic numbers); alone, before an LZ4 frame, cut short or claiming more than the head,
   * the file is no compressed stream of ours: it is compared as its bytes, never as zstd holding
   * nothing.
   */
  @ParameterizedTest
  @CsvSource({
    "50, 04000000 aabbccdd 28b52ffd, zstd",
    "5e, 04000000 aabbccdd 28b52ffd, zstd",
    "5f, 00000000 28b52ffd, zstd",
    "5e, 04000000 aabbccdd, none",
    "50, 04000000 aabbccdd 04224d18, none",
    "50, 04000000 aabbccdd 28b5, none",
    "50, ffffffff 28b52ffd, none",
    "50, 0400, none",
    "4e, 04000000 aabbccdd 28b52ffd, none",
  })
  void skippableFrame_isZstdOnlyBeforeAZstdFrame(String first, String rest, String format)
      throws IOException {
    byte[] head = java.util.HexFormat.of().parseHex(first + "2a4d18" + rest.replace(" ", ""));
    assertEquals(
        format,
        ArchiveFormat.detect(new BufferedInputStream(new java.io.ByteArrayInputStream(head))).id());
    byte[] block = java.util.Arrays.copyOf(head, 512);
    assertEquals(
        format.equals("zstd"),
        ArchiveFormat.detect(new BufferedInputStream(new java.io.ByteArrayInputStream(block)))
            == ArchiveFormat.ZSTD);
  }

  /**
   * A block that starts with a skippable frame and no zstd frame, made to pass for a tar header too
   * (a valid checksum): it gets past the shortcut that way, and is still no zstd, which would read
   * as holding nothing whatever the block carries. A zstd frame after the skippable one, in the
   * same kind of block, is zstd.
   */
  @Test
  void skippableFrameInABlockThatPassesForTar_isNoZstd() throws IOException {
    assertEquals(ArchiveFormat.ZSTD, detectTarLike(false));
    assertTrue(ArchiveFormat.ZSTD != detectTarLike(true));
  }

  private static ArchiveFormat detectTarLike(boolean skippableOnly) throws IOException {
    byte[] block = new byte[512];
    byte[] start =
        java.util.HexFormat.of()
            .parseHex(skippableOnly ? "502a4d18f8010000" : "502a4d180400000000000000" + "28b52ffd");
    System.arraycopy(start, 0, block, 0, start.length);
    java.util.Arrays.fill(block, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    byte[] checksum = String.format(java.util.Locale.ROOT, "%06o", sum).getBytes(US_ASCII);
    System.arraycopy(checksum, 0, block, 148, 6);
    block[154] = 0;
    assertTrue(ArchiveFormat.mayBeArchive(block), "passes the shortcut");
    return ArchiveFormat.detect(new BufferedInputStream(new java.io.ByteArrayInputStream(block)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PK\u0003\u0004", "BZh91AY", "!<arch>\n", "070701"})
  void magicNumbers_passTheShortcut(String head) {
    assertTrue(ArchiveFormat.mayBeArchive(head.getBytes(US_ASCII)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"package org.example;", "<?xml version='1.0'?>", "#!/bin/sh"})
  void text_isNoArchive(String head) {
    byte[] block = new byte[512];
    byte[] text = (head + " ").repeat(64).getBytes(US_ASCII);
    System.arraycopy(text, 0, block, 0, 512);
    assertFalse(ArchiveFormat.mayBeArchive(block));
    assertFalse(ArchiveFormat.mayBeArchive(head.getBytes(US_ASCII)));
  }
}
