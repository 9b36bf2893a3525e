package org.opentransparency.verifier.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;

/**
 * Indexing a zip of many small entries, where the per-entry work (the central directory record, the
 * local header, the entry's description and checks) outweighs inflating and hashing: the path of
 * issue #17. Run with {@code -prof gc} for the bytes allocated per index. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar ZipIndex -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ZipIndexBenchmark {
  @Param({"10000", "50000"})
  public int entries;

  private Path dir;
  private Path zip;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("verifier-bench");
    zip = dir.resolve("small.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < entries; i++) {
        ZipEntry e =
            new ZipEntry(
                String.format(java.util.Locale.ROOT, "pkg%03d/entry-%07d.txt", i % 500, i));
        e.setTime(1_767_225_600_000L);
        out.putNextEntry(e);
        out.write(
            ("entry " + i + ": " + ("lorem ipsum " + (i * 7919 % 10007) + " ").repeat(8) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(zip);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public ArchiveIndex index() throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(zip);
  }
}
