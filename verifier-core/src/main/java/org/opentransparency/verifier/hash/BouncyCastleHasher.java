package org.opentransparency.verifier.hash;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;

/** A hasher on a BouncyCastle digest: for the algorithms the JDK lacks, and for SHA-3. */
final class BouncyCastleHasher implements Hasher {
  private static final int CHUNK = 16 * 1024;

  private final ExtendedDigest digest;
  private byte[] chunk;

  private BouncyCastleHasher(ExtendedDigest digest) {
    this.digest = digest;
  }

  static Hasher blake2b512() {
    return new BouncyCastleHasher(new Blake2bDigest(512));
  }

  static Hasher sha3(int bits) {
    return new BouncyCastleHasher(new SHA3Digest(bits));
  }

  static Hasher blake3() {
    return new BouncyCastleHasher(new Blake3Digest(256));
  }

  @Override
  public void update(byte[] data, int offset, int length) {
    digest.update(data, offset, length);
  }

  @Override
  public void update(ByteBuffer data) {
    if (data.hasArray()) {
      digest.update(data.array(), data.arrayOffset() + data.position(), data.remaining());
      data.position(data.limit());
      return;
    }
    if (chunk == null) {
      chunk = new byte[CHUNK];
    }
    while (data.hasRemaining()) {
      int n = Math.min(chunk.length, data.remaining());
      data.get(chunk, 0, n);
      digest.update(chunk, 0, n);
    }
  }

  @Override
  public byte[] finish() {
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }
}
