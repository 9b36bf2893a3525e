package org.opentransparency.verifier.compare;

import static java.util.Objects.requireNonNull;

/** One metadata field that differs, with both values (null where a side lacks it). */
public record FieldDiff(String field, String left, String right) {
  public FieldDiff {
    requireNonNull(field, "field");
  }
}
