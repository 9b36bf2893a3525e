package org.opentransparency.verifier.signature;

import java.util.List;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.manifest.ManifestKey;

/** minisign and signify detached signatures. */
final class MinisignSignatures {
  private MinisignSignatures() {}

  static DetachedCheck parseMinisign(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    throw new InvalidInputException("not supported yet");
  }

  static DetachedCheck parseSignify(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    throw new InvalidInputException("not supported yet");
  }
}
