package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the process ends: a success returns from main and a "no" throws out of it (System.exit would
 * search the class path for a logging backend first), anything else exits with its code; either way
 * the process ends, with the code SPEC gives.
 */
class MainExitTest {
  @TempDir Path dir;

  /** Runs the command line as its own process, as the launcher does; its exit code. */
  private int process(String... args) throws IOException, InterruptedException {
    return process(List.of(), args);
  }

  /** As {@link #process(String...)}, the JVM given {@code jvmOptions}. */
  private int process(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return CliRun.process(dir, jvmOptions, args);
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

    // A "no" ends main by a throw, not System.exit: the java launcher's exit 1, and nothing of
    // the throw on stderr.
    assertEquals(1, process("hash", "--check", "SUMS"));
    assertEquals("a.txt: FAILED\nverifier: WARNING: 1 computed checksum did NOT match\n", output());
    assertEquals(2, process("frobnicate"));
    assertTrue(output().startsWith("verifier: error: "), output());
  }

  /**
   * A comparison whose indexes outgrow a small heap runs out of memory on a side's thread: one line
   * and exit 2, as on the main thread. Wrapped by the thread pool, it was an "internal error".
   */
  @Test
  void outOfMemoryOnAWorkerThread_oneLineAndCannotCheck() throws Exception {
    zipOfManyEntries(dir.resolve("left.zip"), 1_700_000_000_000L);
    zipOfManyEntries(dir.resolve("right.zip"), 1_800_000_000_000L);

    assertEquals(2, process(List.of("-Xmx24m"), "compare", "left.zip", "right.zip"));
    assertEquals(
        "verifier: error: out of memory: the input needs more than the Java heap holds (give the"
            + " JVM more with VERIFIER_JAVA_OPTS=-Xmx..., or lower a limit)\n",
        output());
  }

  private static void zipOfManyEntries(Path zip, long time) throws IOException {
    try (ZipOutputStream out =
        new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip)))) {
      for (int i = 0; i < 50_000; i++) {
        ZipEntry e = new ZipEntry(String.format(Locale.ROOT, "d%02d/entry-%06d.txt", i % 50, i));
        e.setTime(time);
        out.putNextEntry(e);
        out.write(("entry " + i + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  @Test
  void fatal_anyOtherError_oneLineExit2_traceOnlyWithDebug() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    assertEquals(2, Main.fatal(new StackOverflowError(), new String[] {"hash", "x"}, err));
    assertEquals(
        "verifier: error: internal error: java.lang.StackOverflowError (run with --debug for"
            + " details)"
            + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));

    bytes.reset();
    assertEquals(2, Main.fatal(new StackOverflowError(), new String[] {"hash", "--debug"}, err));
    String debug = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(debug.contains("\tat org.opentransparency.verifier.cli.MainExitTest"), debug);
  }

  /** The handler main sets before its throw is silent for that throw alone. */
  @Test
  void exitNosHandler_passesAnyOtherThrowableOn() {
    List<Throwable> passedOn = new java.util.ArrayList<>();
    ThreadGroup group =
        new ThreadGroup("watched") {
          @Override
          public void uncaughtException(Thread t, Throwable e) {
            passedOn.add(e);
          }
        };
    Thread inGroup = new Thread(group, () -> {}, "in-group");
    Main.ExitNo.Quiet quiet = new Main.ExitNo.Quiet();

    quiet.uncaughtException(inGroup, new Main.ExitNo());
    assertEquals(List.of(), passedOn);
    IllegalStateException other = new IllegalStateException("not an exit");
    quiet.uncaughtException(inGroup, other);
    assertEquals(List.of(other), passedOn);
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
