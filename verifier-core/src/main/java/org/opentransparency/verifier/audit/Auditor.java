package org.opentransparency.verifier.audit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.buildinfo.BuildInfo;
import org.opentransparency.verifier.buildinfo.BuildInfoCheck;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.compare.EntryDiff;
import org.opentransparency.verifier.compare.EntryStatus;
import org.opentransparency.verifier.compare.FieldDiff;
import org.opentransparency.verifier.hash.CheckResult;
import org.opentransparency.verifier.hash.ChecksumCheck;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.signature.UpdateVerification;
import org.opentransparency.verifier.signature.UpdateVerifier;

/**
 * The reviewer's one call (SPEC 3.8): every check that applies to a release artifact — its
 * signature against the key manifest, the checksum files' lines for it, a Maven .buildinfo, and an
 * independent rebuild compared by content — as one checklist with one verdict.
 *
 * <p>A check that says no is a failed line of the checklist; a check that cannot run (a named file
 * missing or unreadable, a limit hit) is an {@link IOException}, as everywhere in the library.
 * Thread-safe.
 *
 * {@snippet :
 * AuditResult r = Auditor.options().build().audit(
 *     Auditor.request(Path.of("app-1.0.jar"), manifestBytes, "software", Instant.now())
 *         .rebuilt(Path.of("rebuild/app-1.0.jar"))
 *         .sums(Path.of("SHA256SUMS")));
 * if (!r.passed()) { ... }
 * }
 */
public final class Auditor {
  /** Metadata or difference lines shown per check before "... and N more". */
  static final int MAX_DETAIL_LINES = 20;

  private final Limits limits;
  private final Path stateDirectory;
  private final CompareOptions compareOptions;

  private Auditor(Builder b) {
    this.limits = b.limits;
    this.stateDirectory = b.stateDirectory;
    this.compareOptions = b.compareOptions;
  }

  public static Builder options() {
    return new Builder();
  }

  /** What to audit: the artifact, the manifest and role, the time; the other inputs optional. */
  public static Request request(Path artifact, byte[] manifestJson, String role, Instant at) {
    return new Request(artifact, manifestJson, role, at);
  }

  /**
   * Runs every check the request names, signature first.
   *
   * @throws org.opentransparency.verifier.signature.UnknownRoleException if the manifest does not
   *     define the role
   * @throws IOException if a named file is missing or unreadable, or a limit is hit
   */
  public AuditResult audit(Request q) throws IOException, InterruptedException {
    requireNonNull(q, "request");
    if (!Files.isRegularFile(q.artifact)) {
      throw Files.exists(q.artifact)
          ? new IOException(q.artifact + ": not a regular file")
          : new NoSuchFileException(q.artifact.toString());
    }
    // Every other input must be there before anything is judged: a missing one is "could not
    // check", never a failed line.
    for (Path p : q.sums) {
      requireFile(p);
    }
    if (q.buildinfo != null) {
      requireFile(q.buildinfo);
    }
    if (q.rebuilt != null && !Files.exists(q.rebuilt)) {
      throw new NoSuchFileException(q.rebuilt.toString());
    }
    List<AuditCheck> checks = new ArrayList<>();
    UpdateVerification v =
        UpdateVerifier.options()
            .limits(limits)
            .stateDirectory(stateDirectory)
            .build()
            .verify(q.artifact, q.signature, q.manifestJson, q.role, q.at);
    checks.add(signatureCheck(v, q));
    for (Path sums : q.sums) {
      checks.add(checksumCheck(sums, q.name(sums), q.artifact));
    }
    if (q.buildinfo != null) {
      checks.add(buildinfoCheck(q.buildinfo, q.name(q.buildinfo), q.artifact));
    }
    ComparisonResult comparison = null;
    if (q.rebuilt != null) {
      comparison =
          ArchiveComparator.compare(
              q.artifact, q.name(q.artifact), q.rebuilt, q.name(q.rebuilt), compareOptions);
      checks.add(reproducibleCheck(comparison, q.name(q.rebuilt)));
    }
    return new AuditResult(q.name(q.artifact), v.sha256(), q.role, q.at, checks, v, comparison);
  }

  private static void requireFile(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw Files.exists(p)
          ? new IOException(p + ": not a regular file")
          : new NoSuchFileException(p.toString());
    }
  }

  private static AuditCheck signatureCheck(UpdateVerification v, Request q) {
    String subject = q.signature != null ? q.name(q.signature) : v.format();
    if (v.isValid()) {
      String summary =
          String.format(
              Locale.ROOT,
              "%s signature, role %s, signed by %s (%d of %d needed), manifest v%d (%s)",
              v.format(),
              v.role(),
              String.join(" ", v.signers()),
              v.signers().size(),
              v.threshold(),
              v.manifestVersion(),
              v.manifestPublisher());
      List<String> details = new ArrayList<>();
      v.details().forEach((k, val) -> details.add(k + ": " + val));
      if (v.version() != null) {
        details.add("version " + v.version());
      }
      if (v.expiresAt() != null) {
        details.add("expires " + v.expiresAt());
      }
      return new AuditCheck(AuditCheck.Kind.SIGNATURE, true, subject, summary, details);
    }
    List<String> details = new ArrayList<>();
    for (Reason r : v.reasons().subList(1, v.reasons().size())) {
      details.add(r.toString());
    }
    return new AuditCheck(
        AuditCheck.Kind.SIGNATURE, false, subject, v.reasons().get(0).toString(), details);
  }

  private AuditCheck checksumCheck(Path sums, String file, Path artifact)
      throws IOException, InterruptedException {
    Path target = artifact.toRealPath();
    List<CheckResult> lines = new ArrayList<>();
    List<CheckResult> malformed = new ArrayList<>();
    // SPEC 3.9: names in an audited checksum file resolve against the file's own directory.
    ChecksumCheck.options()
        .baseDirectory(sums.toAbsolutePath().getParent())
        .select(name -> sameFile(name, target))
        .build()
        .check(
            sums,
            r -> {
              if (r.status() == CheckResult.Status.MALFORMED) {
                malformed.add(r);
              } else {
                lines.add(r);
              }
            });
    String name = artifact.getFileName().toString();
    List<String> details = new ArrayList<>();
    for (CheckResult m : malformed) {
      details.add("line " + m.line() + " is malformed: " + m.detail());
    }
    if (lines.isEmpty()) {
      return new AuditCheck(
          AuditCheck.Kind.CHECKSUMS, false, file, file + " does not list " + name, details);
    }
    for (CheckResult r : lines) {
      if (r.status() != CheckResult.Status.OK) {
        return new AuditCheck(
            AuditCheck.Kind.CHECKSUMS,
            false,
            file,
            String.format(
                Locale.ROOT,
                "%s of %s does not match line %d of %s",
                r.algorithm().id(),
                name,
                r.line(),
                file),
            details);
      }
    }
    if (!malformed.isEmpty()) {
      // A line that does not parse might have been the artifact's: fail closed.
      return new AuditCheck(
          AuditCheck.Kind.CHECKSUMS,
          false,
          file,
          String.format(
              Locale.ROOT,
              "%s has %d malformed line%s",
              file,
              malformed.size(),
              malformed.size() == 1 ? "" : "s"),
          details);
    }
    Set<String> algorithms = new TreeSet<>();
    lines.forEach(r -> algorithms.add(r.algorithm().id()));
    return new AuditCheck(
        AuditCheck.Kind.CHECKSUMS,
        true,
        file,
        String.format(Locale.ROOT, "%s matches %s (%s)", name, file, String.join(", ", algorithms)),
        List.of());
  }

  private static boolean sameFile(String name, Path target) {
    try {
      Path p = Path.of(name);
      return Files.exists(p) && Files.isSameFile(p, target);
    } catch (InvalidPathException | IOException e) {
      return false;
    }
  }

  private AuditCheck buildinfoCheck(Path buildinfo, String file, Path artifact) throws IOException {
    BuildInfo info =
        BuildInfo.parse(
            BoundedRead.file(buildinfo, limits.maxJsonBytes(), "maxJsonBytes", "--max-json-bytes"));
    BuildInfoCheck.Result r = BuildInfoCheck.checkFiles(info, List.of(artifact)).get(0);
    if (r.status() == BuildInfoCheck.Status.OK) {
      return new AuditCheck(
          AuditCheck.Kind.BUILDINFO,
          true,
          file,
          r.filename() + " matches " + file + " (length and checksums)",
          List.of());
    }
    return new AuditCheck(
        AuditCheck.Kind.BUILDINFO,
        false,
        file,
        r.filename() + ": " + (r.detail().isEmpty() ? r.status().toString() : r.detail()),
        List.of());
  }

  private static AuditCheck reproducibleCheck(ComparisonResult c, String file) {
    String given =
        c.rulesApplied().isEmpty() ? "" : ", given " + String.join(", ", c.rulesApplied());
    if (c.verdict() == CompareVerdict.IDENTICAL) {
      return new AuditCheck(
          AuditCheck.Kind.REPRODUCIBLE, true, file, "identical to " + file, List.of());
    }
    if (c.verdict() == CompareVerdict.EQUIVALENT) {
      List<String> details = new ArrayList<>();
      Set<String> fields = new TreeSet<>();
      c.archiveFields().forEach(f -> fields.add(f.field()));
      // Rebuilds on another day differ in the same way in every entry: one line per kind of
      // difference, naming the entries it touches.
      java.util.Map<String, List<String>> byChange = new java.util.LinkedHashMap<>();
      c.archiveFields()
          .forEach(
              f ->
                  byChange
                      .computeIfAbsent(fieldList(List.of(f)), k -> new ArrayList<>())
                      .add("(archive)"));
      for (EntryDiff e : leaves(c.entries())) {
        e.fields().forEach(f -> fields.add(f.field()));
        byChange.computeIfAbsent(fieldList(e.fields()), k -> new ArrayList<>()).add(e.label());
      }
      byChange.forEach((change, paths) -> details.add("~ " + change + ": " + entries(paths)));
      String summary =
          String.format(
              Locale.ROOT,
              "equivalent to %s%s: same contents; %d entr%s differ only in metadata (%s)",
              file,
              given,
              c.summary().metadata(),
              c.summary().metadata() == 1 ? "y" : "ies",
              fields.isEmpty() ? "archive bytes" : String.join(", ", fields));
      return new AuditCheck(AuditCheck.Kind.REPRODUCIBLE, true, file, summary, bounded(details));
    }
    List<String> details = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    c.findings().forEach(f -> details.add("! " + f.kind() + " " + f.path() + ": " + f.message()));
    for (EntryDiff e : leaves(c.entries())) {
      if (e.status() == EntryStatus.METADATA) {
        continue;
      }
      details.add(marker(e.status()) + " " + e.label());
      if (named.size() < 3) {
        named.add(e.label());
      }
    }
    String summary =
        String.format(
            Locale.ROOT,
            "different from %s: %d modified, %d added, %d removed%s%s",
            file,
            c.summary().modified(),
            c.summary().added(),
            c.summary().removed(),
            c.findings().isEmpty() ? "" : ", " + c.findings().size() + " findings",
            named.isEmpty() ? "" : " (" + String.join(", ", named) + ")");
    return new AuditCheck(AuditCheck.Kind.REPRODUCIBLE, false, file, summary, bounded(details));
  }

  /** The entries that are not nested archives with children of their own, depth first. */
  private static List<EntryDiff> leaves(List<EntryDiff> entries) {
    List<EntryDiff> out = new ArrayList<>();
    for (EntryDiff e : entries) {
      if (e.children().isEmpty()) {
        out.add(e);
      } else {
        out.addAll(leaves(e.children()));
      }
    }
    return out;
  }

  /** {@code a} or {@code 14 entries (a, b, c, ...)}. */
  private static String entries(List<String> paths) {
    if (paths.size() == 1) {
      return paths.get(0);
    }
    List<String> shown = paths.subList(0, Math.min(3, paths.size()));
    return paths.size()
        + " entries ("
        + String.join(", ", shown)
        + (paths.size() > shown.size() ? ", ..." : "")
        + ")";
  }

  private static String fieldList(List<FieldDiff> fields) {
    List<String> parts = new ArrayList<>();
    for (FieldDiff f : fields) {
      parts.add(f.field() + " " + f.left() + " -> " + f.right());
    }
    return String.join(", ", parts);
  }

  private static String marker(EntryStatus s) {
    switch (s) {
      case ADDED:
        return "+";
      case REMOVED:
        return "-";
      default:
        return "M";
    }
  }

  private static List<String> bounded(List<String> lines) {
    if (lines.size() <= MAX_DETAIL_LINES) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.subList(0, MAX_DETAIL_LINES));
    out.add("... and " + (lines.size() - MAX_DETAIL_LINES) + " more");
    return out;
  }

  /** The inputs of one audit. */
  public static final class Request {
    private final Path artifact;
    private final byte[] manifestJson;
    private final String role;
    private final Instant at;
    private Path signature;
    private Path rebuilt;
    private final List<Path> sums = new ArrayList<>();
    private Path buildinfo;
    private final java.util.Map<Path, String> shown = new java.util.HashMap<>();

    private Request(Path artifact, byte[] manifestJson, String role, Instant at) {
      this.artifact = requireNonNull(artifact, "artifact");
      this.manifestJson = requireNonNull(manifestJson, "manifestJson");
      this.role = requireNonNull(role, "role");
      this.at = requireNonNull(at, "at");
    }

    /** The signature file; without it, the one beside the artifact (SPEC 3.7). */
    public Request signature(Path signature) {
      this.signature = signature;
      return this;
    }

    /** An independent rebuild of the artifact, compared by content. */
    public Request rebuilt(Path rebuilt) {
      this.rebuilt = rebuilt;
      return this;
    }

    /** A checksum file that must list the artifact; repeat for several. */
    public Request sums(Path sums) {
      this.sums.add(requireNonNull(sums, "sums"));
      return this;
    }

    /**
     * Shows {@code path} as {@code name} in the result (the path as the user typed it, say);
     * unnamed paths are shown as {@link Path#toString()}.
     */
    public Request show(Path path, String name) {
      shown.put(requireNonNull(path, "path"), requireNonNull(name, "name"));
      return this;
    }

    String name(Path p) {
      return shown.getOrDefault(p, p.toString());
    }

    /** A Maven .buildinfo that must list the artifact. */
    public Request buildinfo(Path buildinfo) {
      this.buildinfo = buildinfo;
      return this;
    }
  }

  /** Options of an auditor. */
  public static final class Builder {
    private Limits limits = Limits.defaults();
    private Path stateDirectory;
    private CompareOptions compareOptions;

    private Builder() {}

    public Builder limits(Limits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /** Keep the trusted manifest and accepted versions here, as {@code verify --state} does. */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
      return this;
    }

    /**
     * How the rebuild is compared; content mode is always on (an equivalent rebuild passes).
     * Default: the comparison defaults with these limits.
     */
    public Builder compareOptions(CompareOptions options) {
      this.compareOptions = requireNonNull(options, "options");
      return this;
    }

    public Auditor build() {
      if (compareOptions == null) {
        compareOptions = CompareOptions.builder().limits(limits).build();
      }
      return new Auditor(this);
    }
  }
}
