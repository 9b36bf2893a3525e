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
      // Keys, a manifest, a signed update, a comparison and an audit: BouncyCastle, Jackson and
      // the archive readers' classes are loaded by these.
      Path root = dir.resolve("root");
      run(env, "keygen", "--scheme", "ed25519", "--out", root.toString());
      Path manifest = dir.resolve("manifest.json");
      run(
          env,
          "manifest",
          "create",
          "--publisher",
          "training",
          "--version",
          "1",
          "--expires",
          "1d",
          "--key",
          "root,software=" + root + ".pub",
          "-o",
          manifest.toString());
      run(env, "manifest", "sign", "--key", root + ".key", manifest.toString());
      run(env, "manifest", "verify", manifest.toString());
      run(env, "sign", "--key", root + ".key", "--role", "software", file.toString());
      run(env, "verify", "--manifest", manifest.toString(), "--role", "software", file.toString());
      Path left = jar(dir.resolve("left.jar"), 1);
      Path right = jar(dir.resolve("right.jar"), 2);
      run(env, "compare", left.toString(), right.toString());
      run(env, "compare", "--format", "json", left.toString(), right.toString());
      run(env, "hash", "--content", left.toString());
      run(
          env,
          "audit",
          "--manifest",
          manifest.toString(),
          "--role",
          "software",
          "--rebuilt",
          file.toString(),
          file.toString());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /** A small jar whose one class entry has other bytes for another {@code variant}. */
  private static Path jar(Path path, int variant) throws IOException {
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(path))) {
      z.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
      z.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new java.util.zip.ZipEntry("org/example/A.txt"));
      z.write(("line one\nvariant " + variant + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return path;
  }

  private static void run(CliEnvironment env, String... args) {
    Main.run(args, env);
  }
}
