package org.opentransparency.verifier.hash;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.TestData;

/**
 * Known answers: the examples of FIPS 180-4 and FIPS 202, the BLAKE3 team's test-vector inputs, and
 * what sha*sum, b2sum, b3sum and openssl printed for the fixtures (testdata/hash/make.sh).
 */
class DigestAlgorithmTest {
  private static String hex(DigestAlgorithm alg, byte[] data) {
    return MultiDigester.digest(data, List.of(alg)).get(alg).hex();
  }

  @ParameterizedTest(name = "{0}({1})")
  @CsvSource({
    // FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values").
    "sha256, abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "sha256, '', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "sha256, abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq,"
        + " 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    "sha384, abc, cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
        + "8086072ba1e7cc2358baeca134c825a7",
    "sha512, abc, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    // FIPS 202 examples.
    "sha3-256, abc, 3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
    "sha3-256, '', a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
    "sha3-512, abc, b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
        + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
    // RFC 7693 appendix A.
    "blake2b-512, abc, ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
  })
  void digest_knownAnswer(String id, String message, String expected) {
    DigestAlgorithm alg = DigestAlgorithm.fromId(id).orElseThrow();

    assertEquals(expected, hex(alg, message.getBytes(US_ASCII)));
  }

  @Test
  void sha256_millionA_matchesFips180Example() {
    byte[] a = new byte[1_000_000];
    Arrays.fill(a, (byte) 'a');

    assertEquals(
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        hex(DigestAlgorithm.SHA256, a));
  }

  @Test
  void blake3_officialVectorInputs_matchB3sum() {
    List<String> failures = new ArrayList<>();
    for (String line : TestData.lines("hash/recorded/blake3-vectors.txt")) {
      String[] f = line.split(" ");
      int n = Integer.parseInt(f[0]);
      byte[] input = new byte[n];
      for (int i = 0; i < n; i++) {
        input[i] = (byte) (i % 251);
      }
      if (!hex(DigestAlgorithm.BLAKE3, input).equals(f[1])) {
        failures.add("length " + n);
      }
    }

    assertEquals(List.of(), failures);
  }

  @ParameterizedTest
  @CsvSource({
    "sha256, sha256sum.txt",
    "sha384, sha384sum.txt",
    "sha512, sha512sum.txt",
    "blake2b-512, b2sum.txt",
    "blake3, b3sum.txt",
    "sha3-256, openssl-sha3-256.txt",
    "sha3-512, openssl-sha3-512.txt",
  })
  void fixtures_matchReferenceTools(String id, String recording) throws IOException {
    DigestAlgorithm alg = DigestAlgorithm.fromId(id).orElseThrow();
    List<String> failures = new ArrayList<>();
    List<String> lines = TestData.lines("hash/recorded/" + recording);

    for (String line : lines) {
      String expected = line.substring(0, line.indexOf(' '));
      String name = line.substring(line.indexOf(' ') + 2);
      Path file = TestData.path("hash/files/" + name);
      String actual =
          FileDigester.digest(file, List.of(alg), ProgressListener.NONE).digest(alg).hex();
      if (!actual.equals(expected)) {
        failures.add(name);
      }
    }

    assertTrue(lines.size() >= 4, "recording too short");
    assertEquals(List.of(), failures);
  }

  @Test
  void multiDigester_severalAlgorithms_equalOnePassEach() {
    byte[] data = new byte[100_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }

    Map<DigestAlgorithm, Digest> all =
        MultiDigester.digest(data, List.of(DigestAlgorithm.values()));

    for (DigestAlgorithm alg : DigestAlgorithm.values()) {
      assertEquals(hex(alg, data), all.get(alg).hex(), alg.id());
    }
  }

  @Test
  void fileDigester_largeFileSeveralAlgorithms_equalsInMemoryDigests(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    // Above the size where several algorithms are hashed on parallel threads.
    byte[] data = new byte[9 * 1024 * 1024 + 12345];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i ^ (i >>> 9));
    }
    Path file = Files.write(dir.resolve("big"), data);
    List<DigestAlgorithm> algs = List.of(DigestAlgorithm.values());

    FileDigest d = FileDigester.digest(file, algs, ProgressListener.NONE);

    assertEquals(data.length, d.size());
    assertEquals(MultiDigester.digest(data, algs), d.digests());
  }

  @Test
  void fileDigester_twoAlgorithms_readerThreadHashesOne(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    byte[] data = new byte[5 * 1024 * 1024 + 7];
    new java.util.Random(5).nextBytes(data);
    Path file = Files.write(dir.resolve("big"), data);
    List<DigestAlgorithm> algs = List.of(DigestAlgorithm.SHA512, DigestAlgorithm.SHA256);

    FileDigest d = FileDigester.digest(file, algs, ProgressListener.NONE);

    assertEquals(MultiDigester.digest(data, algs), d.digests());
    // Every algorithm has a place in the order the reading thread picks its own by.
    assertEquals(
        java.util.EnumSet.allOf(DigestAlgorithm.class),
        java.util.EnumSet.copyOf(PipelinedDigest.CHEAPEST_FIRST));
  }

  /** SHA-3 comes from BouncyCastle (faster on JDK 17): it must equal the JDK's, at any length. */
  @ParameterizedTest
  @CsvSource({"sha3-256, SHA3-256", "sha3-512, SHA3-512"})
  @org.opentransparency.verifier.internal.SuppressForbidden(reason = "the JDK as the oracle")
  void sha3_equalsTheJdk(String id, String jdkName) throws Exception {
    java.util.Random random = new java.util.Random(3);
    for (int length : new int[] {0, 1, 135, 136, 137, 71, 72, 73, 100_000, 1_048_583}) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      DigestAlgorithm alg = DigestAlgorithm.fromId(id).orElseThrow();
      byte[] expected = java.security.MessageDigest.getInstance(jdkName).digest(data);
      assertEquals(
          java.util.HexFormat.of().formatHex(expected),
          MultiDigester.digest(data, List.of(alg)).get(alg).hex(),
          id + " of " + length + " bytes");
    }
  }

  @Test
  void fromTag_acceptsBsdAndOpensslNames() {
    assertEquals(DigestAlgorithm.SHA256, DigestAlgorithm.fromTag("SHA2-256").orElseThrow());
    assertEquals(DigestAlgorithm.SHA3_512, DigestAlgorithm.fromTag("SHA3-512").orElseThrow());
    assertEquals(DigestAlgorithm.BLAKE2B_512, DigestAlgorithm.fromTag("BLAKE2b").orElseThrow());
    assertEquals(DigestAlgorithm.BLAKE3, DigestAlgorithm.fromTag("BLAKE3").orElseThrow());
    assertFalse(DigestAlgorithm.fromTag("MD5").orElseThrow().isStrong());
    assertTrue(DigestAlgorithm.fromTag("GOST").isEmpty());
  }
}
