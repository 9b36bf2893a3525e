package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code --version} alone is answered before the command line's model is built: the same output and
 * exit code as picocli's own handling of the option, which every other line still gets.
 */
class VersionFastPathTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void sameAsPicocli(String option) {
    CliRun fast = CliRun.in(dir, option);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment env = env(new PrintStream(out, true, StandardCharsets.UTF_8), err);
    CommandLine cl =
        new CommandLine(VerifierCommand.spec(new VerifierCommand(env)), VerifierCommand.FACTORY);
    Main.configure(cl, env);
    int code = cl.execute(option);

    assertEquals(
        new CliRun(
            code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)),
        fast);
    assertEquals(ExitCodes.OK, fast.exitCode());
  }

  /** In a JVM of its own: --version alone loads no picocli model; asked twice, it does. */
  @Test
  void theModelIsNotBuilt() throws Exception {
    String model = "picocli.CommandLine$Model$CommandSpec ";

    assertEquals(0, CliRun.process(dir, List.of("-Xlog:class+load=info"), "--version"));
    String alone = Files.readString(dir.resolve("out"));
    assertTrue(alone.contains(VerifierCommand.Version.line() + "\n"), alone);
    assertFalse(alone.contains(model), "the model was built for --version alone");

    CliRun.process(dir, List.of("-Xlog:class+load=info"), "-V", "-V");
    assertTrue(Files.readString(dir.resolve("out")).contains(model));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void aFailedWriteIsNotSuccess(String option) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("No space left on device");
          }
        };
    int code =
        Main.run(
            new String[] {option}, env(new PrintStream(broken, true, StandardCharsets.UTF_8), err));

    assertEquals(ExitCodes.CANNOT_CHECK, code);
    assertEquals(
        "verifier: error: the report could not be written in full to standard output\n",
        err.toString(StandardCharsets.UTF_8));
  }

  private CliEnvironment env(PrintStream out, ByteArrayOutputStream err) {
    return new CliEnvironment(
        dir,
        new ByteArrayInputStream(new byte[0]),
        out,
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Clock.systemUTC(),
        false,
        true);
  }
}
