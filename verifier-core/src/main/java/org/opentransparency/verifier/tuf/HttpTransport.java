package org.opentransparency.verifier.tuf;

import java.io.FilterInputStream;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.opentransparency.verifier.internal.SuppressForbidden;

/**
 * Reads http and https URLs with {@link HttpClient}: the TUF commands' one exception to "the
 * verifier never opens a network connection". A connect timeout, a timeout for the response headers
 * and for each wait for more of the body, the size cap enforced while the body is read, and
 * redirects followed only within the same scheme, host and port (at most five). Thread-safe; share
 * one instance (it keeps an HTTP client and one watchdog thread).
 */
public final class HttpTransport implements TufTransport {
  private static final int MAX_REDIRECTS = 5;

  private final HttpClient client;
  private final Duration timeout;
  private final ScheduledExecutorService watchdog;

  private HttpTransport(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tuf-http-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A transport with a 10 s connect timeout, and 30 s both to the response headers and between any
   * two reads of the body.
   */
  public static HttpTransport create() {
    return create(Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  /**
   * A transport with the given connect timeout and response timeout; the response timeout bounds
   * the wait for the headers and each wait for more of the body (a body that stops arriving is
   * abandoned).
   */
  @SuppressForbidden(reason = "the TUF commands are the one part that may use the network")
  public static HttpTransport create(Duration connectTimeout, Duration responseTimeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new HttpTransport(client, responseTimeout);
  }

  /**
   * Copies the body, closing it from the watchdog when no byte arrives for the response timeout (a
   * blocked read cannot be interrupted otherwise); a body cut off that way is an error.
   */
  private void copyBody(InputStream body, long maxBytes, OutputStream sink, URI uri)
      throws IOException {
    AtomicLong lastRead = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    long stallNanos = timeout.toNanos();
    ScheduledFuture<?> dog =
        watchdog.scheduleWithFixedDelay(
            () -> {
              if (System.nanoTime() - lastRead.get() > stallNanos
                  && stalled.compareAndSet(false, true)) {
                try {
                  body.close();
                } catch (IOException e) {
                  // the reader fails either way
                }
              }
            },
            100,
            100,
            TimeUnit.MILLISECONDS);
    InputStream watched =
        new FilterInputStream(body) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            lastRead.set(System.nanoTime());
            return n;
          }
        };
    try {
      FileTransport.copy(watched, maxBytes, sink, uri.toString());
    } catch (IOException e) {
      if (stalled.get()) {
        throw new IOException(uri + ": no data for " + timeout.toSeconds() + " s", e);
      }
      throw e;
    } finally {
      dog.cancel(false);
    }
    if (stalled.get()) {
      throw new IOException(uri + ": no data for " + timeout.toSeconds() + " s");
    }
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
          copyBody(body, maxBytes, sink, current);
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
