package org.opentransparency.verifier.cli;

import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Runs the common commands once, at build time: on JDK 17 the classes they load go into a
 * class-data sharing archive, on JDK 25 and later into AOT caches with their linking and method
 * profiles (verifier-cli/src/aot/aot.sh); the launcher maps one at start-up, which cuts tens of
 * milliseconds from every run. Output is discarded; the commands run on a scratch directory of
 * their own.
 *
 * <p>Arguments: {@code [FIXTURES [GROUP]]}. FIXTURES names the repository's {@code
 * testdata/signatures}, whose OpenPGP and minisign fixtures train those verifications too. GROUP is
 * one of {@link #GROUPS}, or {@code all} (the default): a JDK 25 AOT cache loads and links every
 * class it holds when the JVM starts, so the launcher keeps one cache per group of commands and
 * {@code --version} does not pay for picocli's help, BouncyCastle and the archive readers.
 */
public final class CdsTraining {
  /** The groups of commands, each trained on its own; the launcher maps a command to its group. */
  static final List<String> GROUPS = List.of("version", "help", "hash", "signatures", "archives");

  /** The time the fixtures' signatures, keys and TUF metadata are checked at: all valid then. */
  private static final String FIXTURE_TIME = "2026-11-22T00:00:00Z";

  private static final int OK = ExitCodes.OK;
  private static final int NO = ExitCodes.NO;
  private static final int CANNOT_CHECK = ExitCodes.CANNOT_CHECK;

  private CdsTraining() {}

  /**
   * Trains; prints on stderr each step whose exit code was not the one expected (the build goes on:
   * a cache made from a training that went astray is slower, never wrong).
   */
  public static void main(String[] args) throws IOException {
    Path fixtures = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : null;
    String group = args.length > 1 ? args[1] : "all";
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    // As Main does: the trainings load what the runs load.
    ZstdLibrary.useBuilt();
    for (String step : train(fixtures, group)) {
      err.println("verifier: warning: AOT training: " + step);
    }
  }

  /**
   * Runs the training of {@code group} (or {@code all}) with the fixtures under {@code fixtures}
   * (testdata/signatures, or null); returns the steps whose exit code was not the one expected.
   */
  static List<String> train(Path fixtures, String group) throws IOException {
    if (!group.equals("all") && !GROUPS.contains(group)) {
      throw new IllegalArgumentException("unknown training group: " + group);
    }
    Set<String> groups = group.equals("all") ? Set.copyOf(GROUPS) : Set.of(group);
    List<String> unexpected = new ArrayList<>();
    if (groups.contains("version")) {
      // --version alone, as Main answers it without building the command line's model, in the
      // environment main() makes, and before any scratch directory: a cache holding picocli's help
      // too loaded and linked ~800 classes more at every start, and one holding this training's
      // own file handling ~190 more.
      Steps version = new Steps(CliEnvironment.system(discard(), discard()));
      version.run(OK, "--version");
      unexpected.addAll(version.unexpected());
      if (groups.size() == 1) {
        return unexpected;
      }
    }
    Path dir = Files.createTempDirectory("verifier-cds");
    try {
      Steps steps = Steps.in(dir);
      Path file = Files.writeString(dir.resolve("file.txt"), "training\n");
      Files.writeString(dir.resolve("other.txt"), "other\n");
      if (groups.contains("help")) {
        steps.run(OK, "--help");
        steps.run(OK, "help", "hash");
        steps.run(CANNOT_CHECK, "no-such-command");
        steps.run(CANNOT_CHECK);
        // The launcher gives any command line asking for help this group's cache.
        for (String name : VerifierCommand.SUBCOMMANDS) {
          steps.run(OK, name, "--help");
        }
      }
      if (groups.contains("hash")) {
        hash(steps, dir, file);
      }
      if (groups.contains("signatures")) {
        signatures(steps, dir, file, fixtures);
      }
      if (groups.contains("archives")) {
        archives(steps, dir, file, fixtures);
      }
      Main.loadExitClasses();
      unexpected.addAll(steps.unexpected());
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return unexpected;
  }

  /** One file, a big one, several algorithms, a tree of small files, checksum files. */
  private static void hash(Steps steps, Path dir, Path file) throws IOException {
    Path big = dir.resolve("big.bin");
    Files.write(big, new byte[8 << 20]);
    Path sums = dir.resolve("SHA256SUMS");
    steps.run(OK, "hash", file.toString(), big.toString());
    steps.run(OK, "hash", "-a", "sha256", "-a", "sha512", "-a", "blake3", big.toString());
    steps.run(OK, "hash", "-a", "sha3-256", "-a", "blake2b-512", file.toString());
    Path tree = Files.createDirectory(dir.resolve("tree"));
    for (int i = 0; i < 600; i++) {
      Files.writeString(tree.resolve("f" + i + ".txt"), "file " + i + "\n");
    }
    steps.run(OK, "hash", tree.toString());
    steps.run(OK, "hash", "--format", "json", dir.toString());
    steps.run(OK, "hash", "-o", sums.toString(), dir.toString());
    // The sums list themselves, as they were while being written: one line FAILED.
    steps.run(NO, "hash", "--check", sums.toString());
    steps.run(CANNOT_CHECK, "hash", "--check", dir.resolve("missing").toString());
    steps.run(CANNOT_CHECK, "hash", "--no-such-option");
  }

  /**
   * Keys, a manifest, a signed update and its verification (BouncyCastle and Jackson), then OpenPGP
   * and minisign signatures from the fixtures.
   */
  private static Path signatures(Steps steps, Path dir, Path file, Path fixtures)
      throws IOException {
    Path root = dir.resolve("root");
    steps.run(OK, "keygen", "--scheme", "ed25519", "--out", root.toString());
    Path manifest =
        manifest(steps, dir.resolve("manifest.json"), root, "root,software=" + root + ".pub");
    steps.run(OK, "manifest", "verify", manifest.toString());
    steps.run(OK, "sign", "--key", root + ".key", "--role", "software", file.toString());
    steps.run(
        OK, "verify", "--manifest", manifest.toString(), "--role", "software", file.toString());
    // And a "no": the file changed after it was signed. A failure's classes (its reasons, the
    // FAILED line) are otherwise read from the jar, which opens it, at the first failing verify.
    Path tampered = Files.createDirectory(dir.resolve("tampered"));
    String name = file.getFileName().toString();
    Files.copy(file.resolveSibling(name + ".dsse"), tampered.resolve(name + ".dsse"));
    Path changed = Files.writeString(tampered.resolve(name), "changed\n");
    steps.run(
        NO, "verify", "--manifest", manifest.toString(), "--role", "software", changed.toString());
    // And a file that is not there: how a read error is told.
    steps.run(
        CANNOT_CHECK,
        "verify",
        "--manifest",
        manifest.toString(),
        "--role",
        "software",
        tampered.resolve("missing").toString());
    if (fixtures != null && Files.isDirectory(fixtures.resolve("openpgp"))) {
      detached(steps, dir, root, fixtures);
    }
    Path repo = fixtures == null ? null : fixtures.resolveSibling("tuf").resolve("repo");
    if (repo != null && Files.isDirectory(repo)) {
      tuf(steps, dir, repo);
    }
    return manifest;
  }

  /**
   * Detached signatures of each format checked against a manifest naming their keys: OpenPGP
   * (Ed25519 and RSA), minisign and signify, not CMS (docs/benchmarks.md: its classes made every
   * verify slower); a "no" of two kinds (a signature over other bytes, a key the manifest lacks); a
   * JSON report. A run that meets a class none of these loaded reads it from the jar, which opens
   * it.
   */
  private static void detached(Steps steps, Path dir, Path root, Path fixtures) {
    Path manifest = dir.resolve("detached.json");
    Path openpgp = fixtures.resolve("openpgp");
    Path minisign = fixtures.resolve("minisign");
    Path signify = fixtures.resolve("signify");
    manifest(
        steps,
        manifest,
        root,
        "root=" + root + ".pub",
        "software=" + openpgp.resolve("alice.pub.asc"),
        "software=" + openpgp.resolve("bob.pub.asc"),
        "software=" + minisign.resolve("minisign.pub"),
        "software=" + signify.resolve("signify.pub"));
    Path data = openpgp.resolve("data.txt");
    Path message = minisign.resolve("message.txt");
    Path signifyMessage = signify.resolve("message.txt");
    detachedCheck(steps, manifest, OK, openpgp.resolve("alice.txt.asc"), data);
    detachedCheck(steps, manifest, OK, openpgp.resolve("bob.txt.asc"), data);
    detachedCheck(steps, manifest, NO, openpgp.resolve("alice.txt.asc"), message);
    detachedCheck(steps, manifest, OK, minisign.resolve("message.txt.minisig"), message);
    detachedCheck(steps, manifest, NO, minisign.resolve("message.txt.other.minisig"), message);
    detachedCheck(steps, manifest, OK, signify.resolve("message.txt.sig"), signifyMessage);
    steps.run(OK, verifyAtFixtureTime(manifest, "--format", "json", message.toString()));
  }

  /** The verify of {@code file} by {@code signature}, which must exit {@code expected}. */
  private static void detachedCheck(
      Steps steps, Path manifest, int expected, Path signature, Path file) {
    steps.run(
        expected,
        verifyAtFixtureTime(manifest, "--signature", signature.toString(), file.toString()));
  }

  /** {@code verify --manifest MANIFEST --role software} at a time every fixture is valid. */
  private static String[] verifyAtFixtureTime(Path manifest, String... args) {
    return line(
        List.of(
            "verify",
            "--manifest",
            manifest.toString(),
            "--role",
            "software",
            "--at",
            FIXTURE_TIME),
        args);
  }

  /** A stream that drops what it is given: the training's output is not read. */
  private static PrintStream discard() {
    return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** A command line: {@code head}, then {@code tail}. */
  private static String[] line(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  /**
   * The TUF client on the fixture repository (testdata/tuf), over file URLs: a trusted root, a
   * refresh, a download of the one target, and the offline check of it.
   */
  private static void tuf(Steps steps, Path dir, Path repo) throws IOException {
    String metadata = dir.resolve("tuf-metadata").toString();
    String targets = dir.resolve("tuf-targets").toString();
    String url = repo.resolve("metadata").toUri().toString();
    steps.run(
        OK,
        "tuf",
        "init",
        "--at",
        FIXTURE_TIME,
        "--metadata-dir",
        metadata,
        repo.resolve("metadata/1.root.json").toString());
    steps.run(
        OK,
        "tuf",
        "refresh",
        "--at",
        FIXTURE_TIME,
        "--metadata-dir",
        metadata,
        "--metadata-url",
        url);
    steps.run(
        OK,
        "tuf",
        "download",
        "--at",
        FIXTURE_TIME,
        "--metadata-dir",
        metadata,
        "--metadata-url",
        url,
        "--target-base-url",
        repo.resolve("targets").toUri().toString(),
        "--target-dir",
        targets,
        "--target-name",
        "rules/rules.tar");
    // The one file the download wrote, whatever name the client gives it: a download that wrote
    // none, or more, is a step that did not do what it was written for.
    List<Path> downloaded;
    try (var files = Files.list(Path.of(targets))) {
      downloaded = files.toList();
    }
    if (downloaded.size() != 1) {
      steps.unexpected("tuf download wrote " + downloaded.size() + " files, not 1: " + downloaded);
      return;
    }
    steps.run(
        OK,
        "verify",
        "--at",
        FIXTURE_TIME,
        "--tuf-metadata",
        metadata,
        "--target-name",
        "rules/rules.tar",
        downloaded.get(0).toString());
  }

  /** A key manifest with these {@code --key} values, signed by {@code root}. */
  private static Path manifest(Steps steps, Path manifest, Path root, String... keys) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "manifest",
                "create",
                "--publisher",
                "training",
                "--version",
                "1",
                // Valid both now and at FIXTURE_TIME, whatever the build machine's clock says.
                "--expires",
                "2100-01-01T00:00:00Z",
                "-o",
                manifest.toString()));
    for (String k : keys) {
      args.add("--key");
      args.add(k);
    }
    steps.run(OK, args.toArray(String[]::new));
    steps.run(OK, "manifest", "sign", "--key", root + ".key", manifest.toString());
    return manifest;
  }

  /** A comparison in every report format, and an audit (which signs and verifies first). */
  private static void archives(Steps steps, Path dir, Path file, Path fixtures) throws IOException {
    Path left = jar(dir.resolve("left.jar"), 1);
    Path right = jar(dir.resolve("right.jar"), 2);
    steps.run(NO, "compare", left.toString(), right.toString());
    Path bigLeft = jar(dir.resolve("big-left.jar"), 1, 4000);
    Path bigRight = jar(dir.resolve("big-right.jar"), 2, 4000);
    steps.run(NO, "compare", bigLeft.toString(), bigRight.toString());
    steps.run(NO, "compare", "--format", "json", left.toString(), right.toString());
    steps.run(NO, "compare", "--format", "html", left.toString(), right.toString());
    // The launcher runs hash --content with this group's cache: the hash group's, without the
    // archive readers, starts a plain hash ~15 ms sooner (docs/benchmarks.md).
    steps.run(OK, "hash", "--content", left.toString());
    // The README's first command, on the bundled demo (testdata/demo, beside the fixtures): an
    // audit with a checksum file and a build record, and a comparison whose entries differ in their
    // metadata, which the small jars above do not reach.
    Path demo = fixtures == null ? null : fixtures.resolveSibling("demo");
    if (demo != null && Files.isDirectory(demo.resolve("release"))) {
      Path release = demo.resolve("release");
      Path rebuilt = demo.resolve("rebuild/demo-app-1.0.jar");
      Path manifest = demo.resolve("manifest.json");
      Path jar = release.resolve("demo-app-1.0.jar");
      audit(
          steps,
          OK,
          manifest,
          "--sums",
          release.resolve("SHA256SUMS").toString(),
          "--buildinfo",
          release.resolve("demo-app-1.0.buildinfo").toString(),
          "--rebuilt",
          rebuilt.toString(),
          jar.toString());
      // Equivalent, not identical (their times differ): a "no" in the default bitwise mode.
      steps.run(NO, "compare", jar.toString(), rebuilt.toString());
      // Its pom is not in the release directory: MISSING.
      steps.run(NO, "buildinfo", "verify", release.resolve("demo-app-1.0.buildinfo").toString());
      // An audit whose rebuild differs in a class: how a failed audit reports it.
      audit(
          steps,
          NO,
          manifest,
          "--rebuilt",
          demo.resolve("tampered/demo-app-1.0.jar").toString(),
          jar.toString());
    }
    // The other formats' readers, from the archive fixtures: tarballs (threat-rule updates come
    // as tar.gz), Debian packages, 7z and cpio.
    Path archives = fixtures == null ? null : fixtures.resolveSibling("archives").resolve("out");
    if (archives != null && Files.isDirectory(archives)) {
      for (String[] pair :
          List.of(
              new String[] {"tgz-left.tar.gz", "tgz-changed-right.tar.gz"},
              new String[] {"txz-left.tar.xz", "txz-right.tar.xz"},
              new String[] {"tzst-left.tar.zst", "tzst-changed-right.tar.zst"},
              new String[] {"demo-left.deb", "demo-right.deb"},
              new String[] {"same-left.7z", "changed-right.7z"},
              new String[] {"same-left.cpio", "changed-right.cpio"},
              // Archives in an archive: jars in a war.
              new String[] {"app-left.war", "app-right.war"})) {
        steps.run(
            NO,
            "compare",
            archives.resolve(pair[0]).toString(),
            archives.resolve(pair[1]).toString());
      }
      steps.run(OK, "hash", "--content", archives.resolve("tgz-left.tar.gz").toString());
      // With the rules for build-environment noise in jars.
      steps.run(
          NO,
          "compare",
          "--normalize",
          "jar-manifest,pom-properties",
          archives.resolve("noise-left.jar").toString(),
          archives.resolve("noise-right.jar").toString());
    }
    // A directory of its own: "all" runs the signatures group as well, and keygen never overwrites.
    Path manifest = signatures(steps, Files.createDirectory(dir.resolve("audit")), file, null);
    audit(steps, OK, manifest, "--rebuilt", file.toString(), file.toString());
  }

  /** {@code audit --manifest MANIFEST --role software ARGS...}. */
  private static void audit(Steps steps, int expected, Path manifest, String... args) {
    steps.run(
        expected,
        line(List.of("audit", "--manifest", manifest.toString(), "--role", "software"), args));
  }

  /** A small jar whose one text entry has other bytes for another {@code variant}. */
  private static Path jar(Path path, int variant) throws IOException {
    return jar(path, variant, 0);
  }

  /**
   * That jar with {@code more} entries of a few KiB of text besides, the same in every variant: a
   * comparison of two such jars runs the inflating, hashing and pairing loops often enough for
   * their method profiles to be kept in the AOT cache.
   */
  private static Path jar(Path path, int variant, int more) throws IOException {
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(path))) {
      z.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
      z.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new java.util.zip.ZipEntry("org/example/A.txt"));
      z.write(("line one\nvariant " + variant + "\n").getBytes(StandardCharsets.UTF_8));
      // And one of binary bytes: a modified class file is reported by its first differing byte.
      z.putNextEntry(new java.util.zip.ZipEntry("org/example/B.class"));
      z.write(new byte[] {(byte) 0xca, (byte) 0xfe, 0, 0, 0, (byte) variant});
      // Text whose bytes where a tar header keeps its checksum are spaces, as in many a source
      // file: detection asks Commons Compress's TarUtils about it, which a run would otherwise load
      // from the jar (the 102 MB pair of JDK sources did).
      z.putNextEntry(new java.util.zip.ZipEntry("org/example/blank.txt"));
      z.write(" ".repeat(600).getBytes(StandardCharsets.UTF_8));
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < more; i++) {
        z.putNextEntry(
            new java.util.zip.ZipEntry("org/example/p" + (i / 100) + "/F" + i + ".java"));
        text.setLength(0);
        for (int line = 0; line < 40 + i % 60; line++) {
          text.append("  int field").append(line).append(" = ").append(i * line).append(";\n");
        }
        z.write(text.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return path;
  }

  /**
   * The commands run in one scratch directory, and each one whose exit code was not the one
   * expected: a step that no longer does what it was written for trains nothing of its purpose, and
   * without a word, as the output is discarded.
   */
  static final class Steps {
    private final CliEnvironment env;
    private final List<String> unexpected = new ArrayList<>();

    Steps(CliEnvironment env) {
      this.env = env;
    }

    /** Steps in {@code dir}, with no input and their output discarded. */
    static Steps in(Path dir) {
      return new Steps(
          new CliEnvironment(
              dir,
              new ByteArrayInputStream(new byte[0]),
              discard(),
              discard(),
              Clock.systemUTC(),
              false));
    }

    void run(int expected, String... args) {
      int code = Main.run(args, env);
      if (code != expected) {
        unexpected("exit " + code + ", not " + expected + ": verifier " + String.join(" ", args));
      }
    }

    /** Records a step that did not do what it was written for. */
    void unexpected(String what) {
      unexpected.add(what);
    }

    List<String> unexpected() {
      return List.copyOf(unexpected);
    }
  }
}
