package org.opentransparency.verifier.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.SharedEntries;

/**
 * Indexing both sides of a comparison of two jars that differ in their timestamps and one entry:
 * each side inflating and hashing every entry, against the entries held in the same bytes read once
 * for both ({@link SharedEntries}), on the two threads a comparison uses. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar SharedEntries}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SharedEntriesBenchmark {
  private static final int ENTRIES = 2000;

  private Path dir;
  private Path left;
  private Path right;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("verifier-bench");
    left = jar("left.jar", 1_767_225_600_000L, -1);
    right = jar("right.jar", 1_780_000_000_000L, ENTRIES / 2);
    pool = Executors.newFixedThreadPool(2);
  }

  /** A jar of text entries of ~16 KiB, entry {@code changed} with a line more. */
  private Path jar(String name, long time, int changed) throws IOException {
    Path p = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      for (int i = 0; i < ENTRIES; i++) {
        ZipEntry e =
            new ZipEntry(String.format(java.util.Locale.ROOT, "pkg%02d/C%05d.java", i % 50, i));
        e.setTime(time);
        out.putNextEntry(e);
        StringBuilder s = new StringBuilder();
        for (int line = 0; s.length() < 16 * 1024; line++) {
          s.append("  int f")
              .append(line)
              .append(" = ")
              .append((i * 7919L + line * 104729L) % 1000003)
              .append(";\n");
        }
        if (i == changed) {
          s.append("// rebuilt\n");
        }
        out.write(s.toString().getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
      }
    }
    return p;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    pool.shutdownNow();
    Files.deleteIfExists(left);
    Files.deleteIfExists(right);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public ArchiveIndex[] eachSideReadsAll() throws Exception {
    return index(SharedEntries.none());
  }

  @Benchmark
  public ArchiveIndex[] sameBytesReadOnce() throws Exception {
    return index(SharedEntries.of(left, right, Limits.defaults(), pool));
  }

  private ArchiveIndex[] index(SharedEntries shared)
      throws InterruptedException, ExecutionException {
    Future<ArchiveIndex> l =
        pool.submit(() -> new ArchiveIndexer(Limits.defaults(), shared.left()).index(left));
    Future<ArchiveIndex> r =
        pool.submit(() -> new ArchiveIndexer(Limits.defaults(), shared.right()).index(right));
    return new ArchiveIndex[] {l.get(), r.get()};
  }
}
