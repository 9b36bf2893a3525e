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
