package org.opentransparency.verifier.hash;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes a large file with reading and hashing overlapped: the calling thread reads into a small
 * ring of direct buffers and hashes the cheapest algorithm, while one thread per other algorithm
 * hashes each buffer, so several algorithms run side by side on the cores. Measured on a 1 GiB file
 * (docs/benchmarks.md): SHA-256 with SHA-512 takes the time of SHA-512 alone; heap buffers were
 * slower; a single algorithm gains nothing, so {@link FileDigester} uses this only for several.
 */
final class PipelinedDigest {
  private static final int BUFFERS = 4;
  private static final int BUFFER_BYTES = 256 * 1024;

  private static final ExecutorService HASHERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "verifier-digest");
            t.setDaemon(true);
            return t;
          });

  /** One filled buffer, handed to every algorithm; back to the free ring when all are done. */
  private record Chunk(ByteBuffer view, ByteBuffer owner, AtomicInteger pending) {}

  private static final Chunk END = new Chunk(null, null, null);

  /** By the time each takes per byte here (docs/benchmarks.md), the cheapest first. */
  static final List<DigestAlgorithm> CHEAPEST_FIRST =
      List.of(
          DigestAlgorithm.SHA256,
          DigestAlgorithm.SHA1,
          DigestAlgorithm.MD5,
          DigestAlgorithm.SHA512,
          DigestAlgorithm.SHA384,
          DigestAlgorithm.BLAKE2B_512,
          DigestAlgorithm.SHA3_256,
          DigestAlgorithm.SHA3_512,
          DigestAlgorithm.BLAKE3);

  private PipelinedDigest() {}

  static FileDigest digest(
      java.nio.file.Path file,
      FileChannel ch,
      Set<DigestAlgorithm> algorithms,
      ProgressListener progress)
      throws IOException {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(ByteBuffer.allocateDirect(BUFFER_BYTES));
    }
    // The reading thread hashes the cheapest algorithm itself: two algorithms then keep two
    // threads busy on two cores, not three (a reader and two hashers) competing for them.
    DigestAlgorithm own =
        CHEAPEST_FIRST.stream().filter(algorithms::contains).findFirst().orElseThrow();
    Hasher ownHasher = own.newHasher();
    DigestAlgorithm[] algs =
        algorithms.stream().filter(a -> a != own).toArray(DigestAlgorithm[]::new);
    @SuppressWarnings("unchecked")
    BlockingQueue<Chunk>[] queues = new BlockingQueue[algs.length];
    @SuppressWarnings("unchecked")
    Future<byte[]>[] results = new Future[algs.length];
    for (int i = 0; i < algs.length; i++) {
      BlockingQueue<Chunk> q = new LinkedBlockingQueue<>();
      Hasher h = algs[i].newHasher();
      queues[i] = q;
      results[i] = HASHERS.submit(() -> consume(q, h, free));
    }

    long total = 0;
    IOException failure = null;
    try {
      while (true) {
        ByteBuffer buf = free.take();
        buf.clear();
        int n = fill(ch, buf);
        if (n <= 0) {
          free.add(buf);
          break;
        }
        buf.flip();
        total += n;
        AtomicInteger pending = new AtomicInteger(algs.length + 1);
        for (BlockingQueue<Chunk> q : queues) {
          q.add(new Chunk(buf.asReadOnlyBuffer(), buf, pending));
        }
        ownHasher.update(buf.asReadOnlyBuffer());
        if (pending.decrementAndGet() == 0) {
          free.add(buf);
        }
        progress.advanced(n);
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new InterruptedIOException("interrupted while hashing " + file);
    } finally {
      for (BlockingQueue<Chunk> q : queues) {
        q.add(END);
      }
    }

    Map<DigestAlgorithm, Digest> out = new EnumMap<>(DigestAlgorithm.class);
    if (failure == null) {
      out.put(own, Digest.of(own, ownHasher.finish()));
    }
    for (int i = 0; i < algs.length; i++) {
      byte[] d = join(results[i]);
      out.put(algs[i], Digest.of(algs[i], d));
    }
    if (failure != null) {
      throw failure;
    }
    return new FileDigest(file, total, Collections.unmodifiableMap(out));
  }

  /** Reads until the buffer is full or the file ends; -1 at the end with nothing read. */
  private static int fill(FileChannel ch, ByteBuffer buf) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = ch.read(buf);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
    }
    return total;
  }

  private static byte[] consume(BlockingQueue<Chunk> q, Hasher h, BlockingQueue<ByteBuffer> free)
      throws InterruptedException {
    RuntimeException failed = null;
    while (true) {
      Chunk c = q.take();
      if (c == END) {
        break;
      }
      if (failed == null) {
        try {
          h.update(c.view);
        } catch (RuntimeException e) {
          // Keep draining so the reader never waits on a buffer that will not come back.
          failed = e;
        }
      }
      if (c.pending.decrementAndGet() == 0) {
        free.add(c.owner);
      }
    }
    if (failed != null) {
      throw failed;
    }
    return h.finish();
  }

  private static byte[] join(Future<byte[]> f) throws InterruptedIOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        // An OutOfMemoryError stays one: the command line reports it as such.
        throw (Error) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
