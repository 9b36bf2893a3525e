package org.opentransparency.verifier.compare;

/** The answer of a comparison (SPEC 3.2). */
public enum CompareVerdict {
  /** The same bytes. */
  IDENTICAL("identical"),
  /** The same entry paths with the same contents, recursively; only metadata differs. */
  EQUIVALENT("equivalent"),
  /** Contents differ, entries were added or removed, or the archives hold suspicious entries. */
  DIFFERENT("different");

  private final String id;

  CompareVerdict(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
