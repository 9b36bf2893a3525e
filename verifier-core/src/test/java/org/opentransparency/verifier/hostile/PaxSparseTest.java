package org.opentransparency.verifier.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opentransparency.verifier.hostile.Hostile.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * GNU tar's pax 1.0 sparse files (testdata/attacks/make-after-end.sh), read as tar extracts them:
 * where Commons Compress read them otherwise, the index held other bytes than a reviewer's tar.
 */
class PaxSparseTest {
  @Test
  void paxSparseFileInATarGz_readAsTheFileItHolds() throws IOException {
    // The decompressor hands out its bytes in pieces; Commons Compress took a short read of a
    // sparse entry's data for the end of an extent, and this honest archive was "truncated".
    ArchiveIndex idx = new ArchiveIndexer(Limits.defaults()).index(attack("sparse-pax-1.0.tar.gz"));

    assertEquals(List.of(), idx.findings());
    ArchiveIndex.Item item = idx.items().get("sparse.bin");
    assertEquals(7_864_320L, item.size());
    String expected =
        Files.readString(attack("sparse-pax-1.0.sha256"), StandardCharsets.US_ASCII).split(" ")[0];
    assertEquals(expected, item.sha256().hex());
  }

  /**
   * Commons Compress parses a pax sparse file's size as an int: a file over 2 GiB was "too damaged
   * to read: Unable to parse int from string value". Still refused, saying why.
   */
  @Test
  void paxSparseFileOver2GiB_refusedSayingWhy() {
    org.opentransparency.verifier.InvalidInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.opentransparency.verifier.InvalidInputException.class,
            () -> new ArchiveIndexer(Limits.defaults()).index(attack("sparse-3g-pax.tar")));

    assertEquals(
        "sparse-3g-pax.tar: archive too damaged to read: a pax sparse file of 3221225475 bytes:"
            + " larger than the 2 GiB our tar reader takes in a pax sparse header (not supported;"
            + " in GNU tar's own format, --format=gnu, up to 8 GiB are read)",
        e.getMessage());
  }

  @Test
  void mapOfExactlyOneBlock_readAsTarExtractsIt_andTheEntryAfterIt() throws IOException {
    // GNU tar writes no padding after a map that ends on a block boundary; Commons Compress
    // skipped a block of the file's data there, read the file shifted by 512 bytes and the next
    // header out of step. The digest is coreutils' over what GNU tar extracted.
    ArchiveIndex idx =
        new ArchiveIndexer(Limits.defaults()).index(attack("sparse-pax-1.0-aligned.tar.gz"));

    assertEquals(List.of(), idx.findings());
    assertEquals(List.of("sp.bin", "after.txt"), List.copyOf(idx.items().keySet()));
    assertEquals(2_686_976L, idx.items().get("sp.bin").size());
    assertEquals(
        Files.readString(attack("sparse-pax-1.0-aligned.h1"), StandardCharsets.US_ASCII).strip(),
        ContentDigest.of(attack("sparse-pax-1.0-aligned.tar.gz"), Limits.defaults()));
  }
}
