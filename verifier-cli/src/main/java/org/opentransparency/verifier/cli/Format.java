package org.opentransparency.verifier.cli;

/** Report formats of {@code --format}. */
enum Format {
  text,
  json,
  html
}
