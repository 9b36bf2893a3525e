package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentransparency.verifier.TestData.AT;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.fuzz.FuzzSupport;

/**
 * Every signature format's parser, through the one path they all share: {@link
 * UpdateVerifier#verify(java.io.InputStream, String, byte[], byte[], String, java.time.Instant)}
 * with fuzzed signature bytes against a fixed valid manifest (testdata/attacks/out/
 * manifest-valid.json, whose "software" key made rules.tar.gz.sig and rules.tar.gz.dsse). Formats
 * are detected from the bytes, so raw, DSSE, OpenPGP, minisign, signify and CMS parsers are all
 * reached. Invariants: the check never throws (a signature over the limit aside); it is never valid
 * for content other than the signed file; and it is valid for the signed file only when the bytes
 * carry the real signature (raw: as binary, hex or base64; DSSE: the signed payload with the real
 * signature).
 */
class UpdateVerifierFuzzTest {
  private static final byte[] MANIFEST;
  private static final byte[] CONTENT;
  private static final byte[] TAMPERED;
  private static final byte[] RAW;
  private static final Envelope DSSE;

  static {
    try {
      MANIFEST = Files.readAllBytes(TestData.path("attacks/out/manifest-valid.json"));
      CONTENT = Files.readAllBytes(TestData.path("attacks/out/rules.tar.gz"));
      RAW = Files.readAllBytes(TestData.path("attacks/out/rules.tar.gz.sig"));
      DSSE =
          Envelope.parse(
              Files.readAllBytes(TestData.path("attacks/out/rules.tar.gz.dsse")),
              "dsse",
              FuzzSupport.LIMITS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TAMPERED = CONTENT.clone();
    TAMPERED[3] ^= 0x20;
  }

  private static final UpdateVerifier VERIFIER =
      UpdateVerifier.options().limits(FuzzSupport.LIMITS).build();

  @FuzzTest
  void signature(byte[] sig) throws IOException {
    UpdateVerification real;
    UpdateVerification tampered;
    try {
      real = verify(CONTENT, sig);
      tampered = verify(TAMPERED, sig);
    } catch (LimitExceededException e) {
      FuzzSupport.expected(e);
      return;
    }
    assertFalse(tampered.isValid(), "a signature verified other content");
    if (real.isValid()) {
      assertTrue(carriesRealSignature(sig), "valid without the real signature");
    } else {
      assertFalse(real.reasons().isEmpty(), "invalid without a reason");
    }
  }

  private static UpdateVerification verify(byte[] content, byte[] sig) throws IOException {
    return VERIFIER.verify(
        new ByteArrayInputStream(content), "rules.tar.gz", sig, MANIFEST, "software", AT);
  }

  private static boolean carriesRealSignature(byte[] sig) {
    if (Arrays.equals(sig, RAW)) {
      return true;
    }
    String text = new String(sig, StandardCharsets.ISO_8859_1).strip();
    if (text.toLowerCase(Locale.ROOT).equals(HexFormat.of().formatHex(RAW))) {
      return true;
    }
    try {
      if (Arrays.equals(Base64.getMimeDecoder().decode(text), RAW)) {
        return true;
      }
    } catch (IllegalArgumentException e) {
      // Not base64.
    }
    try {
      Envelope env = Envelope.parse(sig, "dsse", FuzzSupport.LIMITS);
      return Arrays.equals(env.payload(), DSSE.payload())
          && env.signatures().stream()
              .anyMatch(s -> Arrays.equals(s.sig(), DSSE.signatures().get(0).sig()));
    } catch (IOException e) {
      return false;
    }
  }
}
