package org.opentransparency.verifier.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opentransparency.verifier.hash.ChecksumLines;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigest;
import org.opentransparency.verifier.hash.FileDigester;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.hash.ProgressListener;

/**
 * The per-file costs of hashing a tree of small files: SHA-256 of 1,000 files of 4 KiB in the page
 * cache, one thread, per operation. {@code library} is {@link FileDigester}'s small-file path (a
 * {@code FileInputStream}, the thread's digester reused); {@code freshDigester} the same with a new
 * digester per file, as before; {@code channel} a {@code FileChannel} per file. {@code
 * linesPrintln} and {@code linesBytes} write the 1,000 report lines through {@code
 * PrintStream.println} and as bytes encoded by the caller, as {@code verifier hash} now does. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar ManyFiles}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ManyFilesBenchmark {
  private static final Set<DigestAlgorithm> SHA256 = EnumSet.of(DigestAlgorithm.SHA256);
  private static final int FILES = 1000;
  private static final int SIZE = 4096;

  private Path dir;
  private final List<Path> files = new ArrayList<>();
  private final List<FileDigest> digests = new ArrayList<>();

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("verifier-bench");
    byte[] data = new byte[SIZE];
    Random r = new Random(1);
    for (int i = 0; i < FILES; i++) {
      r.nextBytes(data);
      Path f = Files.write(dir.resolve(String.format(Locale.ROOT, "f%04d.bin", i)), data);
      files.add(f);
      digests.add(FileDigester.digest(f, SHA256, ProgressListener.NONE, SIZE));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    for (Path f : files) {
      Files.deleteIfExists(f);
    }
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long library() throws IOException {
    long sum = 0;
    for (Path f : files) {
      sum += FileDigester.digest(f, SHA256, ProgressListener.NONE, SIZE).size();
    }
    return sum;
  }

  @Benchmark
  public long freshDigester() throws IOException {
    byte[] buffer = new byte[8192];
    return eachWithNewDigester(
        (f, d) -> {
          try (FileInputStream in = new FileInputStream(f.toFile())) {
            for (int n; (n = in.read(buffer)) != -1; ) {
              d.update(buffer, 0, n);
            }
          }
        });
  }

  @Benchmark
  public long channel() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    return eachWithNewDigester(
        (f, d) -> {
          try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            while (ch.read(buffer) != -1) {
              buffer.flip();
              d.update(buffer);
              buffer.clear();
            }
          }
        });
  }

  /** Feeds one file to a digester. */
  private interface Feed {
    void into(Path file, MultiDigester digester) throws IOException;
  }

  private long eachWithNewDigester(Feed feed) throws IOException {
    long sum = 0;
    for (Path f : files) {
      MultiDigester d = MultiDigester.of(SHA256);
      feed.into(f, d);
      sum += new FileDigest(f, d.count(), d.finish()).size();
    }
    return sum;
  }

  @Benchmark
  public int linesPrintln() {
    return eachLine(PrintStream::println);
  }

  @Benchmark
  public int linesBytes() {
    return eachLine(
        (out, line) -> {
          byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
          out.write(bytes, 0, bytes.length);
        });
  }

  private int eachLine(BiConsumer<PrintStream, String> write) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(128 * FILES);
    PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
    for (FileDigest d : digests) {
      Digest digest = d.digest(DigestAlgorithm.SHA256);
      write.accept(out, ChecksumLines.coreutils(digest, d.path().toString()));
    }
    out.flush();
    return sink.size();
  }
}
