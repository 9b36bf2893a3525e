package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every reporting command shares: {@code --format}, {@code -o}, {@code --quiet}, {@code --debug}, {@code --at}. */
final class CommonOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: text).")
  Format format = Format.text;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  String output;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print less: no progress, and only failures where the command allows.")
  boolean quiet;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "Judge every expiry and validity at TIME (ISO-8601 instant, e.g. 2026-11-22T00:00:00Z); default: now.")
  String at;

  /** The instant decisions are made at: {@code --at}, else the environment's clock. */
  Instant at(CliEnvironment env) {
    if (at == null) {
      return env.clock().instant();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeException e) {
      throw new ParameterException(
          spec.commandLine(), "--at: not an ISO-8601 instant: '" + at + "' (e.g. 2026-11-22T00:00:00Z)");
    }
  }

  /** Refuses a {@code --format} this command cannot write. */
  Format format(Set<Format> supported) {
    if (!supported.contains(format)) {
      throw new ParameterException(
          spec.commandLine(), "--format " + format + " is not available here; use one of " + supported);
    }
    return format;
  }

  Format format() {
    return format(EnumSet.of(Format.text, Format.json));
  }

  /** Where the report goes: {@code -o FILE}, or standard output (left open). */
  OutputStream open(CliEnvironment env) throws IOException {
    if (output == null || output.equals("-")) {
      return new NonClosing(env.out());
    }
    Path file = env.resolve(output);
    return Files.newOutputStream(file);
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
