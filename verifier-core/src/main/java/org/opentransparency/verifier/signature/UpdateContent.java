package org.opentransparency.verifier.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigester;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.hash.ProgressListener;

/**
 * The bytes of an update, read exactly once per verification: every digest and every streaming
 * signature check is fed from that one read, so a stream works as well as a file and what was
 * hashed is what was checked.
 */
abstract class UpdateContent {
  /** Receives the content as it is read. */
  interface Sink {
    void update(byte[] data, int offset, int length) throws IOException;
  }

  private boolean scanned;

  /** The name statements must give the update (the file's base name). */
  abstract String name();

  /**
   * Reads the content once, feeding every sink, and returns its digests.
   *
   * @throws IllegalStateException if called twice
   */
  final Map<DigestAlgorithm, Digest> scan(Collection<DigestAlgorithm> algorithms, List<Sink> sinks)
      throws IOException {
    if (scanned) {
      throw new IllegalStateException("update content is read once");
    }
    scanned = true;
    return read(algorithms, sinks);
  }

  abstract Map<DigestAlgorithm, Digest> read(
      Collection<DigestAlgorithm> algorithms, List<Sink> sinks) throws IOException;

  static Map<DigestAlgorithm, Digest> stream(
      InputStream in, Collection<DigestAlgorithm> algorithms, List<Sink> sinks) throws IOException {
    MultiDigester d = MultiDigester.of(algorithms);
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) != -1; ) {
      d.update(buffer, 0, n);
      for (Sink s : sinks) {
        s.update(buffer, 0, n);
      }
    }
    return d.finish();
  }

  static UpdateContent of(Path file) {
    return new UpdateContent() {
      @Override
      String name() {
        return file.getFileName().toString();
      }

      @Override
      Map<DigestAlgorithm, Digest> read(Collection<DigestAlgorithm> algorithms, List<Sink> sinks)
          throws IOException {
        if (sinks.isEmpty()) {
          return FileDigester.digest(file, algorithms, ProgressListener.NONE).digests();
        }
        try (InputStream in = Files.newInputStream(file)) {
          return stream(in, algorithms, sinks);
        }
      }
    };
  }

  static UpdateContent of(InputStream in, String name) {
    return new UpdateContent() {
      @Override
      String name() {
        return name;
      }

      @Override
      Map<DigestAlgorithm, Digest> read(Collection<DigestAlgorithm> algorithms, List<Sink> sinks)
          throws IOException {
        return stream(in, algorithms, sinks);
      }
    };
  }
}
