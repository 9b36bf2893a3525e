package org.opentransparency.verifier.benchmarks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
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
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.internal.SuppressForbidden;

/**
 * The choices behind the hashing code, measured: the JDK's MessageDigest against BouncyCastle's
 * digest for each algorithm both have (the library uses the JDK's where it has the algorithm: its
 * SHA-2 runs on the SHA-NI intrinsic), and SHA-256 + SHA-512 in one pass of the library's digester
 * against two passes. Bytes per second = ops/s x 1 MiB. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar Provider}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@SuppressForbidden(
    reason = "measures the JDK's MessageDigest directly, beside the library's own entry points")
public class ProviderBenchmark {
  @Param({"sha256", "sha512", "sha3-256", "sha3-512"})
  public String algorithm;

  private final byte[] data = new byte[1 << 20];
  private MessageDigest jdk;
  private Digest bc;
  private byte[] out;

  @Setup
  public void setup() throws NoSuchAlgorithmException {
    new Random(42).nextBytes(data);
    switch (algorithm) {
      case "sha256":
        jdk = MessageDigest.getInstance("SHA-256");
        bc = new SHA256Digest();
        break;
      case "sha512":
        jdk = MessageDigest.getInstance("SHA-512");
        bc = new SHA512Digest();
        break;
      case "sha3-256":
        jdk = MessageDigest.getInstance("SHA3-256");
        bc = new SHA3Digest(256);
        break;
      default:
        jdk = MessageDigest.getInstance("SHA3-512");
        bc = new SHA3Digest(512);
    }
    out = new byte[bc.getDigestSize()];
  }

  @Benchmark
  public byte[] jdk() {
    jdk.update(data);
    return jdk.digest();
  }

  @Benchmark
  public byte[] bouncyCastle() {
    bc.update(data, 0, data.length);
    bc.doFinal(out, 0);
    return out;
  }

  /** Both SHA-256 and SHA-512 of the buffer in one pass of the library's digester. */
  @State(Scope.Benchmark)
  public static class Both {
    final byte[] data = new byte[1 << 20];

    @Setup
    public void setup() {
      new Random(7).nextBytes(data);
    }
  }

  @Benchmark
  public Map<DigestAlgorithm, org.opentransparency.verifier.hash.Digest> sha256AndSha512OnePass(
      Both b) {
    return MultiDigester.digest(b.data, List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512));
  }

  @Benchmark
  public Object sha256ThenSha512TwoPasses(Both b) {
    return List.of(
        MultiDigester.digest(b.data, List.of(DigestAlgorithm.SHA256)),
        MultiDigester.digest(b.data, List.of(DigestAlgorithm.SHA512)));
  }
}
