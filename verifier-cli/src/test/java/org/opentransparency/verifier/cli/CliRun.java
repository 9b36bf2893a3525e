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

  /**
   * The arguments of {@code manifest create} for the tests' usual manifest, {@code m.json}: valid
   * for a year from 2026-11-01, root keys r1 and r2 with a threshold of 2, and a {@code --key} for
   * each of {@code keys} ("ROLE=FILE").
   */
  static String[] createTwoRootManifest(String... keys) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "manifest",
                "create",
                "--publisher",
                "Example Security Ltd",
                "--version",
                "1",
                "--expires",
                "P365D",
                "--at",
                "2026-11-01T00:00:00Z",
                "--key",
                "root=r1.pub",
                "--key",
                "root=r2.pub"));
    for (String k : keys) {
      args.add("--key");
      args.add(k);
    }
    args.addAll(java.util.List.of("--threshold", "root=2", "-o", "m.json"));
    return args.toArray(String[]::new);
  }

  /**
   * Runs the command line as a process of its own, as the launcher does (this JVM's java and class
   * path, {@code jvmOptions} before the main class), in {@code workingDirectory}: its exit code,
   * with its stdout and stderr together in the file {@code out} there. For what a run in this JVM
   * cannot show: how the process ends, what the JVM loads.
   */
  static int process(Path workingDirectory, java.util.List<String> jvmOptions, String... args)
      throws java.io.IOException, InterruptedException {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(java.util.List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workingDirectory.resolve("out").toFile())
            .start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the process did not end: " + String.join(" ", args));
    }
    return p.exitValue();
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
