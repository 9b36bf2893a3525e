package org.opentransparency.verifier.signature;

import java.util.List;
import org.opentransparency.verifier.InvalidInputException;

/** X.509 CA certificates in a manifest (scheme {@code x509-ca}). */
final class CmsKeys {
  private CmsKeys() {}

  static final KeyKind KIND =
      new KeyKind() {
        @Override
        public KeyScheme scheme() {
          return KeyScheme.X509_CA;
        }

        @Override
        public Object decode(byte[] encoded) throws InvalidInputException {
          throw new InvalidInputException("X.509 keys are not supported yet");
        }

        @Override
        public String keyId(Object material) {
          throw new IllegalStateException();
        }

        @Override
        public String describe(Object material) {
          return "X.509 key";
        }

        @Override
        public boolean recognizes(byte[] file) {
          return false;
        }

        @Override
        public List<byte[]> importFile(byte[] file) throws InvalidInputException {
          throw new InvalidInputException("X.509 keys are not supported yet");
        }
      };
}
