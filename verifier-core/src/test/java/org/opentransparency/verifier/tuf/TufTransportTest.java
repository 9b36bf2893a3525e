package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.internal.SuppressForbidden;

/** The transports: size caps while reading, not-found, redirects kept to one host. */
@SuppressForbidden(
    reason = "the JDK's HTTP server on loopback is what the transport is tested against")
class TufTransportTest {
  private static final byte[] BODY = "0123456789".getBytes(StandardCharsets.US_ASCII);
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          if (path.equals("/file")) {
            ex.sendResponseHeaders(200, BODY.length);
            try (OutputStream o = ex.getResponseBody()) {
              o.write(BODY);
            }
          } else if (path.equals("/chunked")) {
            ex.sendResponseHeaders(200, 0); // no length announced
            try (OutputStream o = ex.getResponseBody()) {
              o.write(BODY);
            }
          } else if (path.equals("/stall")) {
            ex.sendResponseHeaders(200, BODY.length);
            try (OutputStream o = ex.getResponseBody()) {
              o.write(BODY, 0, 2);
              o.flush();
              Thread.sleep(3000);
            } catch (InterruptedException | IOException e) {
              // the client gave up
            }
          } else if (path.equals("/here")) {
            ex.getResponseHeaders().add("Location", "/file");
            ex.sendResponseHeaders(302, -1);
          } else if (path.equals("/away")) {
            ex.getResponseHeaders().add("Location", "http://example.org/file");
            ex.sendResponseHeaders(302, -1);
          } else {
            ex.sendResponseHeaders(404, -1);
          }
          ex.close();
        });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private byte[] get(TufTransport t, URI u, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    t.fetch(u, max, out);
    return out.toByteArray();
  }

  /**
   * A copy reads up to its limit and one byte past it to tell "more": exactly the limit passes, one
   * byte more is refused, and no limit at all (Long.MAX_VALUE, a length from signed metadata)
   * copies everything rather than nothing.
   */
  @Test
  void copy_atTheLimit_overIt_andWithNoLimit() throws IOException {
    for (long max : new long[] {BODY.length, Long.MAX_VALUE, Long.MAX_VALUE - 1}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FileTransport.copy(new java.io.ByteArrayInputStream(BODY), max, out, "body");
      assertArrayEquals(BODY, out.toByteArray(), "limit " + max);
    }
    assertThrows(
        LimitExceededException.class,
        () ->
            FileTransport.copy(
                new java.io.ByteArrayInputStream(BODY),
                BODY.length - 1,
                new ByteArrayOutputStream(),
                "body"));
  }

  @Test
  void http_withinTheCap_readsTheBody() throws IOException {
    assertArrayEquals(BODY, get(HttpTransport.create(), base.resolve("file"), 10));
    assertArrayEquals(BODY, get(HttpTransport.create(), base.resolve("here"), 10));
  }

  @Test
  void http_overTheCap_isALimitEvenWithoutContentLength() {
    assertThrows(
        LimitExceededException.class, () -> get(HttpTransport.create(), base.resolve("file"), 9));
    assertThrows(
        LimitExceededException.class,
        () -> get(HttpTransport.create(), base.resolve("chunked"), 9));
  }

  @Test
  void http_404_isNotFound_andARedirectElsewhereIsRefused() {
    assertThrows(
        TufTransport.NotFoundException.class,
        () -> get(HttpTransport.create(), base.resolve("nothing"), 10));
    IOException e =
        assertThrows(
            IOException.class, () -> get(HttpTransport.create(), base.resolve("away"), 10));
    assertTrue(e.getMessage().contains("another host"), e.getMessage());
  }

  @Test
  void http_bodyThatStopsArriving_isAbandoned() {
    HttpTransport t = HttpTransport.create(Duration.ofSeconds(2), Duration.ofSeconds(1));

    IOException e = assertThrows(IOException.class, () -> get(t, base.resolve("stall"), 10));

    assertTrue(e.getMessage().contains("no data for 1 s"), e.getMessage());
  }

  @Test
  void file_capAndMissingFile(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("f"), BODY);
    FileTransport t = new FileTransport();

    assertArrayEquals(BODY, get(t, f.toUri(), 10));
    assertThrows(LimitExceededException.class, () -> get(t, f.toUri(), 9));
    assertThrows(TufTransport.NotFoundException.class, () -> get(t, dir.resolve("g").toUri(), 9));
  }
}
