package org.opentransparency.verifier.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigester;
import org.opentransparency.verifier.hash.ProgressListener;
import org.opentransparency.verifier.internal.SuppressForbidden;

/**
 * SHA-256 of a 256 MiB file in the page cache, read different ways: the library's real entry point
 * ({@link FileDigester}: a FileChannel into a direct 256 KiB buffer), a FileChannel with direct or
 * heap buffers of other sizes, an InputStream, and a memory map; and where the copies are: {@code
 * MessageDigest.update} of a direct buffer copies it into a 4 KiB array inside the JDK ({@code
 * channelDirect}), a copy of our own into one large array first ({@code channelDirectCopied}), or a
 * second thread that reads while this one hashes ({@code readerThread*}: the read and its copy off
 * the hashing thread). The library's choice is the fastest of these by measurement
 * (docs/benchmarks.md). Run: {@code java -jar benchmarks/target/benchmarks.jar FileRead}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@SuppressForbidden(
    reason = "measures the JDK's MessageDigest directly, beside the library's own entry points")
public class FileReadBenchmark {
  @Param({"65536", "262144", "1048576"})
  public int buffer;

  private Path file;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    file = Files.createTempFile("verifier-bench", ".bin");
    byte[] chunk = new byte[1 << 20];
    Random r = new Random(1);
    try (var out = Files.newOutputStream(file)) {
      for (int i = 0; i < 256; i++) {
        r.nextBytes(chunk);
        out.write(chunk);
      }
    }
  }

  private final ExecutorService reader = Executors.newSingleThreadExecutor();

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.shutdownNow();
    Files.deleteIfExists(file);
  }

  private static MessageDigest sha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }

  @Benchmark
  public Object library() throws IOException {
    return FileDigester.digest(file, List.of(DigestAlgorithm.SHA256), ProgressListener.NONE);
  }

  @Benchmark
  public byte[] channelDirect() throws Exception {
    return channel(ByteBuffer.allocateDirect(buffer));
  }

  @Benchmark
  public byte[] channelHeap() throws Exception {
    return channel(ByteBuffer.allocate(buffer));
  }

  private byte[] channel(ByteBuffer b) throws Exception {
    MessageDigest md = sha256();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(b) >= 0) {
        b.flip();
        md.update(b);
        b.clear();
      }
    }
    return md.digest();
  }

  @Benchmark
  public byte[] channelDirectCopied() throws Exception {
    MessageDigest md = sha256();
    ByteBuffer b = ByteBuffer.allocateDirect(buffer);
    byte[] array = new byte[buffer];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(b) >= 0) {
        b.flip();
        int n = b.remaining();
        b.get(array, 0, n);
        md.update(array, 0, n);
        b.clear();
      }
    }
    return md.digest();
  }

  @Benchmark
  public byte[] readerThreadDirect() throws Exception {
    return readerThread(true);
  }

  @Benchmark
  public byte[] readerThreadHeap() throws Exception {
    return readerThread(false);
  }

  /**
   * Another thread reads into a ring of four buffers while this one hashes them. With heap buffers
   * the reader's channel copies from its temporary direct buffer, so the hashing thread copies
   * nothing.
   */
  private byte[] readerThread(boolean direct) throws Exception {
    MessageDigest md = sha256();
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(4);
    BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(5);
    for (int i = 0; i < 4; i++) {
      free.add(direct ? ByteBuffer.allocateDirect(buffer) : ByteBuffer.allocate(buffer));
    }
    ByteBuffer end = ByteBuffer.allocate(0);
    Future<?> reading =
        reader.submit(
            () -> {
              try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                while (true) {
                  ByteBuffer b = free.take();
                  b.clear();
                  if (ch.read(b) < 0) {
                    full.put(end);
                    return null;
                  }
                  b.flip();
                  full.put(b);
                }
              }
            });
    for (ByteBuffer b = full.take(); b != end; b = full.take()) {
      md.update(b);
      free.put(b);
    }
    reading.get();
    return md.digest();
  }

  @Benchmark
  public byte[] inputStream() throws Exception {
    MessageDigest md = sha256();
    byte[] b = new byte[buffer];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(b)) > 0; ) {
        md.update(b, 0, n);
      }
    }
    return md.digest();
  }

  @Benchmark
  public byte[] mmap() throws Exception {
    MessageDigest md = sha256();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long pos = 0; pos < size; pos += 64L << 20) {
        MappedByteBuffer m =
            ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(64L << 20, size - pos));
        md.update(m);
      }
    }
    return md.digest();
  }
}
