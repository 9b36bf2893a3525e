package org.opentransparency.verifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestVerification;
import org.opentransparency.verifier.manifest.ManifestVerifier;

/**
 * Key manifests: {@link KeyManifest#parse} and {@link ManifestVerifier#verify}. Invariant: a
 * manifest is valid only if its payload is one that a root key really signed — the payload of a
 * valid seed (testdata/attacks/out/manifest-valid.json) — since nobody can forge the signature.
 */
class ManifestFuzzTest {
  private static final Set<ByteBuffer> SIGNED = new HashSet<>();

  static {
    try {
      Path seed = org.opentransparency.verifier.TestData.path("attacks/out/manifest-valid.json");
      byte[] json = Files.readAllBytes(seed);
      SIGNED.add(ByteBuffer.wrap(Envelope.parse(json, "manifest", FuzzSupport.LIMITS).payload()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void manifest(byte[] data) throws IOException {
    try {
      KeyManifest.parse(data, FuzzSupport.LIMITS);
    } catch (IOException e) {
      FuzzSupport.expected(e);
    }
    ManifestVerification v;
    try {
      v = ManifestVerifier.verify(data, AT, FuzzSupport.LIMITS);
    } catch (IOException e) {
      FuzzSupport.expected(e);
      return;
    }
    if (v.isValid()) {
      byte[] payload = Envelope.parse(data, "manifest", FuzzSupport.LIMITS).payload();
      assertTrue(SIGNED.contains(ByteBuffer.wrap(payload)), "valid without a real signature");
    }
  }
}
