package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The generated command models: the committed file is what the generator writes now, every
 * subcommand is built from it, the generator refuses what it does not write, and a command built
 * from it never makes picocli's default factory. {@link CommandModelsEquivalenceTest} and {@link
 * CommandModelsParsingTest} check that the models are the annotated ones.
 */
class CommandModelsTest {
  @TempDir Path dir;

  /**
   * The committed CommandModels.java is what the generator writes from the annotations now; the
   * Maven profile {@code regenerate-models} runs this test to write it again.
   */
  @Test
  void generatedSourceIsCurrent() throws IOException {
    String expected = CommandModelGenerator.generate();
    Path file = Path.of(CommandModelGenerator.FILE);
    if (Boolean.getBoolean("verifier.regenerate")) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertEquals(
        expected,
        Files.readString(file, StandardCharsets.UTF_8),
        "verifier-cli/"
            + CommandModelGenerator.FILE
            + " is not what CommandModelGenerator writes from the annotations now; write it again,"
            + " from the repository's root: "
            + CommandModelGenerator.REGENERATE);
  }

  /**
   * Every subcommand but picocli's own help comes from its generated model, none from its
   * annotations.
   */
  @Test
  void everySubcommandIsBuiltFromItsGeneratedModel() {
    List<String> expected = new ArrayList<>(CommandModelGenerator.COMMANDS.keySet());
    expected.add("help");
    assertEquals(expected, VerifierCommand.SUBCOMMANDS);
    VerifierCommand root = new VerifierCommand(ModelDifferences.quiet());
    for (Map.Entry<String, Class<?>> e : CommandModelGenerator.COMMANDS.entrySet()) {
      Object made = VerifierCommand.subcommand(e.getKey(), root);
      CommandSpec spec = assertInstanceOf(CommandSpec.class, made, e.getKey());
      assertEquals(e.getValue(), spec.userObject().getClass());
      assertEquals(e.getKey(), spec.name());
    }
  }

  @Command(name = "footed", footer = "A footer, which the generator does not write.")
  static final class Footed implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "defaulted")
  static final class Defaulted implements Runnable {
    @Option(names = "--n", defaultValue = "1")
    int n;

    @Override
    public void run() {}
  }

  @Command(name = "interactive")
  static final class Interactive implements Runnable {
    @Parameters(paramLabel = "SECRET", interactive = true, arity = "0..1")
    String secret;

    @Override
    public void run() {}
  }

  @Command(name = "bymethod")
  static final class ByMethod implements Runnable {
    String value;

    @Option(names = "--value")
    void value(String v) {
      value = v;
    }

    @Override
    public void run() {}
  }

  @Command(name = "private")
  static final class PrivateField implements Runnable {
    @Option(names = "--hidden-field")
    private String hidden;

    @Override
    public void run() {
      hidden.length();
    }
  }

  @Command(name = "fine", description = "A command the generator writes.")
  static final class Fine implements Runnable {
    @Option(names = "--x", paramLabel = "X", description = "An x.")
    String x;

    @Override
    public void run() {}
  }

  /** An attribute the generator does not write, or a binding it cannot write, stops it loudly. */
  @Test
  void generatorRefusesWhatItDoesNotWrite() {
    Map<Class<?>, String> refused =
        Map.of(
            Footed.class, "footer",
            Defaulted.class, "defaultValue",
            Interactive.class, "interactive",
            ByMethod.class, "methods",
            PrivateField.class, "private");
    refused.forEach(
        (cls, why) -> {
          String name = cls.getAnnotation(Command.class).name();
          IllegalStateException e =
              assertThrows(
                  IllegalStateException.class,
                  () -> CommandModelGenerator.generate(Map.of(name, cls)),
                  cls.getSimpleName());
          assertTrue(e.getMessage().contains(why), e.getMessage());
        });
    String fine = CommandModelGenerator.generate(Map.of("fine", Fine.class));
    assertTrue(fine.contains("option(new Binding(c, 0), \"--x\")"), fine);
  }

  /**
   * A command built from a generated model never makes picocli's default factory, whose class
   * initializer searches the class path (opening our jar) for Groovy; only {@code help}, read from
   * its annotations, does. The JVM logs each class it initializes.
   */
  @Test
  void commandsDoNotMakePicocliDefaultFactory() throws IOException, InterruptedException {
    Files.writeString(dir.resolve("a.txt"), "a\n", StandardCharsets.UTF_8);
    Files.copy(TestData.path("signatures/minisign/minisign.pub"), dir.resolve("minisign.pub"));
    Files.copy(TestData.path("signatures/minisign/message.txt"), dir.resolve("message.txt"));
    Files.copy(
        TestData.path("signatures/minisign/message.txt.minisig"),
        dir.resolve("message.txt.minisig"),
        StandardCopyOption.REPLACE_EXISTING);
    for (String k : List.of("r1", "r2")) {
      assertEquals(0, CliRun.in(dir, "keygen", "--scheme", "ed25519", "--out", k).exitCode());
    }
    assertEquals(
        0, CliRun.in(dir, CliRun.createTwoRootManifest("software=minisign.pub")).exitCode());
    for (String k : List.of("r1", "r2")) {
      assertEquals(
          0, CliRun.in(dir, "manifest", "sign", "-q", "--key", k + ".key", "m.json").exitCode());
    }
    String factory = "Initializing 'picocli/CommandLine$DefaultFactory'";
    assertFalse(initialized(0, "hash", "a.txt", "-a", "sha256", "-a", "blake3").contains(factory));
    assertFalse(
        initialized(
                0,
                "verify",
                "--manifest",
                "m.json",
                "--role",
                "software",
                "--at",
                "2026-11-22T00:00:00Z",
                "message.txt")
            .contains(factory));
    assertFalse(initialized(2, "hash", "--nope").contains(factory));
    assertTrue(initialized(0, "help", "hash").contains(factory), "the check sees the factory");
  }

  /** The JVM's log of the classes it initialized while running the command line as a process. */
  private String initialized(int exitCode, String... args)
      throws IOException, InterruptedException {
    Path log = dir.resolve("class-init.log");
    Files.deleteIfExists(log);
    int code = CliRun.process(dir, List.of("-Xlog:class+init=info:file=" + log), args);
    assertEquals(
        exitCode,
        code,
        String.join(" ", args)
            + ": "
            + Files.readString(dir.resolve("out"), StandardCharsets.UTF_8));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(text.contains("Initializing 'picocli/CommandLine'"), "no class initialization log");
    return text;
  }
}
