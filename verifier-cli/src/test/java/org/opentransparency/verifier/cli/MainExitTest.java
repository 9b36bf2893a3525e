package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the process ends: a success returns from main (System.exit would search the class path for a
 * logging backend first), anything else exits with its code; either way the process ends.
 */
class MainExitTest {
  @TempDir Path dir;

  /** Runs the command line as its own process, as the launcher does; its exit code. */
  private int process(String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[args.length + 4];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = Main.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out").toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process did not end");
    return p.exitValue();
  }

  private String output() throws IOException {
    return Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
  }

  @Test
  void success_returnsFromMain_exit0() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "abc");

    assertEquals(0, process("--version"));
    assertTrue(output().startsWith("verifier "), output());
    assertEquals(0, process("hash", "a.txt"));
    assertTrue(output().startsWith("ba7816bf"), output());
  }

  @Test
  void failure_exitsWithItsCode() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "abc");
    Files.writeString(dir.resolve("SUMS"), "0".repeat(64) + "  a.txt\n");

    assertEquals(1, process("hash", "--check", "SUMS"));
    assertEquals(2, process("frobnicate"));
    assertTrue(output().startsWith("verifier: error: "), output());
  }

  @Test
  void onlyDaemonsLeft_notWhileAnotherThreadRuns() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "still-working");
    worker.start();
    try {
      assertFalse(Main.onlyDaemonsLeft());
    } finally {
      release.countDown();
      worker.join();
    }
  }
}
