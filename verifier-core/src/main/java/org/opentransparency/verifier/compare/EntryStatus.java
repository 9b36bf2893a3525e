package org.opentransparency.verifier.compare;

/** How an entry differs between the two sides (SPEC 3.2). */
public enum EntryStatus {
  /** Same content and metadata. */
  SAME("same"),
  /** Same content, other metadata (listed as fields). */
  METADATA("metadata"),
  /** Other content. */
  MODIFIED("modified"),
  /** Only on the right. */
  ADDED("added"),
  /** Only on the left. */
  REMOVED("removed");

  private final String id;

  EntryStatus(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
