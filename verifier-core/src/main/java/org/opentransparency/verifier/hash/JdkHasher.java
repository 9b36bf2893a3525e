package org.opentransparency.verifier.hash;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/** A hasher on the JDK's MessageDigest, whose SHA-2 compression loops are JIT intrinsics. */
final class JdkHasher implements Hasher {
  private final MessageDigest digest;

  JdkHasher(MessageDigest digest) {
    this.digest = digest;
  }

  @Override
  public void update(byte[] data, int offset, int length) {
    digest.update(data, offset, length);
  }

  @Override
  public void update(ByteBuffer data) {
    digest.update(data);
  }

  @Override
  public byte[] finish() {
    return digest.digest();
  }
}
