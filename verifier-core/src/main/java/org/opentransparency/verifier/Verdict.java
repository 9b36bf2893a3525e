package org.opentransparency.verifier;

/** The answer of a signature or manifest verification. */
public enum Verdict {
  VALID("valid"),
  INVALID("invalid");

  private final String id;

  Verdict(String id) {
    this.id = id;
  }

  /** The JSON id: {@code valid} or {@code invalid}. */
  public String id() {
    return id;
  }
}
