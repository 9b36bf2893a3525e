package org.opentransparency.verifier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a GNU dump directory's list of names is shown ({@code pax.GNU.dumpdir}). */
class DumpDirTextTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void dumpDirectoryLists_everyTwoToldApart() {
    // Bytes that are not UTF-8, and a backslash and 0 against a NUL.
    assertNotEquals(
        ArchiveIndexer.BoundedTarStream.dumpDirText(new byte[] {'Y', (byte) 0xff, 0}),
        ArchiveIndexer.BoundedTarStream.dumpDirText(new byte[] {'Y', (byte) 0xfe, 0}));
    assertNotEquals(
        ArchiveIndexer.BoundedTarStream.dumpDirText(bytes("Ya\\0")),
        ArchiveIndexer.BoundedTarStream.dumpDirText(bytes("Ya\0")));
    assertEquals(
        "Ya\\\\0|Ya\\0|\\xff",
        ArchiveIndexer.BoundedTarStream.dumpDirText(bytes("Ya\\0"))
            + "|"
            + ArchiveIndexer.BoundedTarStream.dumpDirText(bytes("Ya\0"))
            + "|"
            + ArchiveIndexer.BoundedTarStream.dumpDirText(new byte[] {(byte) 0xff}));
  }
}
