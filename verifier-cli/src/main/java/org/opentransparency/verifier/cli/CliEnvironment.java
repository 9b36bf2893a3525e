package org.opentransparency.verifier.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a command may touch of the world: its working directory, standard streams and clock. Tests
 * pass their own, so the real {@code main} runs in-process at a fixed time and place.
 *
 * @param stderrIsTerminal whether progress may be drawn on stderr
 * @param unicode whether the locale is UTF-8, so reports may mark checks with ✓ and ✗
 */
public record CliEnvironment(
    Path workingDirectory,
    InputStream in,
    PrintStream out,
    PrintStream err,
    Clock clock,
    boolean stderrIsTerminal,
    boolean unicode) {
  public CliEnvironment {
    requireNonNull(workingDirectory, "workingDirectory");
    requireNonNull(in, "in");
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    requireNonNull(clock, "clock");
  }

  /** An environment whose locale is UTF-8. */
  public CliEnvironment(
      Path workingDirectory,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Clock clock,
      boolean stderrIsTerminal) {
    this(workingDirectory, in, out, err, clock, stderrIsTerminal, true);
  }

  /** The process's own environment. */
  static CliEnvironment system(PrintStream out, PrintStream err) {
    return new CliEnvironment(
        Path.of("").toAbsolutePath(),
        System.in,
        out,
        err,
        Clock.systemUTC(),
        detectTerminal(),
        utf8Locale(System.getenv()));
  }

  /**
   * Whether the locale the environment names is UTF-8, as the C library decides: the first of
   * LC_ALL, LC_CTYPE and LANG that is set and not empty.
   */
  static boolean utf8Locale(java.util.Map<String, String> environment) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = environment.get(name);
      if (v != null && !v.isEmpty()) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8");
      }
    }
    return false;
  }

  /** A path the user typed, resolved against the working directory. */
  Path resolve(String userPath) {
    return workingDirectory.resolve(userPath);
  }

  private static boolean detectTerminal() {
    return isTerminal("verifier.stderr.tty", 2);
  }

  /**
   * Whether this process's standard output is a terminal: reports are then written line by line, as
   * C's stdio does, and otherwise in blocks (100,000 lines of {@code hash} were 100,000 writes).
   */
  static boolean stdoutIsTerminal() {
    return isTerminal("verifier.stdout.tty", 1);
  }

  private static boolean isTerminal(String property, int fd) {
    // The launcher knows for sure ([ -t 1 ], [ -t 2 ]); started some other way, ask Linux's /proc.
    String told = System.getProperty(property);
    if (told != null) {
      return Boolean.parseBoolean(told);
    }
    if (System.console() == null) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }
}
