package org.opentransparency.verifier.tuf;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.opentransparency.verifier.internal.SuppressForbidden;

/**
 * Reads http and https URLs with {@link HttpClient}: the TUF commands' one exception to "the
 * verifier never opens a network connection". A connect timeout, a timeout for the response
 * headers, the size cap enforced while the body is read, and redirects followed only within the
 * same scheme, host and port (at most five). Thread-safe; share one instance.
 */
public final class HttpTransport implements TufTransport {
  private static final int MAX_REDIRECTS = 5;

  private final HttpClient client;
  private final Duration timeout;

  private HttpTransport(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** A transport with a 10 s connect timeout and a 30 s wait for each response's headers. */
  public static HttpTransport create() {
    return create(Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  /** A transport with the given connect timeout and wait for each response's headers. */
  @SuppressForbidden(reason = "the TUF commands are the one part that may use the network")
  public static HttpTransport create(Duration connectTimeout, Duration responseTimeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new HttpTransport(client, responseTimeout);
  }

  @Override
  public void fetch(URI uri, long maxBytes, OutputStream sink) throws IOException {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      String scheme = String.valueOf(current.getScheme()).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IOException("not an http or https URL: " + current);
      }
      HttpRequest request = HttpRequest.newBuilder(current).timeout(timeout).GET().build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching " + current);
      }
      int status = response.statusCode();
      try (InputStream body = response.body()) {
        if (status == 200) {
          long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
          if (declared > maxBytes) {
            throw FileTransport.tooLarge(current.toString(), maxBytes);
          }
          FileTransport.copy(body, maxBytes, sink, current.toString());
          return;
        }
        if (status == 403 || status == 404) {
          throw new NotFoundException(current + ": HTTP " + status);
        }
        if (status >= 300 && status < 400 && hop < MAX_REDIRECTS) {
          String location = response.headers().firstValue("location").orElse(null);
          if (location != null) {
            URI next = current.resolve(location);
            if (sameOrigin(current, next)) {
              current = next;
              continue;
            }
            throw new IOException(current + ": redirect to another host refused: " + next);
          }
        }
        throw new IOException(current + ": HTTP " + status);
      }
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
        && a.getPort() == b.getPort();
  }
}
