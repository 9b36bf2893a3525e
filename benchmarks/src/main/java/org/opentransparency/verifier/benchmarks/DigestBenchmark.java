package org.opentransparency.verifier.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/**
 * Throughput of each digest algorithm through the library's one-pass digester, per buffer size.
 * Bytes per second = ops/s x size. Run: {@code java -jar benchmarks/target/benchmarks.jar Digest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DigestBenchmark {
  @Param({"sha256", "sha384", "sha512", "sha3-256", "sha3-512", "blake2b-512", "blake3"})
  public String algorithm;

  @Param({"4096", "65536", "1048576"})
  public int size;

  private byte[] data;
  private List<DigestAlgorithm> algs;

  @Setup
  public void setup() {
    data = new byte[size];
    new Random(42).nextBytes(data);
    algs = List.of(DigestAlgorithm.fromId(algorithm).orElseThrow());
  }

  @Benchmark
  public Map<DigestAlgorithm, Digest> digest() {
    return MultiDigester.digest(data, algs);
  }
}
