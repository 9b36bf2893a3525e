package org.opentransparency.verifier.signature;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigest;
import org.opentransparency.verifier.hash.FileDigester;
import org.opentransparency.verifier.hash.ProgressListener;

/**
 * Writes signed updates (SPEC 3.6): an in-toto Statement v1 about one file, with its SHA-256 and
 * SHA-512, a role, a version and an optional expiry, in a DSSE envelope.
 */
public final class UpdateSigner {
  private UpdateSigner() {}

  /**
   * A new envelope for {@code file}, signed by {@code key}.
   *
   * @param expiresAt when the update stops being valid, or null for never
   * @throws IOException if the file cannot be read
   */
  public static Envelope sign(
      Path file, SigningKey key, String role, long version, Instant issuedAt, Instant expiresAt)
      throws IOException {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
    FileDigest d =
        FileDigester.digest(
            file,
            EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512),
            ProgressListener.NONE);
    Map<String, String> digests = new LinkedHashMap<>();
    for (Map.Entry<DigestAlgorithm, Digest> e : d.digests().entrySet()) {
      digests.put(e.getKey().id(), e.getValue().hex());
    }
    Statement st =
        new Statement(
            List.of(new Statement.Subject(file.getFileName().toString(), digests)),
            role,
            version,
            issuedAt,
            expiresAt);
    Envelope unsigned = new Envelope(Statement.PAYLOAD_TYPE, st.toJson(), List.of());
    return addSignature(unsigned, key);
  }

  /**
   * {@code existing} with one more signature by {@code key}, after checking that its statement is
   * about {@code file} as it is now (a stale statement is not signed again).
   *
   * @throws InvalidInputException if the envelope is not an update statement about this file
   */
  public static Envelope append(Envelope existing, Path file, SigningKey key, Limits limits)
      throws IOException {
    if (!existing.payloadType().equals(Statement.PAYLOAD_TYPE)) {
      throw new InvalidInputException("not an update statement envelope");
    }
    Statement st = Statement.parse(existing.payload(), limits);
    String name = file.getFileName().toString();
    Statement.Subject subject =
        st.subjects().stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new InvalidInputException("the statement is not about " + name));
    FileDigest d =
        FileDigester.digest(file, EnumSet.of(DigestAlgorithm.SHA256), ProgressListener.NONE);
    String listed = subject.digests().get("sha256");
    if (listed == null
        || !Digest.parseHex(DigestAlgorithm.SHA256, listed)
            .equals(java.util.Optional.of(d.digest(DigestAlgorithm.SHA256)))) {
      throw new InvalidInputException(
          "the statement's sha256 of "
              + name
              + " does not match the file: it changed since it was signed");
    }
    return addSignature(existing, key);
  }

  private static Envelope addSignature(Envelope env, SigningKey key) {
    return env.withSignature(new Envelope.Signature(key.publicKey().keyId(), key.sign(env.pae())));
  }
}
