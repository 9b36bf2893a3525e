package org.opentransparency.verifier.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.opentransparency.verifier.TestData;

/** Runs the real command line in-process, in a given directory, at the fixed test time. */
record CliRun(int exitCode, String out, String err) {
  static CliRun in(Path workingDirectory, String... args) {
    return withInput(workingDirectory, new byte[0], args);
  }

  static CliRun withInput(Path workingDirectory, byte[] stdin, String... args) {
    return run(workingDirectory, stdin, true, args);
  }

  /** As {@link #in}, in a locale that is not UTF-8. */
  static CliRun ascii(Path workingDirectory, String... args) {
    return run(workingDirectory, new byte[0], false, args);
  }

  private static CliRun run(Path workingDirectory, byte[] stdin, boolean unicode, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment env =
        new CliEnvironment(
            workingDirectory,
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.fixed(TestData.AT, ZoneOffset.UTC),
            false,
            unicode);
    int code = Main.run(args, env);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
