package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;

/**
 * The launcher {@code ./verifier} and the AOT script it sources, run against a stub JDK 25 that
 * prints the arguments it is given: which cache each command line takes, and with which flags.
 */
class LauncherScriptTest {
  private static final Path ROOT = TestData.root().getParent().toAbsolutePath().normalize();
  private static final String JDK_VERSION = "25.0.3";

  /**
   * The stub JDK's java: prints its arguments, one a line. With STUB_LOG set (a build through
   * aot.sh), it writes them to that file instead, with whether the module path's jar had the
   * upgraded jar's modification time when it ran, and does the file work of the real commands: the
   * class-file upgrade copies the jar, a training writes its cache.
   */
  private static final String STUB_JAVA =
      String.join(
          "\n",
          "#!/bin/sh",
          "if [ -z \"${STUB_LOG:-}\" ]; then",
          "  for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done",
          "  exit 0",
          "fi",
          "echo '--' >> \"$STUB_LOG\"",
          "prev= last= before=",
          "for a in \"$@\"; do",
          "  printf '[%s]\\n' \"$a\" >> \"$STUB_LOG\"",
          "  case $a in -XX:AOTCacheOutput=*) printf x > \"${a#-XX:AOTCacheOutput=}\" ;; esac",
          "  if [ \"$prev\" = --module-path ]; then",
          "    jar=${a%/*}/verifier-aot.jar",
          "    if [ \"$a\" -nt \"$jar\" ] || [ \"$a\" -ot \"$jar\" ]; then",
          "      echo 'module-time: not the jar time' >> \"$STUB_LOG\"",
          "    else",
          "      echo 'module-time: the jar time' >> \"$STUB_LOG\"",
          "    fi",
          "  fi",
          "  prev=$a; before=$last; last=$a",
          "done",
          "case \"$before\" in *verifier.jar) cp \"$before\" \"$last\" ;; esac",
          "exit 0",
          "");

  @TempDir Path dir;
  private Path jdk;
  private Path target;

  /** VERIFIER_JAVA_OPTS for the runs, or null for none. */
  private String javaOpts;

  @BeforeEach
  void tree() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
    Path aot = Files.createDirectories(dir.resolve("tree/verifier-cli/src/aot"));
    Files.copy(ROOT.resolve("verifier"), dir.resolve("tree/verifier"));
    Files.copy(ROOT.resolve("verifier-cli/src/aot/aot.sh"), aot.resolve("aot.sh"));
    jdk = Files.createDirectories(dir.resolve("jdk25"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + JDK_VERSION + "\"\n");
    executable(Files.createDirectories(jdk.resolve("bin")).resolve("java"), STUB_JAVA);
    target = Files.createDirectories(dir.resolve("tree/verifier-cli/target"));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    touch(target.resolve("verifier.jar"), t);
    touch(target.resolve("verifier-aot.jar"), t.plusSeconds(1));
    touch(target.resolve("verifier-aot-logging.jar"), t.plusSeconds(1));
    for (String g : CdsTraining.GROUPS) {
      touch(target.resolve("verifier-" + g + ".aot"), t.plusSeconds(2));
    }
    // No background build from any run: one was tried for this jar and JDK.
    Files.writeString(target.resolve("verifier.aot.tried"), jdk + " " + JDK_VERSION + "\n");
    stamp(jdk + " " + JDK_VERSION + "\nno-replay\n");
  }

  private static void executable(Path p, String text) throws IOException {
    Files.writeString(p, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void touch(Path p, Instant t) throws IOException {
    Files.write(p, new byte[] {1});
    Files.setLastModifiedTime(p, FileTime.from(t));
  }

  /** Writes the stamp as the build does: with the upgraded jar's modification time as its own. */
  private void stamp(String text) throws IOException {
    Path stamp = target.resolve("verifier.aot.stamp");
    Files.writeString(stamp, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(stamp, Files.getLastModifiedTime(target.resolve("verifier-aot.jar")));
  }

  /** The launcher's arguments to the stub java, one a line. */
  private List<String> run(String... args) throws IOException, InterruptedException {
    return run(false, args);
  }

  /**
   * As {@link #run(String...)}; with {@code stubOnPath}, the stub is the default java on the PATH
   * too, which the launcher runs when no cache is current.
   */
  private List<String> run(boolean stubOnPath, String... args)
      throws IOException, InterruptedException {
    return run(dir, "tree/verifier", stubOnPath, args);
  }

  /**
   * As {@link #run(boolean, String...)}, with the launcher run as {@code launcher} from {@code
   * cwd}.
   */
  private List<String> run(Path cwd, String launcher, boolean stubOnPath, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/bin/bash", launcher));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("VERIFIER_AOT_JDK", jdk.toString());
    pb.environment().remove("VERIFIER_AOT");
    pb.environment().remove("VERIFIER_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("VERIFIER_JAVA_OPTS", javaOpts);
    }
    if (stubOnPath) {
      Path bin = Files.createDirectories(dir.resolve("pathbin"));
      Files.copy(jdk.resolve("bin/java"), bin.resolve("java"), StandardCopyOption.REPLACE_EXISTING);
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> lines = new ArrayList<>();
    for (String l : out.split("\n")) {
      assertTrue(l.startsWith("[") && l.endsWith("]"), "not from the stub java: " + out);
      lines.add(l.substring(1, l.length() - 1));
    }
    return lines;
  }

  /** The file name of the cache the launcher gave java, or "none". */
  private String cache(List<String> javaArgs) {
    Path p = cachePath(javaArgs);
    return p == null ? "none" : p.getFileName().toString();
  }

  /** The cache the launcher gave java, as it named it, or null. */
  private static Path cachePath(List<String> javaArgs) {
    for (String a : javaArgs) {
      if (a.startsWith("-XX:AOTCache=")) {
        return Path.of(a.substring("-XX:AOTCache=".length()));
      }
    }
    return null;
  }

  private static List<String> after(List<String> javaArgs, String main) {
    return javaArgs.subList(javaArgs.indexOf(main) + 1, javaArgs.size());
  }

  /**
   * The launcher finds its tree by the path it was run by, taken as text: relative, its bare name
   * from its own directory, through a symbolic link to the tree, with "..". Whatever the path, the
   * class path and the cache it gives java name the tree's files (the JVMs match a cache's class
   * path by the files its names lead to), with a cache and without.
   */
  @Test
  void theTreeIsFoundByAnyPathTheLauncherIsRunBy() throws Exception {
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("tree"));
    Files.createDirectories(dir.resolve("sub"));
    String[][] ways = {
      {".", "tree/verifier"},
      {"tree", "verifier"},
      {"tree", "./verifier"},
      {".", "link/verifier"},
      {"sub", "../link/verifier"},
      {"/", dir.resolve("link/verifier").toString()},
    };
    for (boolean cached : new boolean[] {true, false}) {
      stamp(jdk + " " + (cached ? JDK_VERSION : "25.0.2") + "\nno-replay\n");
      for (String[] way : ways) {
        Path cwd = dir.resolve(way[0]);
        List<String> a = run(cwd, way[1], true, "hash", "f");
        String how = way[1] + " from " + way[0] + (cached ? "" : ", no cache") + ": " + a;
        Path cp = Path.of(a.get(a.indexOf("-cp") + 1));
        assertTrue(cp.isAbsolute(), how);
        assertTrue(
            Files.isSameFile(cp, target.resolve(cached ? "verifier-aot.jar" : "verifier.jar")),
            how);
        if (cached) {
          assertTrue(Files.isSameFile(cachePath(a), target.resolve("verifier-hash.aot")), how);
          Path module = Path.of(a.get(a.indexOf("--module-path") + 1));
          assertTrue(module.isAbsolute(), how);
          assertTrue(Files.isSameFile(module, target.resolve("verifier-aot-logging.jar")), how);
        } else {
          assertEquals("none", cache(a), how);
          assertFalse(a.contains("--module-path"), how);
        }
        assertEquals(List.of("hash", "f"), after(a, Main.class.getName()), how);
      }
    }
  }

  /** The launcher, the training and the build name the same groups, in the same order. */
  @Test
  void theGroupsAreTheSameEverywhere() throws IOException {
    String aot = Files.readString(ROOT.resolve("verifier-cli/src/aot/aot.sh"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^aot_groups=\\(([^)]*)\\)$").matcher(aot);
    assertTrue(m.find(), "no aot_groups=(...) line in aot.sh");
    assertEquals(CdsTraining.GROUPS, List.of(m.group(1).split(" ")));
    String pom = Files.readString(ROOT.resolve("verifier-cli/pom.xml"));
    List<String> archives = new ArrayList<>();
    java.util.regex.Matcher c =
        java.util.regex.Pattern.compile("<cds group=\"([a-z]+)\"/>").matcher(pom);
    while (c.find()) {
      archives.add(c.group(1));
    }
    assertEquals(CdsTraining.GROUPS, archives);
  }

  @Test
  void eachCommandTakesItsGroupsCache_theSignaturesGroupAndShortRunsSkipTheReplay()
      throws Exception {
    String main = Main.class.getName();
    // Bigger than a short run's 4 MiB: a hash of it is no short run, and keeps the replay.
    sized(dir.resolve("a file.txt"), (4L << 20) + 1);
    List<String> v = run("--version");
    assertEquals("verifier-version.aot", cache(v));
    assertFalse(v.contains("-XX:-AOTReplayTraining"), v.toString());
    assertEquals("verifier-version.aot", cache(run("-V")));
    // Only --version alone is answered without the command line's model; help, an unknown word,
    // nothing at all and --version among other words take the help group's cache.
    for (List<String> help :
        List.<List<String>>of(
            List.of("--help"),
            List.of(),
            List.of("help", "hash"),
            List.of("frobnicate"),
            List.of("--version", "--help"),
            List.of("-V", "-V"))) {
      assertEquals("verifier-help.aot", cache(run(help.toArray(String[]::new))), help.toString());
    }
    List<String> h = run("hash", "a file.txt");
    assertEquals("verifier-hash.aot", cache(h));
    assertFalse(h.contains("-XX:-AOTReplayTraining"), h.toString());
    assertEquals(List.of("hash", "a file.txt"), after(h, main));
    Files.writeString(dir.resolve("small.txt"), "small");
    List<String> shortHash = run("hash", "small.txt");
    assertEquals("verifier-hash.aot", cache(shortHash));
    assertTrue(shortHash.contains("-XX:-AOTReplayTraining"), shortHash.toString());
    List<String> s = run("verify", "--manifest", "m n.json", "--role", "software", "f");
    assertEquals("verifier-signatures.aot", cache(s));
    assertTrue(s.contains("-XX:+UnlockDiagnosticVMOptions"), s.toString());
    assertTrue(s.contains("-XX:-AOTReplayTraining"), s.toString());
    assertEquals(
        List.of("verify", "--manifest", "m n.json", "--role", "software", "f"), after(s, main));
    assertEquals("verifier-archives.aot", cache(run("hash", "--content", "x.jar")));
    assertEquals("verifier-archives.aot", cache(run("hash", "--content=true", "x.jar")));
    assertEquals("verifier-archives.aot", cache(run("compare", "a", "b")));
    // Help for a command is the help group's, however asked; a file named --help after "--" is
    // not a request for help.
    for (List<String> help :
        List.<List<String>>of(
            List.of("verify", "--help"),
            List.of("verify", "--manifest", "m.json", "-h"),
            List.of("compare", "--help"),
            List.of("manifest", "create", "--help"),
            List.of("hash", "--help"))) {
      assertEquals("verifier-help.aot", cache(run(help.toArray(String[]::new))), help.toString());
    }
    assertEquals("verifier-hash.aot", cache(run("hash", "--", "--help")));
    // A file named --content: a guess of the wrong cache, which costs only time.
    List<String> named = run("hash", "--", "--content");
    assertEquals(List.of("hash", "--", "--content"), after(named, main));
  }

  /**
   * The archives group runs with the parallel collector and a smaller young generation, the others
   * with the serial collector, with a cache or without one.
   */
  @Test
  void eachGroupsCollectorAndYoungGeneration_withACacheAndWithout() throws Exception {
    List<String> parallel = List.of("-XX:+UseParallelGC", "-Xmn12m");
    List<String> serial = List.of("-XX:+UseSerialGC", "-Xmn32m");
    assertHeap(parallel, run("compare", "a", "b"));
    assertHeap(parallel, run("hash", "--content", "x.jar"));
    assertHeap(parallel, run("audit", "x.jar"));
    assertHeap(serial, run("hash", "f"));
    assertHeap(serial, run("verify", "f"));
    assertHeap(serial, run("--version"));
    stamp(jdk + " 25.0.2\nno-replay\n");
    List<String> noCache = run(true, "compare", "a", "b");
    assertEquals("none", cache(noCache));
    assertHeap(parallel, noCache);
    assertHeap(serial, run(true, "verify", "f"));
  }

  /**
   * A collector named in VERIFIER_JAVA_OPTS is the only one java gets (it refuses to start with
   * two); the young generation stays the group's.
   */
  @Test
  void aCollectorInTheJavaOptions_replacesTheLaunchers() throws Exception {
    javaOpts = "-Xlog:gc -XX:+UseG1GC";
    assertHeap(List.of("-Xmn12m", "-XX:+UseG1GC"), run("compare", "a", "b"));
    assertHeap(List.of("-Xmn32m", "-XX:+UseG1GC"), run("verify", "f"));
    assertHeap(List.of("-Xmn32m", "-XX:+UseG1GC"), run(true, "hash", "f"));
    javaOpts = "-Xlog:gc";
    assertHeap(List.of("-XX:+UseParallelGC", "-Xmn12m"), run("compare", "a", "b"));
    // Options that only hold the letters name no collector: the group's stays.
    javaOpts = "-XX:+UseGCOverheadLimit -XX:+UseStringDeduplication";
    List<String> args = run("compare", "a", "b");
    assertHeap(List.of("-XX:+UseParallelGC", "-Xmn12m"), args);
    assertTrue(args.contains("-XX:+UseGCOverheadLimit"), args.toString());
    javaOpts = "-XX:+UseZGC";
    assertHeap(List.of("-Xmn12m", "-XX:+UseZGC"), run("compare", "a", "b"));
  }

  /** {@code javaArgs} hold {@code expected}'s collector and young generation, and no other. */
  private static void assertHeap(List<String> expected, List<String> javaArgs) {
    List<String> heap = new ArrayList<>();
    for (String a : javaArgs) {
      if (a.matches("-XX:\\+Use\\w+GC|-Xmn.*")) {
        heap.add(a);
      }
    }
    assertEquals(expected, heap, javaArgs.toString());
  }

  /**
   * A verify of files of at most 4 MiB, or a hash of at most 4 MiB in all, runs without C2;
   * anything bigger, or that the launcher cannot size, a hash that checks checksum files or reads
   * archives, and every other command, keep it.
   */
  @Test
  void aVerifyOrHashOfSmallFilesRunsWithoutC2_withACacheAndWithout() throws Exception {
    String c1 = "-XX:TieredStopAtLevel=1";
    Files.writeString(dir.resolve("m.json"), "{}");
    Files.writeString(dir.resolve("small.txt"), "small");
    sized(dir.resolve("four-mib.bin"), 4L << 20);
    sized(dir.resolve("big.bin"), (4L << 20) + 1);
    Files.createDirectories(dir.resolve("repo"));
    Files.writeString(dir.resolve("!"), "a name find would read as an operator");

    assertTrue(run("verify", "--manifest", "m.json", "--role", "r", "small.txt").contains(c1));
    assertTrue(run("verify", "--manifest=m.json", "four-mib.bin").contains(c1));
    assertTrue(run("verify", "--manifest", "m.json", "no-such-file").contains(c1));
    assertTrue(run("verify", "--", "!").contains(c1));
    assertTrue(run("verify", "--manifest", dir.resolve("m.json").toString(), "!").contains(c1));

    assertFalse(run("verify", "--manifest", "m.json", "big.bin").contains(c1));
    // A link is sized by the file it names, as the verify reads that.
    Files.createSymbolicLink(dir.resolve("link.bin"), dir.resolve("big.bin"));
    assertFalse(run("verify", "--manifest", "m.json", "link.bin").contains(c1));
    Files.createSymbolicLink(dir.resolve("small-link.txt"), dir.resolve("small.txt"));
    assertTrue(run("verify", "--manifest", "m.json", "small-link.txt").contains(c1));
    assertFalse(run("verify", "--manifest=big.bin", "small.txt").contains(c1));
    assertFalse(run("verify", "--manifest", "m.json", "repo").contains(c1));
    assertFalse(run("verify", "--manifest", "m.json", "-").contains(c1));
    assertFalse(run("verify", "@args.txt").contains(c1));
    assertTrue(run("hash", "small.txt").contains(c1));
    assertTrue(run("hash", "-a", "sha512", "small.txt", "m.json").contains(c1));
    assertTrue(run("hash", "four-mib.bin").contains(c1));
    // At most 4 MiB in all: each of two files at most 2 MiB.
    assertFalse(run("hash", "-a", "sha512", "small.txt", "four-mib.bin").contains(c1));
    assertTrue(run("hash", "-q", "--", "!").contains(c1));
    assertFalse(run("hash", "big.bin").contains(c1));
    assertFalse(run("hash", "four-mib.bin", "four-mib.bin").contains(c1));
    assertFalse(run("hash", "repo").contains(c1));
    assertFalse(run("hash", "-").contains(c1));
    assertFalse(run("hash", "-c", "small.txt").contains(c1));
    assertFalse(run("hash", "-qc", "small.txt").contains(c1));
    assertFalse(run("hash", "--check", "small.txt").contains(c1));
    assertFalse(run("hash", "--content", "small.txt").contains(c1));
    assertFalse(run("sign", "small.txt").contains(c1));
    assertFalse(run("--version").contains(c1));

    stamp(jdk + " 25.0.2\nno-replay\n");
    List<String> noCache = run(true, "verify", "--manifest", "m.json", "small.txt");
    assertEquals("none", cache(noCache));
    assertTrue(noCache.contains(c1), noCache.toString());
    assertFalse(run(true, "verify", "--manifest", "m.json", "big.bin").contains(c1));
  }

  private static void sized(Path p, long size) throws IOException {
    try (var f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    }
  }

  /** Without a current cache, each group maps its own class-data sharing archive, if current. */
  @Test
  void withoutACache_eachGroupsClassDataSharingArchive() throws Exception {
    stamp(jdk + " 25.0.2\nno-replay\n");
    Instant jar = Instant.parse("2026-01-01T00:00:00Z");
    for (String g : CdsTraining.GROUPS) {
      touch(target.resolve("verifier-" + g + ".jsa"), jar.plusSeconds(5));
    }
    assertEquals("verifier-version.jsa", archive(run(true, "--version")));
    assertEquals("verifier-help.jsa", archive(run(true, "--help")));
    assertEquals("verifier-hash.jsa", archive(run(true, "hash", "f")));
    assertEquals("verifier-signatures.jsa", archive(run(true, "verify", "f")));
    assertEquals("verifier-archives.jsa", archive(run(true, "compare", "a", "b")));
    assertEquals("verifier-archives.jsa", archive(run(true, "hash", "--content", "x.jar")));
    // An archive older than the jar (a rebuilt jar) is not given: the JVM would run with none.
    touch(target.resolve("verifier-hash.jsa"), jar.minusSeconds(5));
    assertEquals("none", archive(run(true, "hash", "f")));
  }

  private static String archive(List<String> javaArgs) {
    String flag = "-XX:SharedArchiveFile=";
    for (String a : javaArgs) {
      if (a.startsWith(flag)) {
        return Path.of(a.substring(flag.length())).getFileName().toString();
      }
    }
    return "none";
  }

  @Test
  void aStampOfOneLine_fromAnOlderBuild_stillCurrent_withoutTheFlags() throws Exception {
    stamp(jdk + " " + JDK_VERSION + "\n");
    List<String> s = run("verify", "f");
    assertEquals("verifier-signatures.aot", cache(s));
    assertFalse(s.contains("-XX:-AOTReplayTraining"), s.toString());
    stamp(jdk + " " + JDK_VERSION + "\n\n");
    assertFalse(run("sign", "f").contains("-XX:-AOTReplayTraining"));
  }

  /**
   * JDK 25.0.3 runs a cache made from another jar at the same path (JDK-8377932): an upgraded jar,
   * or logging module, whose modification time is not the stamp's, newer or older, gets no cache.
   */
  @Test
  void anUpgradedJarOfAnotherTimeThanTheStamp_noCache() throws Exception {
    for (String name : List.of("verifier-aot.jar", "verifier-aot-logging.jar")) {
      assertEquals("verifier-signatures.aot", cache(run("verify", "f")), name);
      Path jar = target.resolve(name);
      FileTime built = Files.getLastModifiedTime(jar);
      for (FileTime other :
          List.of(
              FileTime.from(built.toInstant().plusMillis(500)),
              FileTime.from(built.toInstant().minusMillis(500)))) {
        // Still newer than verifier.jar and older than the caches, as a replaced jar may be.
        Files.setLastModifiedTime(jar, other);
        List<String> s = run(true, "verify", "f");
        assertEquals("none", cache(s), name + " " + other);
        assertFalse(s.contains("--module-path"), name + " " + other);
      }
      Files.setLastModifiedTime(jar, built);
    }
    assertEquals("verifier-signatures.aot", cache(run("verify", "f")));
  }

  /**
   * A build through aot.sh: the upgraded jar, then one training a group, each with the logging
   * module's copy on its module path, of the upgraded jar's time already (a cache records the
   * module path's times and refuses to run with others); after it, the launcher takes the caches.
   */
  @Test
  void theBuildTrainsEveryCacheWithTheLoggingModule_ofTheJarsTime() throws Exception {
    for (String g : CdsTraining.GROUPS) {
      Files.delete(target.resolve("verifier-" + g + ".aot"));
    }
    Files.delete(target.resolve("verifier-aot.jar"));
    Files.delete(target.resolve("verifier-aot-logging.jar"));
    Files.delete(target.resolve("verifier.aot.stamp"));
    Files.writeString(target.resolve("verifier-logging.jar"), "module");
    Path log = dir.resolve("java.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "/bin/bash", "tree/verifier-cli/src/aot/aot.sh", "build", target.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("VERIFIER_AOT_JDK", jdk.toString());
    pb.environment().put("STUB_LOG", log.toString());
    pb.environment().remove("VERIFIER_AOT");
    // A run's options, which a training does not take: each trains with its group's collector.
    pb.environment().put("VERIFIER_JAVA_OPTS", "-XX:+UseG1GC");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);

    List<String> calls = new ArrayList<>(List.of(Files.readString(log).split("--\n")));
    calls.removeIf(String::isEmpty);
    List<String> trainings = new ArrayList<>();
    for (String call : calls) {
      if (call.contains("[-XX:AOTCacheOutput=")) {
        trainings.add(call);
      }
    }
    assertEquals(CdsTraining.GROUPS.size(), trainings.size(), calls.toString());
    String module = "[" + target.resolve("verifier-aot-logging.jar") + "]";
    for (String t : trainings) {
      assertTrue(t.contains("[--module-path]\n" + module + "\n"), t);
      assertTrue(t.contains("[--add-modules]\n[org.opentransparency.verifier.logging]\n"), t);
      assertTrue(t.contains("module-time: the jar time\n"), "the module's time at training: " + t);
      assertTrue(t.contains("[-Dverifier.zstd-jni=" + target.resolve("zstd-jni") + "]\n"), t);
      String collector =
          t.contains("[archives]\n") ? "[-XX:+UseParallelGC]\n" : "[-XX:+UseSerialGC]\n";
      assertTrue(t.contains(collector), t);
      assertFalse(t.contains("G1"), t);
    }
    assertEquals(
        Files.getLastModifiedTime(target.resolve("verifier-aot.jar")),
        Files.getLastModifiedTime(target.resolve("verifier-aot-logging.jar")));
    assertEquals("verifier-signatures.aot", cache(run("verify", "f")));
  }

  /**
   * Every run with a cache puts the logging module on the module path, as the cache's training had
   * it; without the module there is no cache (java would not start with a module it cannot find).
   */
  @Test
  void theLoggingModuleWithEachCache_noModuleNoCache() throws Exception {
    for (String[] args :
        new String[][] {
          {"--version"}, {"--help"}, {"hash", "f"}, {"verify", "f"}, {"compare", "a", "b"}
        }) {
      List<String> a = run(args);
      int i = a.indexOf("--module-path");
      assertTrue(i >= 0, a.toString());
      assertEquals(target.resolve("verifier-aot-logging.jar").toString(), a.get(i + 1));
      assertEquals("org.opentransparency.verifier.logging", a.get(a.indexOf("--add-modules") + 1));
      assertTrue(a.indexOf("--module-path") < a.indexOf(Main.class.getName()), a.toString());
    }
    Files.delete(target.resolve("verifier-aot-logging.jar"));
    List<String> s = run(true, "verify", "f");
    assertEquals("none", cache(s));
    assertFalse(s.contains("--module-path"), s.toString());
    assertFalse(s.contains("--add-modules"), s.toString());
  }

  /**
   * Every run, with a cache and without, and every training, names the directory where the build
   * writes zstd-jni's native library (a run takes it only where it holds its own platform's:
   * ZstdLibraryTest).
   */
  @Test
  void theDirectoryOfZstdJnisLibrary_withACacheAndWithout() throws Exception {
    String flag = "-Dverifier.zstd-jni=" + target.resolve("zstd-jni");
    for (String[] args :
        new String[][] {{"compare", "a", "b"}, {"hash", "--content", "x.tar.zst"}}) {
      List<String> a = run(args);
      assertEquals("verifier-archives.aot", cache(a));
      assertTrue(
          a.indexOf(flag) >= 0 && a.indexOf(flag) < a.indexOf(Main.class.getName()), a.toString());
    }
    stamp(jdk + " 25.0.2\nno-replay\n");
    List<String> noCache = run(true, "compare", "a", "b");
    assertEquals("none", cache(noCache));
    assertTrue(noCache.contains(flag), noCache.toString());
  }

  @Test
  void aStampOfAnotherJdk_noCache() throws Exception {
    stamp(jdk + " 25.0.2\nno-replay\n");
    List<String> s = run(true, "verify", "f");
    assertEquals("none", cache(s));
    assertFalse(s.contains("-XX:-AOTReplayTraining"), s.toString());
  }

  /**
   * Under set -u, bash before 4.4 (macOS's /bin/bash is 3.2) refuses "${a[@]}" for an array with no
   * element ("a[@]: unbound variable") and the launcher stops before java starts. An array the
   * scripts may leave empty is expanded only as ${a[@]+"${a[@]}"}.
   */
  @Test
  void noArrayThatMayBeEmptyIsExpandedBare() throws IOException {
    // The launcher sources aot.sh: an array one of them empties may be expanded in the other.
    List<String> files = List.of("verifier", "verifier-cli/src/aot/aot.sh");
    Set<String> mayBeEmpty = new TreeSet<>();
    for (String file : files) {
      String text = Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
      Matcher empty = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)=\\(\\)").matcher(text);
      while (empty.find()) {
        mayBeEmpty.add(empty.group(1));
      }
    }
    List<String> bare = new ArrayList<>();
    for (String file : files) {
      String text = Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
      for (String name : mayBeEmpty) {
        Matcher use = Pattern.compile("(?<!\\+)\"\\$\\{" + name + "\\[@\\]\\}\"").matcher(text);
        while (use.find()) {
          bare.add(file + ": \"${" + name + "[@]}\"");
        }
      }
    }
    assertEquals(List.of(), bare);
  }
}
