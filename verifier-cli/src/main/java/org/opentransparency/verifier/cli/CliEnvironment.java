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
 */
public record CliEnvironment(
    Path workingDirectory,
    InputStream in,
    PrintStream out,
    PrintStream err,
    Clock clock,
    boolean stderrIsTerminal) {
  public CliEnvironment {
    requireNonNull(workingDirectory, "workingDirectory");
    requireNonNull(in, "in");
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    requireNonNull(clock, "clock");
  }

  /** The process's own environment. */
  static CliEnvironment system(PrintStream out, PrintStream err) {
    return new CliEnvironment(
        Path.of("").toAbsolutePath(), System.in, out, err, Clock.systemUTC(), detectTerminal());
  }

  /** A path the user typed, resolved against the working directory. */
  Path resolve(String userPath) {
    return workingDirectory.resolve(userPath);
  }

  private static boolean detectTerminal() {
    // The launcher knows for sure ([ -t 2 ]); started some other way, ask Linux's /proc.
    String told = System.getProperty("verifier.stderr.tty");
    if (told != null) {
      return Boolean.parseBoolean(told);
    }
    if (System.console() == null) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }
}
