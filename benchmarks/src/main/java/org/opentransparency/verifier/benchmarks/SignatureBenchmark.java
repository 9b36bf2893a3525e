package org.opentransparency.verifier.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
import org.opentransparency.verifier.signature.SigningKey;
import org.opentransparency.verifier.signature.VerificationKey;

/**
 * Signature verifications per second, per scheme, through the same {@link VerificationKey#verify}
 * every command uses. Run: {@code java -jar benchmarks/target/benchmarks.jar Signature}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureBenchmark {
  @Param({"ed25519", "ecdsa-p256", "ecdsa-p384", "rsa-pss-3072"})
  public String scheme;

  private VerificationKey key;
  private byte[] message;
  private byte[] signature;

  @Setup
  public void setup() {
    SigningKey.Kind kind = null;
    for (SigningKey.Kind k : SigningKey.Kind.values()) {
      if (k.id().equals(scheme)) {
        kind = k;
      }
    }
    SigningKey signer = SigningKey.generate(kind, new SecureRandom());
    key = signer.publicKey();
    message = "DSSEv1 28 application/vnd.in-toto+json 512 {...}".getBytes(StandardCharsets.UTF_8);
    signature = signer.sign(message);
  }

  @Benchmark
  public boolean verify() {
    return key.verify(message, signature);
  }
}
