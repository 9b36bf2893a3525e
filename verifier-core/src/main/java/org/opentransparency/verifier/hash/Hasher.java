package org.opentransparency.verifier.hash;

import java.nio.ByteBuffer;

/** One running digest computation; single-threaded. */
interface Hasher {
  void update(byte[] data, int offset, int length);

  void update(ByteBuffer data);

  byte[] finish();
}
