package org.opentransparency.verifier.tuf;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the TUF client reads a repository: one call per file. Implementations must stop reading as
 * soon as more than {@code maxBytes} arrive and must be safe to share between threads. {@link
 * HttpTransport} reads http and https URLs, {@link FileTransport} file URLs (a local mirror).
 */
public interface TufTransport {
  /**
   * Copies the file at {@code uri} into {@code sink}.
   *
   * @throws NotFoundException if the repository has no such file (HTTP 403 or 404, a missing file)
   * @throws org.opentransparency.verifier.LimitExceededException if the file is larger than {@code
   *     maxBytes} (some bytes may have been written to {@code sink})
   * @throws IOException if the file could not be read for another reason
   */
  void fetch(URI uri, long maxBytes, OutputStream sink) throws IOException;

  /** The repository has no file at the URL asked for. */
  final class NotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
      super(message);
    }
  }

  /**
   * A transport for http, https and file URLs; its HTTP client (and the thread it keeps) is made on
   * the first http(s) fetch only. Thread-safe.
   */
  static TufTransport standard() {
    FileTransport files = new FileTransport();
    AtomicReference<HttpTransport> http = new AtomicReference<>();
    return (uri, max, sink) -> {
      if ("file".equals(uri.getScheme())) {
        files.fetch(uri, max, sink);
        return;
      }
      HttpTransport h = http.get();
      if (h == null) {
        http.compareAndSet(null, HttpTransport.create());
        h = http.get();
      }
      h.fetch(uri, max, sink);
    };
  }
}
