package org.opentransparency.verifier.archive;

/** What an archive entry is. */
public enum EntryType {
  FILE("file"),
  DIRECTORY("directory"),
  SYMLINK("symlink"),
  HARDLINK("hardlink"),
  OTHER("other");

  private final String id;

  EntryType(String id) {
    this.id = id;
  }

  /** The JSON id. */
  public String id() {
    return id;
  }
}
