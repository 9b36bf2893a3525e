package org.opentransparency.verifier.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
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
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.hash.ContentDigest;

/**
 * Archive reading, content digests and comparison on generated archives of many small entries (the
 * shape of a jar). Run: {@code java -jar benchmarks/target/benchmarks.jar Archive}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ArchiveBenchmark {
  @Param({"zip", "tar.gz", "tar.xz"})
  public String format;

  @Param({"5000"})
  public int entries;

  private Path dir;
  private Path left;
  private Path right;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("verifier-bench");
    left = dir.resolve("left." + format);
    right = dir.resolve("right." + format);
    write(left, 1);
    write(right, 2);
  }

  /** Entries of 2-8 KiB of compressible text; the right side has other timestamps. */
  private void write(Path file, int timestampSeed) throws IOException {
    Random random = new Random(42);
    try (OutputStream out = Files.newOutputStream(file)) {
      if (format.equals("zip")) {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
          for (int i = 0; i < entries; i++) {
            ZipEntry e = new ZipEntry("org/example/p" + (i % 50) + "/C" + i + ".class");
            e.setTime(1_700_000_000_000L + timestampSeed * 1000L);
            zip.putNextEntry(e);
            zip.write(content(random));
            zip.closeEntry();
          }
        }
      } else {
        try (OutputStream compressed =
                format.equals("tar.gz")
                    ? new GzipCompressorOutputStream(out)
                    : new XZCompressorOutputStream(out);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
          for (int i = 0; i < entries; i++) {
            byte[] data = content(random);
            TarArchiveEntry e =
                new TarArchiveEntry("org/example/p" + (i % 50) + "/C" + i + ".class");
            e.setSize(data.length);
            e.setModTime(1_700_000_000_000L + timestampSeed * 1000L);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
          }
        }
      }
    }
  }

  private static byte[] content(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = 2048 + random.nextInt(6144);
    while (sb.length() < n) {
      sb.append("constant pool entry ").append(random.nextInt(1000)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(left);
    Files.deleteIfExists(right);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public ArchiveIndex index() throws IOException {
    return new ArchiveIndexer(Limits.defaults()).index(left);
  }

  @Benchmark
  public String contentDigest() throws IOException {
    return ContentDigest.of(left, Limits.defaults());
  }

  @Benchmark
  public ComparisonResult compare() throws IOException {
    return ArchiveComparator.compare(left, right, CompareOptions.builder().build());
  }
}
