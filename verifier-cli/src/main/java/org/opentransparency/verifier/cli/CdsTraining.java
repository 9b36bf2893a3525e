package org.opentransparency.verifier.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs the common commands once, at build time, in a JVM started with {@code
 * -XX:ArchiveClassesAtExit}: the classes they load go into a class-data sharing archive that the
 * launcher maps at start-up, which cuts tens of milliseconds from every run. Output is discarded;
 * the commands run on a scratch directory of their own.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("verifier-cds");
    try {
      Path file = Files.writeString(dir.resolve("file.txt"), "training\n");
      Files.writeString(dir.resolve("other.txt"), "other\n");
      Path big = dir.resolve("big.bin");
      Files.write(big, new byte[8 << 20]);
      Path sums = dir.resolve("SHA256SUMS");
      PrintStream discard =
          new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      CliEnvironment env =
          new CliEnvironment(
              dir,
              new ByteArrayInputStream(new byte[0]),
              discard,
              discard,
              Clock.systemUTC(),
              false);
      run(env, "--version");
      run(env, "--help");
      run(env, "hash", "--help");
      run(env, "hash", file.toString(), big.toString());
      run(env, "hash", "-a", "sha256", "-a", "sha512", "-a", "blake3", big.toString());
      run(env, "hash", "--format", "json", dir.toString());
      run(env, "hash", "-o", sums.toString(), dir.toString());
      run(env, "hash", "--check", sums.toString());
      run(env, "hash", "--check", dir.resolve("missing").toString());
      run(env, "hash", "--no-such-option");
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static void run(CliEnvironment env, String... args) {
    Main.run(args, env);
  }
}
