package org.opentransparency.verifier.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.TestData;

class ContentDigestTest {
  /** testdata/archives/out/h1.txt: h1 computed by coreutils over each archive, extracted. */
  @Test
  void of_archivesAndDirectory_equalIndependentComputation() throws IOException {
    List<String> failures = new ArrayList<>();
    List<String> lines = TestData.lines("archives/out/h1.txt");

    for (String line : lines) {
      String[] f = line.split(" ");
      String actual = ContentDigest.of(TestData.path("archives/out/" + f[0]), Limits.defaults());
      if (!actual.equals(f[1])) {
        failures.add(f[0] + " " + actual);
      }
    }

    assertEquals(8, lines.size());
    assertEquals(List.of(), failures);
  }

  @Test
  void of_duplicateNames_refused() {
    assertThrows(
        InvalidInputException.class,
        () ->
            ContentDigest.of(TestData.path("archives/out/duplicate-fail.zip"), Limits.defaults()));
  }

  /** Headers that disagree: readers may see other content, so there is no one digest. */
  @Test
  void of_archiveWithReadersDisagreeing_refused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                ContentDigest.of(
                    TestData.path("attacks/out/zip-local-name-mismatch.zip"), Limits.defaults()));
    assertTrue(e.getMessage().contains("good.txt: local header disagrees"), e.getMessage());
    assertTrue(e.getMessage().contains("(local-central-mismatch)"), e.getMessage());
  }

  /** A name that climbs out is carried in the digest as it is: the content is not ambiguous. */
  @Test
  void of_archiveWithADotDotName_hasItsDigest() throws IOException {
    assertTrue(
        ContentDigest.of(TestData.path("attacks/out/tar-pax-path-escape.tar"), Limits.defaults())
            .startsWith("h1:"));
  }

  @Test
  void of_plainFile_refused() {
    assertThrows(
        InvalidInputException.class,
        () -> ContentDigest.of(TestData.path("hash/files/abc"), Limits.defaults()));
  }
}
