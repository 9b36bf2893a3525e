package org.opentransparency.verifier.signature;

import java.util.List;
import org.opentransparency.verifier.InvalidInputException;

/** OpenPGP public keys in a manifest (scheme {@code openpgp}). */
final class OpenPgpKeys {
  private OpenPgpKeys() {}

  static final KeyKind KIND =
      new KeyKind() {
        @Override
        public KeyScheme scheme() {
          return KeyScheme.OPENPGP;
        }

        @Override
        public Object decode(byte[] encoded) throws InvalidInputException {
          throw new InvalidInputException("OpenPGP keys are not supported yet");
        }

        @Override
        public String keyId(Object material) {
          throw new IllegalStateException();
        }

        @Override
        public String describe(Object material) {
          return "OpenPGP key";
        }

        @Override
        public boolean recognizes(byte[] file) {
          return false;
        }

        @Override
        public List<byte[]> importFile(byte[] file) throws InvalidInputException {
          throw new InvalidInputException("OpenPGP keys are not supported yet");
        }
      };
}
