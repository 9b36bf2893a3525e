package org.opentransparency.verifier.tuf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.opentransparency.verifier.LimitExceededException;

/** Reads {@code file:} URLs: a repository mirrored to a local directory. Stateless. */
public final class FileTransport implements TufTransport {
  @Override
  public void fetch(URI uri, long maxBytes, OutputStream sink) throws IOException {
    if (!"file".equals(uri.getScheme())) {
      throw new IOException("not a file URL: " + uri);
    }
    Path file;
    try {
      file = Path.of(uri);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a usable file URL: " + uri, e);
    }
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException(file + ": no such file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      copy(in, maxBytes, sink, uri.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException(file + ": no such file");
    }
  }

  /** Copies at most {@code maxBytes}; one byte more is a limit exceeded. */
  static void copy(InputStream in, long maxBytes, OutputStream sink, String what)
      throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    // One byte more than allowed is asked for, to tell "exactly the limit" from "more"; a limit
    // of Long.MAX_VALUE (a length signed metadata gave) must not overflow into a read of none.
    for (long room;
        (room = maxBytes - total) >= 0
            && (n = in.read(buf, 0, room >= buf.length ? buf.length : (int) room + 1)) > 0; ) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(what, maxBytes);
      }
      sink.write(buf, 0, n);
    }
  }

  static LimitExceededException tooLarge(String what, long maxBytes) {
    return new LimitExceededException(
        "maxBytes",
        String.format(Locale.ROOT, "%s is larger than the limit of %d bytes", what, maxBytes));
  }
}
