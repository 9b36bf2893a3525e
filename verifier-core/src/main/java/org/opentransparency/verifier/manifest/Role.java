package org.opentransparency.verifier.manifest;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** A role of a key manifest and how many distinct keys must sign for it. */
public record Role(String name, int threshold) {
  /** The name of the role whose keys sign manifests. */
  public static final String ROOT = "root";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  public Role {
    requireNonNull(name, "name");
    if (!isValidName(name)) {
      throw new IllegalArgumentException("invalid role name: " + name);
    }
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
  }

  /** Role names match {@code [a-z0-9][a-z0-9-]*}. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }
}
