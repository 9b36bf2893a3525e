package org.opentransparency.verifier.signature;

import java.util.List;
import org.opentransparency.verifier.InvalidInputException;

/** minisign and signify public keys in a manifest. */
final class MinisignKeys {
  private MinisignKeys() {}

  static final KeyKind MINISIGN =
      new KeyKind() {
        @Override
        public KeyScheme scheme() {
          return KeyScheme.MINISIGN;
        }

        @Override
        public Object decode(byte[] encoded) throws InvalidInputException {
          throw new InvalidInputException("minisign keys are not supported yet");
        }

        @Override
        public String keyId(Object material) {
          throw new IllegalStateException();
        }

        @Override
        public String describe(Object material) {
          return "minisign key";
        }

        @Override
        public boolean recognizes(byte[] file) {
          return false;
        }

        @Override
        public List<byte[]> importFile(byte[] file) throws InvalidInputException {
          throw new InvalidInputException("minisign keys are not supported yet");
        }
      };

  static final KeyKind SIGNIFY =
      new KeyKind() {
        @Override
        public KeyScheme scheme() {
          return KeyScheme.SIGNIFY;
        }

        @Override
        public Object decode(byte[] encoded) throws InvalidInputException {
          throw new InvalidInputException("signify keys are not supported yet");
        }

        @Override
        public String keyId(Object material) {
          throw new IllegalStateException();
        }

        @Override
        public String describe(Object material) {
          return "signify key";
        }

        @Override
        public boolean recognizes(byte[] file) {
          return false;
        }

        @Override
        public List<byte[]> importFile(byte[] file) throws InvalidInputException {
          throw new InvalidInputException("signify keys are not supported yet");
        }
      };
}
