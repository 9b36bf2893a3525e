package org.opentransparency.verifier.signature;

import java.util.List;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.manifest.ManifestKey;

/** CMS/PKCS#7 detached signatures. */
final class CmsSignatures {
  private CmsSignatures() {}

  static DetachedCheck parse(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    throw new InvalidInputException("not supported yet");
  }
}
