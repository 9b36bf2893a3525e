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

  /**
   * One direct buffer per thread, reused from file to file: allocating a direct buffer per file
   * cost ~1.5 ms each (malloc, zeroing, page faults, and the Cleaner's work later), which made a
   * directory of 1,000 files of 1 MiB take twice as long as one file of 1 GiB.
   */
  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_BYTES));

  /**
   * Files the caller knows to be at most this large are read with a plain {@link
   * java.io.FileInputStream} into a heap array: opening a {@link FileChannel} costs more than
   * reading a few KiB (100,000 files of 4 KiB: {@code FileChannel.open} was a tenth of the CPU).
   */
  static final long SMALL_FILE_BYTES = 8 * 1024;

  private static final ThreadLocal<byte[]> SMALL = ThreadLocal.withInitial(() -> new byte[8192]);

  /**
   * The digester of this thread's last file, finished and so reset, for the next file with the same
   * algorithms: a new one per file looked each algorithm up in the security providers and made its
   * MessageDigest by reflection, which for 100,000 small files was both run time and code for the
   * JIT to compile. Taken out while in use, so a file whose reading fails leaves nothing half-fed
   * behind.
   */
  private static final ThreadLocal<MultiDigester> SPARE = new ThreadLocal<>();

  private FileDigester() {}

  /**
   * As {@link #digest(Path, Collection, ProgressListener)}, for a file whose size the caller has
   * just read ({@code sizeHint}; negative when unknown): a small one is read without a channel. The
   * file is read to its end whatever the hint says.
   */
  public static FileDigest digest(
      Path file, Collection<DigestAlgorithm> algorithms, ProgressListener progress, long sizeHint)
      throws IOException {
    if (sizeHint < 0 || sizeHint > SMALL_FILE_BYTES) {
      return digest(file, algorithms, progress);
    }
    MultiDigester digester = digester(algorithmSet(algorithms));
    byte[] buffer = SMALL.get();
    try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        digester.update(buffer, 0, n);
        progress.advanced(n);
      }
    }
    return finish(file, digester);
  }

  /**
   * Digests the file at {@code file}, following a symbolic link as sha256sum does.
   *
   * @throws IOException if the file cannot be opened or read
   */
  public static FileDigest digest(
      Path file, Collection<DigestAlgorithm> algorithms, ProgressListener progress)
      throws IOException {
    Set<DigestAlgorithm> algs = algorithmSet(algorithms);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (algs.size() > 1 && ch.size() >= PIPELINE_FROM_BYTES) {
        return PipelinedDigest.digest(file, ch, algs, progress);
      }
      MultiDigester digester = digester(algs);
      ByteBuffer buffer = BUFFER.get();
      buffer.clear();
      while (ch.read(buffer) != -1) {
        buffer.flip();
        int n = buffer.remaining();
        digester.update(buffer);
        buffer.clear();
        progress.advanced(n);
      }
      return finish(file, digester);
    }
  }

  /**
   * {@code algorithms} as a set: itself when it is one already (a tree's files all pass the tree's
   * set), which is only read here, never kept; else a copy.
   */
  private static Set<DigestAlgorithm> algorithmSet(Collection<DigestAlgorithm> algorithms) {
    return algorithms instanceof EnumSet
        ? (EnumSet<DigestAlgorithm>) algorithms
        : EnumSet.copyOf(algorithms);
  }

  /** This thread's spare digester if it computes {@code algorithms}, else a new one. */
  private static MultiDigester digester(Set<DigestAlgorithm> algorithms) {
    MultiDigester spare = SPARE.get();
    if (spare != null && spare.computes(algorithms)) {
      SPARE.set(null);
      return spare.restart();
    }
    return MultiDigester.of(algorithms);
  }

  /** The file's digests; the digester, reset by finishing, becomes this thread's spare. */
  private static FileDigest finish(Path file, MultiDigester digester) {
    FileDigest out = new FileDigest(file, digester.count(), digester.finishEnumMap());
    SPARE.set(digester);
    return out;
  }
}
