package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.hash.CheckResult;
import org.opentransparency.verifier.hash.CheckSummary;
import org.opentransparency.verifier.hash.ChecksumCheck;
import org.opentransparency.verifier.hash.ChecksumLines;
import org.opentransparency.verifier.hash.ContentDigest;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigest;
import org.opentransparency.verifier.hash.HashOutcome;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.hash.TreeHasher;
import org.opentransparency.verifier.internal.IoErrors;
import org.opentransparency.verifier.report.HashJsonWriter;
import org.opentransparency.verifier.report.SimpleJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code verifier hash}: digests of files and trees, and {@code --check} of checksum files. */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Prints digests of files and directory trees, or checks checksum files.",
      "",
      "A directory stands for every regular file below it (sorted by path, hashed in",
      "parallel; symbolic links below a directory are reported, not followed).",
      "One algorithm prints sha256sum's format, several print BSD tag lines.",
      "With --check, reads checksum files (coreutils, BSD tags, Maven's x.jar.sha512) and",
      "checks the files they list, printing 'path: OK' or 'path: FAILED' like sha256sum -c."
    },
    usageHelpAutoWidth = true)
final class HashCommand implements java.util.concurrent.Callable<Integer> {
  @ParentCommand VerifierCommand root;

  @Mixin CommonOptions common;

  @Option(
      names = {"-a", "--algorithm"},
      paramLabel = "ALG",
      converter = AlgorithmConverter.class,
      description = {
        "Digest algorithm; repeat for several, all computed in one read (default: sha256).",
        "One of: sha256, sha384, sha512, sha3-256, sha3-512, blake2b-512, blake3.",
        "With --check: the algorithm of untagged lines."
      })
  List<DigestAlgorithm> algorithms = new ArrayList<>();

  @Option(
      names = "--content",
      description = {
        "For an archive or directory: the canonical content digest (Go's dirhash h1), the same",
        "whatever the entry order, timestamps, permissions or compression."
      })
  boolean content;

  @Mixin LimitOptions limitOptions;

  @Option(
      names = {"-c", "--check"},
      description = "Read checksum files and check the files they list.")
  boolean check;

  @Option(
      names = "--ignore-missing",
      description = "With --check: do not fail for missing files (but fail if none was verified).")
  boolean ignoreMissing;

  @Option(names = "--status", description = "With --check: print nothing; the exit code tells.")
  boolean status;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "Hash N files at once (default: the number of processors).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description =
          "Files or directories to hash ('-' for standard input); with --check, checksum files.")
  List<String> paths;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (jobs < 1) {
      throw new picocli.CommandLine.ParameterException(
          common.spec.commandLine(), "--jobs must be at least 1");
    }
    if (check) {
      if (content) {
        throw new picocli.CommandLine.ParameterException(
            common.spec.commandLine(), "--content and --check do not go together");
      }
      return check();
    }
    if (content) {
      return content();
    }
    if (ignoreMissing || status) {
      throw new picocli.CommandLine.ParameterException(
          common.spec.commandLine(),
          (ignoreMissing ? "--ignore-missing" : "--status") + " needs --check");
    }
    return hash();
  }

  private int content() throws IOException {
    Format format = common.format();
    if (!algorithms.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          common.spec.commandLine(), "--content is always h1 (SHA-256); -a does not apply");
    }
    CliEnvironment env = env();
    List<Map<String, Object>> rows = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean failed = false;
    for (String p : paths) {
      try {
        String h1 = ContentDigest.of(env.resolve(p), limitOptions.limits());
        text.append(h1).append("  ").append(ChecksumLines.display(p)).append('\n');
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", p);
        row.put("status", "ok");
        row.put("content", h1);
        rows.add(row);
      } catch (LimitExceededException e) {
        throw e;
      } catch (IOException e) {
        failed = true;
        String why =
            e instanceof java.nio.file.NoSuchFileException ? IoErrors.reason(e) : e.getMessage();
        // The message names the file already, by the path given or by its name: once is enough.
        String shown = why.replace(env.resolve(p) + ": ", "");
        String name = env.resolve(p).getFileName() + ": ";
        if (shown.startsWith(name)) {
          shown = shown.substring(name.length());
        }
        env.err().println("verifier: error: " + p + ": " + shown);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", p);
        row.put("status", "error");
        row.put("message", why);
        rows.add(row);
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("algorithm", "h1");
    report.put("files", rows);
    common.report(env, format, out -> SimpleJson.write(report, out), text.toString());
    return failed ? ExitCodes.CANNOT_CHECK : ExitCodes.OK;
  }

  private CliEnvironment env() {
    return root.env;
  }

  /**
   * The report: written line by line to a terminal, else in 64 KiB blocks (a directory of 100,000
   * files was 100,000 writes), flushed before anything goes to stderr.
   */
  private static PrintStream reportStream(OutputStream sink) {
    return CliEnvironment.stdoutIsTerminal()
        ? new ReportStream(sink, true)
        : new ReportStream(new java.io.BufferedOutputStream(sink, 64 * 1024), false);
  }

  private int hash() throws IOException, InterruptedException {
    Format format = common.format();
    Set<DigestAlgorithm> algs =
        algorithms.isEmpty() ? EnumSet.of(DigestAlgorithm.SHA256) : EnumSet.copyOf(algorithms);
    CliEnvironment env = env();
    int[] failures = {0};
    try (OutputStream sink = common.open(env);
        PrintStream out = reportStream(sink);
        Progress progress = Progress.start(env, common, "hashing")) {
      HashJsonWriter json = format == Format.json ? HashJsonWriter.hashReport(out, algs) : null;
      java.util.function.Consumer<HashOutcome> report =
          outcome -> {
            progress.beforeOutput();
            if (!(outcome instanceof HashOutcome.Hashed)) {
              out.flush(); // what came before it first, where both streams show
            }
            if (outcome instanceof HashOutcome.Failed) {
              failures[0]++;
              env.err()
                  .println(
                      "verifier: error: "
                          + outcome.name()
                          + ": "
                          + IoErrors.reason(((HashOutcome.Failed) outcome).error()));
            } else if (outcome instanceof HashOutcome.Skipped && !common.quiet) {
              env.err()
                  .println(
                      "verifier: warning: "
                          + outcome.name()
                          + ": "
                          + ((HashOutcome.Skipped) outcome).reason());
            }
            if (json != null) {
              json.outcome(outcome);
            } else if (outcome instanceof HashOutcome.Hashed) {
              printLines(out, (HashOutcome.Hashed) outcome, algs.size() > 1);
            }
          };
      // Arguments are reported in order; runs of them between '-' are hashed in parallel.
      TreeHasher hasher = new TreeHasher(algs, jobs, progress);
      List<Path> files = new ArrayList<>();
      List<String> shown = new ArrayList<>();
      for (String p : paths) {
        if (p.equals("-")) {
          hasher.hash(files, shown, report);
          files.clear();
          shown.clear();
          hashStdin(algs, report);
        } else {
          files.add(env.resolve(p));
          shown.add(p);
        }
      }
      hasher.hash(files, shown, report);
      if (json != null) {
        json.close();
        out.println();
      }
    }
    return failures[0] > 0 ? ExitCodes.CANNOT_CHECK : ExitCodes.OK;
  }

  private void hashStdin(Set<DigestAlgorithm> algs, java.util.function.Consumer<HashOutcome> report)
      throws IOException {
    MultiDigester digester = MultiDigester.of(algs);
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = env().in().read(buffer)) != -1; ) {
      digester.update(buffer, 0, n);
    }
    long size = digester.count();
    report.accept(
        new HashOutcome.Hashed("-", new FileDigest(Path.of("-"), size, digester.finish())));
  }

  /**
   * The lines of one file, encoded here and written as bytes: the same bytes {@code println} writes
   * through the stream's UTF-8 writer, without its encoder and writer layers, which for 100,000
   * small files were the largest method the JIT compiled (~0.1 s of C2).
   */
  private static void printLines(PrintStream out, HashOutcome.Hashed h, boolean bsd) {
    for (Digest d : h.digest().digests().values()) {
      String line = bsd ? ChecksumLines.bsd(d, h.name()) : ChecksumLines.coreutils(d, h.name());
      byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
    }
  }

  private int check() throws IOException, InterruptedException {
    Format format = common.format();
    if (algorithms.size() > 1) {
      throw new picocli.CommandLine.ParameterException(
          common.spec.commandLine(), "--check takes at most one --algorithm");
    }
    CliEnvironment env = env();
    ChecksumCheck.Builder options =
        ChecksumCheck.options()
            .baseDirectory(env.workingDirectory())
            .ignoreMissing(ignoreMissing)
            .threads(jobs);
    if (!algorithms.isEmpty()) {
      options.algorithm(algorithms.get(0));
    }
    boolean quietOk = common.quiet || status;
    List<String> errors = new ArrayList<>();
    CheckSummary total = new CheckSummary(0, 0, 0, 0, 0);
    boolean anyFileWithoutLines = false;
    boolean passed;
    try (OutputStream sink = common.open(env);
        PrintStream out = reportStream(sink);
        Progress progress = Progress.start(env, common, "checking")) {
      ChecksumCheck checker = options.progress(progress).build();
      HashJsonWriter json = format == Format.json ? HashJsonWriter.checkReport(out) : null;
      for (String sums : paths) {
        java.util.function.Consumer<CheckResult> report =
            r -> {
              progress.beforeOutput();
              if (json != null) {
                json.checkResult(sums, r);
              } else if (!status) {
                printResult(out, env.err(), sums, r, quietOk);
              }
              if (r.status() != CheckResult.Status.OK) {
                out.flush(); // beside its message on stderr, where both streams show
              }
            };
        CheckSummary s;
        try {
          s =
              sums.equals("-")
                  ? checker.check(env.in(), "-", report)
                  : checker.check(env.resolve(sums), sums, report);
        } catch (IOException e) {
          String message = sums + ": " + IoErrors.reason(e);
          errors.add(message);
          out.flush();
          env.err().println("verifier: error: " + message);
          continue;
        }
        out.flush();
        int listed = s.ok() + s.failed() + s.unreadable() + s.ignored();
        if (listed == 0) {
          // A checksum file that lists nothing proves nothing: fail, as coreutils does.
          anyFileWithoutLines = true;
          if (!status) {
            env.err().println("verifier: " + sums + ": no properly formatted checksum lines found");
          }
        } else if (listed == s.ignored() && !status) {
          env.err().println("verifier: " + sums + ": no file was verified");
        }
        total = add(total, s);
      }
      if (!status && json == null) {
        warn(env.err(), total.malformed(), "line is", "lines are", "improperly formatted");
        warn(env.err(), total.unreadable(), "listed file", "listed files", "could not be read");
        warn(env.err(), total.failed(), "computed checksum", "computed checksums", "did NOT match");
      }
      passed = errors.isEmpty() && total.passed() && !anyFileWithoutLines;
      if (json != null) {
        json.checkSummary(total, passed, errors);
        json.close();
        out.println();
      }
    }
    if (!errors.isEmpty()) {
      return ExitCodes.CANNOT_CHECK;
    }
    return passed ? ExitCodes.OK : ExitCodes.NO;
  }

  private static void printResult(
      PrintStream out, PrintStream err, String sums, CheckResult r, boolean quietOk) {
    String name = ChecksumLines.display(r.name());
    switch (r.status()) {
      case OK:
        if (!quietOk) {
          out.println(name + ": OK");
        }
        break;
      case FAILED:
        out.println(name + ": FAILED");
        break;
      case UNREADABLE:
        err.println("verifier: " + name + ": " + r.detail());
        out.println(name + ": FAILED open or read");
        break;
      case IGNORED:
        break;
      case MALFORMED:
        err.println("verifier: " + sums + ":" + r.line() + ": " + r.detail());
        break;
      default:
        throw new AssertionError(r.status());
    }
  }

  private static void warn(PrintStream err, int n, String one, String many, String what) {
    if (n > 0) {
      err.println(
          String.format(Locale.ROOT, "verifier: WARNING: %d %s %s", n, n == 1 ? one : many, what));
    }
  }

  private static CheckSummary add(CheckSummary a, CheckSummary b) {
    return new CheckSummary(
        a.ok() + b.ok(),
        a.failed() + b.failed(),
        a.unreadable() + b.unreadable(),
        a.ignored() + b.ignored(),
        a.malformed() + b.malformed());
  }

  static final class AlgorithmConverter implements ITypeConverter<DigestAlgorithm> {
    @Override
    public DigestAlgorithm convert(String value) {
      return DigestAlgorithm.fromId(value)
          .filter(DigestAlgorithm::isStrong)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      (DigestAlgorithm.fromId(value).isPresent()
                              ? value + " is too weak to prove integrity"
                              : "unknown algorithm '" + value + "'")
                          + "; known: "
                          + DigestAlgorithm.knownIds()));
    }
  }
}
