package org.opentransparency.verifier.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs command lines sent over a Unix domain socket in one long-lived JVM, for callers that start
 * the command very many times in a row (the TUF conformance suite's client, .ci/). Not part of the
 * {@code verifier} command line, and the library knows nothing of it.
 *
 * <p>Usage: {@code ForwardServer SOCKET IDLE_SECONDS}. The socket's directory must be private to
 * the user (the caller makes it 0700); the server stops after IDLE_SECONDS without a call, and
 * removes its socket.
 *
 * <p>Protocol, all integers big-endian: the request is the argument count (int), each argument and
 * then the working directory as (int length, UTF-8 bytes), and the caller's clock (long, epoch
 * milliseconds: the command judges expiry at it, so a caller under faketime is honoured). The
 * answer is the exit code (int), then stdout and stderr as (int length, bytes).
 */
public final class ForwardServer {
  private static final int MAX_REQUEST_STRING = 1 << 20;

  private ForwardServer() {}

  /**
   * Refuses a socket directory that is not this user's alone: whoever can reach the socket runs
   * command lines as this user.
   */
  static void requirePrivate(Path dir) throws IOException {
    java.nio.file.attribute.PosixFileAttributes a =
        Files.readAttributes(
            dir,
            java.nio.file.attribute.PosixFileAttributes.class,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
    java.nio.file.attribute.UserPrincipal me =
        dir.getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    boolean shared =
        a.permissions().stream()
            .anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
    if (!a.isDirectory() || !a.owner().equals(me) || shared) {
      throw new IOException(
          dir + ": the socket's directory must be a directory of this user's, mode 0700");
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Path socket = Path.of(args[0]);
    requirePrivate(socket.toAbsolutePath().getParent());
    long idleMillis = Long.parseLong(args[1]) * 1000;
    AtomicLong last = new AtomicLong(System.nanoTime());
    AtomicInteger running = new AtomicInteger();
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread idle =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                long quiet = (System.nanoTime() - last.get()) / 1_000_000;
                if (running.get() == 0 && quiet > idleMillis) {
                  try {
                    Files.deleteIfExists(socket);
                    server.close();
                  } catch (IOException e) {
                    // exiting anyway
                  }
                  Runtime.getRuntime().halt(0);
                }
              }
            },
            "idle");
    idle.setDaemon(true);
    idle.start();
    while (true) {
      SocketChannel ch = server.accept();
      running.incrementAndGet();
      Thread t =
          new Thread(
              () -> {
                try (ch) {
                  serve(ch);
                } catch (IOException | RuntimeException e) {
                  // the caller sees the connection close without an answer
                } finally {
                  last.set(System.nanoTime());
                  running.decrementAndGet();
                }
              },
              "call");
      t.start();
    }
  }

  private static void serve(SocketChannel ch) throws IOException {
    serve(Channels.newInputStream(ch), Channels.newOutputStream(ch));
  }

  /** Reads one request from {@code request}, runs it, writes the answer to {@code answer}. */
  static void serve(InputStream request, OutputStream answer) throws IOException {
    DataInputStream in = new DataInputStream(request);
    int argc = in.readInt();
    if (argc < 0 || argc > 10_000) {
      throw new IOException("bad request");
    }
    String[] argv = new String[argc];
    for (int i = 0; i < argc; i++) {
      argv[i] = string(in);
    }
    Path cwd = Path.of(string(in));
    Instant now = Instant.ofEpochMilli(in.readLong());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      CliEnvironment env =
          new CliEnvironment(
              cwd,
              InputStream.nullInputStream(),
              o,
              e,
              Clock.fixed(now, ZoneOffset.UTC),
              /* stderrIsTerminal= */ false,
              /* unicode= */ false);
      code = Main.run(argv, env);
      o.flush();
    }
    DataOutputStream reply = new DataOutputStream(answer);
    reply.writeInt(code);
    reply.writeInt(out.size());
    out.writeTo(reply);
    reply.writeInt(err.size());
    err.writeTo(reply);
    reply.flush();
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_REQUEST_STRING) {
      throw new IOException("bad request");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
