package org.opentransparency.verifier.hash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Hashes whole files in one read, with every algorithm asked for. */
public final class FileDigester {
  // Measured on a 1 GiB file (see docs/benchmarks.md): direct buffers beat heap buffers, which
  // the JDK copies through a direct buffer anyway, and mapping the file.
  private static final int BUFFER_BYTES = 256 * 1024;
  private static final long PIPELINE_FROM_BYTES = 4L << 20;

  private FileDigester() {}

  /**
   * Digests the file at {@code file}, following a symbolic link as sha256sum does.
   *
   * @throws IOException if the file cannot be opened or read
   */
  public static FileDigest digest(
      Path file, Collection<DigestAlgorithm> algorithms, ProgressListener progress)
      throws IOException {
    Set<DigestAlgorithm> algs = EnumSet.copyOf(algorithms);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (algs.size() > 1 && ch.size() >= PIPELINE_FROM_BYTES) {
        return PipelinedDigest.digest(file, ch, algs, progress);
      }
      MultiDigester digester = MultiDigester.of(algs);
      ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
      while (ch.read(buffer) != -1) {
        buffer.flip();
        int n = buffer.remaining();
        digester.update(buffer);
        buffer.clear();
        progress.advanced(n);
      }
      return new FileDigest(file, digester.count(), digester.finish());
    }
  }
}
