package org.opentransparency.verifier.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.LimitExceededException;
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

  /** Largest update a pure Ed25519 signature is checked over: it needs the message in memory. */
  static final long MAX_WHOLE_MESSAGE = 64L << 20;

  private boolean scanned;

  /**
   * A sink that keeps the whole update in memory, for signatures over the message itself (pure
   * Ed25519: raw, legacy minisign, signify), up to {@link #MAX_WHOLE_MESSAGE} bytes.
   */
  static final class WholeMessage implements Sink {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final String remedy;

    private WholeMessage(String remedy) {
      this.remedy = remedy;
    }

    @Override
    public void update(byte[] data, int offset, int length) throws IOException {
      if (buffer.size() + (long) length > MAX_WHOLE_MESSAGE) {
        throw new LimitExceededException(
            "maxEd25519Message",
            "the update is larger than the "
                + MAX_WHOLE_MESSAGE
                + " bytes a pure Ed25519 signature is checked over (it needs the whole message in"
                + " memory); "
                + remedy);
      }
      buffer.write(data, offset, length);
    }

    /** The update's bytes, once it has been read. */
    byte[] bytes() {
      return buffer.toByteArray();
    }
  }

  /**
   * A bounded whole-message sink; {@code remedy} tells the user what to do instead when the update
   * is too large (e.g. "sign a statement (verifier sign) instead").
   */
  static WholeMessage wholeMessage(String remedy) {
    return new WholeMessage(remedy);
  }

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
