package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Options every reporting command shares: {@code --format}, {@code -o}, {@code --quiet}, {@code
 * --debug}, {@code --at}.
 */
final class CommonOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Report format: text or json; compare and audit also html (default: text).")
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
      converter = InstantConverter.class,
      description =
          "Judge every expiry and validity at TIME (ISO-8601 instant, e.g. 2026-11-22T00:00:00Z); default: now.")
  Instant at;

  /** The instant decisions are made at: {@code --at}, else the environment's clock. */
  Instant at(CliEnvironment env) {
    return at != null ? at : env.clock().instant();
  }

  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeException e) {
        throw new TypeConversionException(
            "not an ISO-8601 instant: '" + value + "' (e.g. 2026-11-22T00:00:00Z)");
      }
    }
  }

  /** Refuses a {@code --format} this command cannot write. */
  Format format(Set<Format> supported) {
    if (!supported.contains(format)) {
      throw new ParameterException(
          spec.commandLine(),
          "--format " + format + " is not available here; use one of " + supported);
    }
    return format;
  }

  Format format() {
    return format(EnumSet.of(Format.text, Format.json));
  }

  /** Writes a report as JSON or text. */
  interface JsonReport {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes the report where it goes ({@code -o} or stdout): {@code json} for {@code --format json},
   * else {@code text} with a final newline.
   */
  void report(CliEnvironment env, Format format, JsonReport json, String text) throws IOException {
    try (OutputStream sink = open(env)) {
      if (format == Format.json) {
        json.write(sink);
      } else {
        sink.write(
            (text.isEmpty() || text.endsWith("\n") ? text : text + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
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
