package org.opentransparency.verifier.compare;

import java.io.IOException;
import java.nio.file.Path;

/** Test access to comparisons with a chosen share of entries read once for both sides. */
public final class CompareAccess {
  private CompareAccess() {}

  /**
   * Compares {@code left} with {@code right}, the entries the two hold in the same bytes and store
   * in {@code shareFromBytes} or more read once for both; none when negative.
   */
  public static ComparisonResult compare(
      Path left, Path right, CompareOptions options, long shareFromBytes) throws IOException {
    return ArchiveComparator.compare(
        left, left.toString(), right, right.toString(), options, shareFromBytes);
  }
}
