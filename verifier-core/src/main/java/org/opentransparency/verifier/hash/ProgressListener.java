package org.opentransparency.verifier.hash;

/** Told how many bytes were just processed; called from the working threads. */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = bytes -> {};

  void advanced(long bytes);
}
