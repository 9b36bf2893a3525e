package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/** What became of one path while hashing a tree: hashed, skipped, or failed to read. */
public sealed interface HashOutcome {
  /** The path as shown to the user: the argument given, joined with the path below it. */
  String name();

  /** A regular file, hashed. */
  record Hashed(String name, FileDigest digest) implements HashOutcome {
    public Hashed {
      requireNonNull(name, "name");
      requireNonNull(digest, "digest");
    }
  }

  /** A symbolic link or special file met below a directory; reported, never followed. */
  record Skipped(String name, String reason) implements HashOutcome {
    public Skipped {
      requireNonNull(name, "name");
      requireNonNull(reason, "reason");
    }
  }

  /** A path that could not be opened or read. */
  record Failed(String name, IOException error) implements HashOutcome {
    public Failed {
      requireNonNull(name, "name");
      requireNonNull(error, "error");
    }
  }
}
