package org.opentransparency.verifier.signature;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.Verdict;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.internal.StateLock;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.ManifestVerification;
import org.opentransparency.verifier.manifest.ManifestVerifier;
import org.opentransparency.verifier.manifest.SignatureCount;
import org.opentransparency.verifier.manifest.TrustedManifestStore;

/**
 * Verifies an update against a key manifest (SPEC 3.7): the manifest valid at the time (and, with a
 * state directory, the trusted one or its verified successor), a threshold of distinct usable keys
 * of the role, and for statements the subject's name and digests, role, expiry and version.
 * Thread-safe; a state directory is read and written under its lock.
 *
 * {@snippet :
 * UpdateVerifier verifier = UpdateVerifier.options().stateDirectory(Path.of("state")).build();
 * UpdateVerification r = verifier.verify(file, null, manifestBytes, "threat-rules", Instant.now());
 * if (!r.isValid()) {
 *   r.reasons().forEach(System.err::println);
 * }
 * }
 */
public final class UpdateVerifier {
  /** Where a signature is looked for beside FILE when none is given, in this order. */
  public static final List<String> SIGNATURE_SUFFIXES =
      List.of(".dsse", ".sig", ".asc", ".minisig", ".p7s");

  /** The digests a statement must list at least one of (SPEC 3.9). */
  private static final Set<DigestAlgorithm> STRONG =
      EnumSet.of(
          DigestAlgorithm.SHA256,
          DigestAlgorithm.SHA384,
          DigestAlgorithm.SHA512,
          DigestAlgorithm.SHA3_256,
          DigestAlgorithm.SHA3_512,
          DigestAlgorithm.BLAKE2B_512);

  private final Limits limits;
  private final Path stateDirectory;

  private UpdateVerifier(Builder b) {
    this.limits = b.limits;
    this.stateDirectory = b.stateDirectory;
  }

  public static Builder options() {
    return new Builder();
  }

  /**
   * Verifies {@code file}.
   *
   * @param signature the signature file, or null to look beside {@code file}
   * @param manifestJson the key manifest envelope, as read
   * @throws UnknownRoleException if the manifest does not define {@code role}
   * @throws LimitExceededException if an input is over its limit
   * @throws IOException if {@code file}, the signature or the state cannot be read or written
   */
  public UpdateVerification verify(
      Path file, Path signature, byte[] manifestJson, String role, Instant at) throws IOException {
    requireNonNull(file, "file");
    requireNonNull(role, "role");
    if (!Files.isRegularFile(file)) {
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      throw new IOException(file + ": not a regular file");
    }
    Path sig = signature != null ? signature : findSignature(file);
    return run(UpdateContent.of(file), sig, null, manifestJson, role, at);
  }

  /**
   * Verifies an update read from {@code content} (read once, not closed), named {@code name} as a
   * statement's subject must name it, against the signature file's bytes.
   *
   * @throws UnknownRoleException if the manifest does not define {@code role}
   * @throws LimitExceededException if an input is over its limit
   * @throws IOException if the content or the state cannot be read or written
   */
  public UpdateVerification verify(
      InputStream content,
      String name,
      byte[] signature,
      byte[] manifestJson,
      String role,
      Instant at)
      throws IOException {
    requireNonNull(content, "content");
    requireNonNull(signature, "signature");
    Limits.checkBytes(
        "signature",
        signature.length,
        limits.maxSignatureBytes(),
        "maxSignatureBytes",
        "--max-signature-bytes");
    return run(UpdateContent.of(content, name), null, signature, manifestJson, role, at);
  }

  private UpdateVerification run(
      UpdateContent content,
      Path sigFile,
      byte[] sigBytes,
      byte[] manifestJson,
      String role,
      Instant at)
      throws IOException {
    if (stateDirectory == null) {
      return check(
          content,
          sigFile,
          sigBytes,
          ManifestVerifier.verify(manifestJson, at, limits),
          role,
          at,
          null);
    }
    try (StateLock lock = StateLock.acquire(stateDirectory)) {
      TrustedManifestStore store = new TrustedManifestStore(stateDirectory, limits);
      ManifestVerification m = store.update(List.of(manifestJson), at).result();
      return check(
          content, sigFile, sigBytes, m, role, at, UpdateRecords.load(stateDirectory, limits));
    }
  }

  private UpdateVerification check(
      UpdateContent content,
      Path sig,
      byte[] givenSignature,
      ManifestVerification mv,
      String role,
      Instant at,
      UpdateRecords records)
      throws IOException {
    Result r = new Result(content.name(), role);
    KeyManifest m = mv.manifest();
    if (m != null) {
      r.manifest = m;
      if (m.role(role).isEmpty()) {
        throw new UnknownRoleException(role, m.roles().keySet());
      }
      r.threshold = m.role(role).get().threshold();
    }
    if (!mv.isValid()) {
      r.reasons.addAll(mv.reasons());
      return r.done();
    }
    if (sig == null && givenSignature == null) {
      r.reasons.add(
          new Reason(
              ReasonCode.MISSING_SIGNATURE,
              "no signature given and none found beside "
                  + content.name()
                  + " ("
                  + String.join(", ", SIGNATURE_SUFFIXES)
                  + ")"));
      return r.done();
    }
    byte[] sigBytes =
        givenSignature != null
            ? givenSignature
            : BoundedRead.file(
                sig, limits.maxSignatureBytes(), "maxSignatureBytes", "--max-signature-bytes");
    SignatureFormat format = SignatureFormat.detect(sigBytes);
    r.format = format;
    if (format == SignatureFormat.DSSE) {
      checkStatement(content, sigBytes, m, role, at, r);
      if (r.reasons.isEmpty() && records != null) {
        checkVersion(records, r);
      }
      return r.done();
    }
    // Keys of the role first; the others only to say that a key without the role signed.
    List<ManifestKey> keys =
        new ArrayList<>(m.keys().stream().filter(k -> k.hasRole(role)).toList());
    m.keys().stream().filter(k -> !k.hasRole(role)).forEach(keys::add);
    DetachedCheck detached;
    try {
      detached = parseDetached(format, sigBytes, keys);
    } catch (LimitExceededException e) {
      throw e;
    } catch (InvalidInputException e) {
      if ((format == SignatureFormat.OPENPGP || format == SignatureFormat.CMS)
          && SignatureFormat.isBinary(sigBytes)) {
        // Binary bytes that only looked like an OpenPGP packet or a CMS structure are a raw
        // signature (or nothing at all): they are checked as one.
        format = SignatureFormat.RAW;
        r.format = format;
        detached = RawSignatures.parse(sigBytes, keys);
      } else {
        r.reasons.add(
            new Reason(
                ReasonCode.MALFORMED_SIGNATURE, format.id() + " signature: " + e.getMessage()));
        return r.done();
      }
    }
    checkDetached(content, detached, format, at, r);
    if (records != null && r.reasons.isEmpty()) {
      r.reasons.add(
          new Reason(
              ReasonCode.UNSUPPORTED_FORMAT,
              "a "
                  + format.id()
                  + " signature carries no version, so --state cannot guard it against"
                  + " rollback; sign a statement (verifier sign) instead"));
    }
    return r.done();
  }

  /** The check of a detached signature file of a format other than the native statement. */
  private static DetachedCheck parseDetached(
      SignatureFormat format, byte[] sig, List<ManifestKey> keys) throws IOException {
    switch (format) {
      case RAW:
        return RawSignatures.parse(sig, keys);
      case OPENPGP:
        return OpenPgpSignatures.parse(sig, keys);
      case MINISIGN:
        return MinisignSignatures.parseMinisign(sig, keys);
      case SIGNIFY:
        return MinisignSignatures.parseSignify(sig, keys);
      case CMS:
        return CmsSignatures.parse(sig, keys);
      default:
        throw new IllegalArgumentException(format.id());
    }
  }

  /** Reads the update once through a detached check, then counts its signers. */
  private static void checkDetached(
      UpdateContent content, DetachedCheck check, SignatureFormat format, Instant at, Result r)
      throws IOException {
    Set<DigestAlgorithm> algorithms = EnumSet.of(DigestAlgorithm.SHA256);
    algorithms.addAll(check.digests());
    Map<DigestAlgorithm, Digest> digests = content.scan(algorithms, check.sinks());
    r.sha256 = digests.get(DigestAlgorithm.SHA256).hex();
    Counted c = count(check, digests, format, r.role, at, r.threshold);
    r.signers.addAll(c.signers());
    r.details.putAll(c.details());
    r.reasons.addAll(c.reasons());
  }

  /**
   * What a detached check's signatures count for: the signers when they reach the threshold, else
   * none and every reason.
   */
  record Counted(Set<String> signers, Map<String, String> details, List<Reason> reasons) {}

  /** Judges a check whose update has been read; see {@link Counted}. */
  static Counted count(
      DetachedCheck check,
      Map<DigestAlgorithm, Digest> digests,
      SignatureFormat format,
      String role,
      Instant at,
      int threshold) {
    CheckOutcome out = new CheckOutcome(role, at);
    try {
      check.finish(digests, out);
    } catch (RuntimeException e) {
      // A failure inside a format's code or the cryptography never means "verified": whatever
      // the check had counted before it failed is dropped with it.
      return new Counted(
          Set.of(),
          Map.of(),
          List.of(
              new Reason(
                  ReasonCode.BAD_SIGNATURE,
                  format.id() + " signature could not be checked: " + e.getClass().getSimpleName()),
              thresholdNotMet(role, 0, threshold)));
    }
    if (threshold > 0 && out.signers().size() >= threshold) {
      return new Counted(out.signers(), out.details(), List.of());
    }
    List<Reason> reasons = new ArrayList<>(out.problems());
    if (threshold > check.maxSignatures()) {
      reasons.add(
          new Reason(
              ReasonCode.THRESHOLD_NOT_MET,
              String.format(
                  Locale.ROOT,
                  "role %s needs %d distinct signatures; a %s signature carries only %d",
                  role,
                  threshold,
                  format.id(),
                  check.maxSignatures())));
    } else {
      reasons.add(thresholdNotMet(role, out.signers().size(), threshold));
    }
    return new Counted(Set.of(), out.details(), reasons);
  }

  private static Path findSignature(Path file) {
    for (String suffix : SIGNATURE_SUFFIXES) {
      Path p = file.resolveSibling(file.getFileName() + suffix);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private void checkStatement(
      UpdateContent content, byte[] sigBytes, KeyManifest m, String role, Instant at, Result r)
      throws IOException {
    Envelope env;
    Statement st;
    try {
      env = Envelope.parse(sigBytes, "signature", limits);
      if (!env.payloadType().equals(Statement.PAYLOAD_TYPE)) {
        r.reasons.add(
            new Reason(
                ReasonCode.UNSUPPORTED_FORMAT,
                "envelope payloadType " + env.payloadType() + " is not " + Statement.PAYLOAD_TYPE));
        return;
      }
      // The statement is read from the very bytes the signatures cover, and never again.
      st = Statement.parse(env.payload(), limits);
    } catch (Statement.UnsupportedStatementException e) {
      r.reasons.add(new Reason(ReasonCode.UNSUPPORTED_FORMAT, e.getMessage()));
      return;
    } catch (LimitExceededException e) {
      throw e;
    } catch (InvalidInputException e) {
      r.reasons.add(new Reason(ReasonCode.MALFORMED_SIGNATURE, e.getMessage()));
      return;
    }
    r.version = st.version();
    r.expiresAt = st.expiresAt();

    SignatureCount count = SignatureCount.of(m, env.pae(), env.signatures(), role, at);
    r.signers.addAll(count.signers());
    if (count.count() < r.threshold) {
      r.reasons.addAll(count.problems());
      r.reasons.add(thresholdNotMet(role, count.count(), r.threshold));
    }

    List<Statement.Subject> named =
        st.subjects().stream().filter(s -> s.name().equals(r.name)).toList();
    if (named.isEmpty()) {
      r.reasons.add(
          new Reason(
              ReasonCode.NAME_MISMATCH,
              "the statement names "
                  + st.subjects().stream().map(s -> "'" + s.name() + "'").toList()
                  + ", not '"
                  + r.name
                  + "'"));
      r.sha256 =
          content
              .scan(EnumSet.of(DigestAlgorithm.SHA256), List.of())
              .get(DigestAlgorithm.SHA256)
              .hex();
    } else if (named.size() > 1) {
      r.reasons.add(
          new Reason(ReasonCode.MALFORMED_SIGNATURE, "the statement lists '" + r.name + "' twice"));
      r.sha256 =
          content
              .scan(EnumSet.of(DigestAlgorithm.SHA256), List.of())
              .get(DigestAlgorithm.SHA256)
              .hex();
    } else {
      checkDigests(content, named.get(0), r);
    }
    if (!st.role().equals(role)) {
      r.reasons.add(
          new Reason(
              ReasonCode.ROLE_MISMATCH,
              "the statement is for role " + st.role() + ", not " + role));
    }
    if (st.expiresAt() != null && !at.isBefore(st.expiresAt())) {
      r.reasons.add(
          new Reason(ReasonCode.UPDATE_EXPIRED, "the update expired at " + st.expiresAt()));
    }
  }

  private void checkDigests(UpdateContent content, Statement.Subject subject, Result r)
      throws IOException {
    Map<String, String> listed = subject.digests();
    Set<DigestAlgorithm> computable = EnumSet.of(DigestAlgorithm.SHA256);
    boolean strong = false;
    for (String name : listed.keySet()) {
      Optional<DigestAlgorithm> a = statementAlgorithm(name);
      if (a.isPresent()) {
        computable.add(a.get());
        strong |= STRONG.contains(a.get());
      }
    }
    Map<DigestAlgorithm, Digest> actual = content.scan(computable, List.of());
    r.sha256 = actual.get(DigestAlgorithm.SHA256).hex();
    if (!strong) {
      r.reasons.add(
          new Reason(
              ReasonCode.WEAK_DIGEST,
              "the statement lists only "
                  + listed.keySet()
                  + " for "
                  + r.name
                  + "; one of sha256, sha384, sha512, sha3-256, sha3-512,"
                  + " blake2b-512 is needed"));
    }
    for (Map.Entry<String, String> e : listed.entrySet()) {
      Optional<DigestAlgorithm> a = statementAlgorithm(e.getKey());
      if (a.isEmpty()) {
        continue;
      }
      Optional<Digest> expected = Digest.parseHex(a.get(), e.getValue());
      if (expected.isEmpty() || !expected.get().equals(actual.get(a.get()))) {
        r.reasons.add(
            new Reason(
                ReasonCode.DIGEST_MISMATCH,
                String.format(
                    Locale.ROOT,
                    "%s of %s is %s, the statement says %s",
                    a.get().id(),
                    r.name,
                    actual.get(a.get()).hex(),
                    e.getValue())));
      }
    }
  }

  /** in-toto's digest names ({@code sha3_256}, {@code blake2b}) and ours ({@code sha3-256}). */
  static Optional<DigestAlgorithm> statementAlgorithm(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
    if (n.equals("blake2b")) {
      return Optional.of(DigestAlgorithm.BLAKE2B_512);
    }
    return DigestAlgorithm.fromId(n);
  }

  private static Reason thresholdNotMet(String role, int got, int need) {
    return new Reason(
        ReasonCode.THRESHOLD_NOT_MET,
        String.format(
            Locale.ROOT,
            "role %s is signed by %d of the %d distinct keys it needs",
            role,
            got,
            need));
  }

  private static void checkVersion(UpdateRecords records, Result r) throws IOException {
    UpdateRecords.Entry seen = records.get(r.role, r.name);
    if (seen != null && r.version < seen.version()) {
      r.reasons.add(
          new Reason(
              ReasonCode.ROLLBACK,
              String.format(
                  Locale.ROOT,
                  "version %d of %s is older than the version %d already accepted",
                  r.version,
                  r.name,
                  seen.version())));
      return;
    }
    if (seen != null && r.version == seen.version() && !seen.sha256().equals(r.sha256)) {
      r.reasons.add(
          new Reason(
              ReasonCode.VERSION_CONFLICT,
              String.format(
                  Locale.ROOT,
                  "version %d of %s was accepted before with other bytes (sha256 %s)",
                  r.version,
                  r.name,
                  seen.sha256())));
      return;
    }
    if (seen == null || r.version > seen.version()) {
      records.put(r.role, r.name, r.version, r.sha256);
    }
  }

  /** What a verification found so far. */
  private static final class Result {
    final String name;
    final String role;
    final List<Reason> reasons = new ArrayList<>();
    final Set<String> signers = new LinkedHashSet<>();
    final Map<String, String> details = new LinkedHashMap<>();
    KeyManifest manifest;
    SignatureFormat format;
    String sha256;
    int threshold;
    Long version;
    Instant expiresAt;

    Result(String name, String role) {
      this.name = name;
      this.role = role;
    }

    UpdateVerification done() {
      boolean valid = reasons.isEmpty();
      return new UpdateVerification(
          valid ? Verdict.VALID : Verdict.INVALID,
          name,
          sha256,
          role,
          format == null ? null : format.id(),
          List.copyOf(signers),
          threshold,
          version,
          expiresAt,
          manifest == null ? null : manifest.publisher(),
          manifest == null ? null : manifest.version(),
          details,
          reasons);
    }
  }

  /** Options of a verifier. */
  public static final class Builder {
    private Limits limits = Limits.defaults();
    private Path stateDirectory;

    private Builder() {}

    public Builder limits(Limits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Keep the trusted manifest and the accepted versions here (SPEC 3.7 rule 4): created when
     * missing; an empty directory trusts the manifest given.
     */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
      return this;
    }

    public UpdateVerifier build() {
      return new UpdateVerifier(this);
    }
  }
}
