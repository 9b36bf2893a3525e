package org.opentransparency.verifier.signature;

import java.util.List;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.manifest.ManifestKey;

/** OpenPGP detached signatures. */
final class OpenPgpSignatures {
  private OpenPgpSignatures() {}

  static DetachedCheck parse(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    throw new InvalidInputException("not supported yet");
  }
}
