package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.opentransparency.verifier.internal.IoErrors;
import org.opentransparency.verifier.internal.LineReader;
import org.opentransparency.verifier.internal.OrderedExecutor;

/**
 * Checks files against a checksum file, as {@code sha256sum -c} does: coreutils lines (text and
 * {@code *} binary markers, backslash-escaped names), BSD tag lines, and single-hash files such as
 * Maven's {@code x.jar.sha512}. Results arrive in line order; listed files are hashed in parallel.
 *
 * <p>Stricter than coreutils, as a verifier must be: an improperly formatted line fails the check
 * (coreutils only warns), md5 and sha1 lines are refused, and a check that verified no file does
 * not pass.
 *
 * {@snippet :
 * ChecksumCheck check = ChecksumCheck.options().build();
 * CheckSummary s = check.check(Path.of("SHA256SUMS"), r -> System.out.println(r));
 * boolean ok = s.passed();
 * }
 */
public final class ChecksumCheck {
  /** Longest checksum line read; longer ones are malformed. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final Optional<DigestAlgorithm> algorithm;
  private final Path baseDirectory;
  private final boolean ignoreMissing;
  private final int threads;
  private final ProgressListener progress;
  private final Predicate<String> select;

  private ChecksumCheck(Builder b) {
    this.select = b.select;
    this.algorithm = Optional.ofNullable(b.algorithm);
    this.baseDirectory = b.baseDirectory;
    this.ignoreMissing = b.ignoreMissing;
    this.threads = b.threads;
    this.progress = b.progress;
  }

  public static Builder options() {
    return new Builder();
  }

  /**
   * Checks the files a checksum file lists. Names resolve against the base directory when one was
   * set, else against the working directory, as coreutils does; the target of a single-hash file is
   * always the file beside it.
   *
   * @throws IOException if the checksum file cannot be opened or read, or is a directory
   */
  public CheckSummary check(Path sumsFile, Consumer<CheckResult> sink)
      throws IOException, InterruptedException {
    return check(sumsFile, sumsFile.toString(), sink);
  }

  /**
   * As {@link #check(Path, Consumer)}, with the checksum file shown as {@code shownName} (the
   * argument the user typed, say): a single-hash file's target is reported as that name minus its
   * extension.
   *
   * @throws IOException if the checksum file cannot be opened or read, or is a directory
   */
  public CheckSummary check(Path sumsFile, String shownName, Consumer<CheckResult> sink)
      throws IOException, InterruptedException {
    if (Files.isDirectory(sumsFile)) {
      throw new FileSystemException(sumsFile.toString(), null, "Is a directory");
    }
    try (InputStream in = Files.newInputStream(sumsFile)) {
      return check(in, shownName, withoutExtension(sumsFile.toString()), sink);
    }
  }

  /**
   * Checks the files listed in {@code in}, a checksum file called {@code name} (its name hints at
   * the algorithm of untagged lines and names a single-hash file's target).
   *
   * @throws IOException if reading {@code in} fails
   */
  public CheckSummary check(InputStream in, String name, Consumer<CheckResult> sink)
      throws IOException, InterruptedException {
    String sibling = withoutExtension(name);
    return check(
        in,
        name,
        baseDirectory == null ? sibling : baseDirectory.resolve(sibling).toString(),
        sink);
  }

  private CheckSummary check(
      InputStream in, String name, String siblingTarget, Consumer<CheckResult> sink)
      throws IOException, InterruptedException {
    int slash = name.lastIndexOf('/');
    String fileName = name.substring(slash + 1);
    UnaryOperator<String> resolve = baseDirectory == null ? n -> n : n -> resolveAgainstBase(n);
    ChecksumParser parser =
        new ChecksumParser(algorithm, fileName, withoutExtension(name), siblingTarget, resolve);

    CheckSummary[] summary = {CheckSummary.EMPTY};
    Consumer<CheckResult> counting =
        r -> {
          summary[0] = summary[0].plus(r.status());
          sink.accept(r);
        };
    LineReader lines = new LineReader(in, MAX_LINE_BYTES);
    try (OrderedExecutor<CheckResult> work =
        new OrderedExecutor<>(threads, "verifier-check", counting)) {
      int number = 0;
      for (String line; (line = lines.next()) != null; ) {
        number++;
        ChecksumParser.Parsed p =
            lines.wasTooLong()
                ? new ChecksumParser.Parsed(null, "line longer than " + MAX_LINE_BYTES + " bytes")
                : parser.parse(number, line);
        if (p == null) {
          continue;
        }
        if (p.entry() == null) {
          CheckResult bad =
              new CheckResult(number, "", null, CheckResult.Status.MALFORMED, p.problem());
          work.submit(() -> bad);
        } else {
          ChecksumEntry e = p.entry();
          if (select != null && !select.test(e.target())) {
            continue;
          }
          work.submit(() -> verify(e));
        }
      }
      work.drain();
    }
    return summary[0];
  }

  /**
   * A name from the checksum file against the base directory; a name no path can hold (a NUL) is
   * kept as it is, so that opening it fails as that line's "invalid file name", not as a crash.
   */
  private String resolveAgainstBase(String name) {
    try {
      return baseDirectory.resolve(name).toString();
    } catch (InvalidPathException e) {
      return name;
    }
  }

  private static String withoutExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > name.lastIndexOf('/') + 1 ? name.substring(0, dot) : name;
  }

  private CheckResult verify(ChecksumEntry e) {
    DigestAlgorithm alg = e.expected().algorithm();
    try {
      Path target = Path.of(e.target());
      Digest actual = FileDigester.digest(target, List.of(alg), progress).digest(alg);
      CheckResult.Status s =
          actual.equals(e.expected()) ? CheckResult.Status.OK : CheckResult.Status.FAILED;
      return new CheckResult(e.line(), e.name(), alg, s, "");
    } catch (NoSuchFileException x) {
      CheckResult.Status s =
          ignoreMissing ? CheckResult.Status.IGNORED : CheckResult.Status.UNREADABLE;
      return new CheckResult(e.line(), e.name(), alg, s, IoErrors.reason(x));
    } catch (IOException x) {
      return new CheckResult(
          e.line(), e.name(), alg, CheckResult.Status.UNREADABLE, IoErrors.reason(x));
    } catch (InvalidPathException x) {
      return new CheckResult(
          e.line(), e.name(), alg, CheckResult.Status.UNREADABLE, "invalid file name");
    }
  }

  /** Options for a check. */
  public static final class Builder {
    private DigestAlgorithm algorithm;
    private Path baseDirectory;
    private boolean ignoreMissing;
    private Predicate<String> select;
    private int threads = Runtime.getRuntime().availableProcessors();
    private ProgressListener progress = ProgressListener.NONE;

    private Builder() {}

    /** Untagged lines are of this algorithm (and lines of others are malformed). */
    public Builder algorithm(DigestAlgorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    /** Resolve names against this directory instead of the working directory. */
    public Builder baseDirectory(Path baseDirectory) {
      this.baseDirectory = baseDirectory;
      return this;
    }

    /** Report missing files as {@link CheckResult.Status#IGNORED} instead of unreadable. */
    public Builder ignoreMissing(boolean ignoreMissing) {
      this.ignoreMissing = ignoreMissing;
      return this;
    }

    /** How many files to hash at once. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    public Builder progress(ProgressListener progress) {
      this.progress = requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Checks only the lines whose target (the resolved path) passes {@code select}; the others are
     * neither hashed nor reported. Malformed lines are reported still.
     */
    public Builder select(Predicate<String> select) {
      this.select = requireNonNull(select, "select");
      return this;
    }

    public ChecksumCheck build() {
      return new ChecksumCheck(this);
    }
  }
}
