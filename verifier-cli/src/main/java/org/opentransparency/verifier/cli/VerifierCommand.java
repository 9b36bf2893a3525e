package org.opentransparency.verifier.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The root command; it only dispatches. Its model is built by hand ({@link #spec}): picocli reads a
 * command's annotations through dynamic proxies, and for the root alone that was a fifth of {@code
 * --version}'s start-up.
 */
final class VerifierCommand implements Runnable {
  /** The subcommands' names, in the order the help lists them. */
  static final List<String> SUBCOMMANDS = subcommands();

  private static List<String> subcommands() {
    List<String> names = new ArrayList<>(CommandModels.NAMES);
    names.add("help");
    return Collections.unmodifiableList(names);
  }

  /**
   * A new subcommand {@code name} under {@code root}, as picocli takes it. Main makes only the one
   * named on the command line (all of them for help or an unknown name). Their models are generated
   * from their annotations ({@link CommandModels}); only {@code help}, picocli's own, is read from
   * its annotations when it is added.
   */
  static Object subcommand(String name, VerifierCommand root) {
    return name.equals("help")
        ? new CommandLine.HelpCommand()
        : CommandModels.subcommand(name, root);
  }

  /**
   * picocli's default factory, made on its first use. Its class initializer looks for Groovy's
   * {@code Closure} class, and that failed lookup opened our 23 MB jar on every start: a third of
   * {@code --version}'s CPU once the JDK 25 AOT cache supplies the classes (async-profiler). The
   * generated models make their objects themselves; what picocli still asks of the factory while
   * parsing, the collection an option or parameter of type {@code List} or {@code Map} collects
   * into, is made here as the default factory makes it. Only {@code help}, read from its
   * annotations, needs the default factory.
   */
  static final CommandLine.IFactory FACTORY =
      new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
          if (cls == List.class) {
            return cls.cast(new ArrayList<Object>());
          }
          if (cls == Map.class) {
            return cls.cast(new LinkedHashMap<Object, Object>());
          }
          return CommandLine.defaultFactory().create(cls);
        }
      };

  final CliEnvironment env;

  private CommandSpec spec;

  VerifierCommand(CliEnvironment env) {
    this.env = env;
  }

  /** The root's model, as {@code @Command(mixinStandardHelpOptions = true, ...)} would make it. */
  static CommandSpec spec(VerifierCommand root) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(root, FACTORY);
    spec.name("verifier");
    spec.versionProvider(new Version());
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .type(boolean.class)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .type(boolean.class)
            .description("Print version information and exit.")
            .build());
    Map<String, String> exitCodes = new LinkedHashMap<>();
    exitCodes.put("0", "success: verified, identical, all checksums match");
    exitCodes.put("1", "checked, and the answer is no");
    exitCodes.put("2", "could not check: bad arguments, unreadable input, a limit hit");
    spec.usageMessage()
        .description(
            "Checks, offline, that a release or rule update is what its vendor says it is.")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes);
    root.spec = spec;
    return spec;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {line()};
    }

    /** {@code verifier 1.2.3 (Java 17.0.15+6-Debian-1deb12u1)}. */
    static String line() {
      // The property the JDK sets to its full version, which Runtime.version().toString() would
      // rebuild with a stream: on JDK 17, its first use of streams and lambdas, ~4 ms of --version.
      String java = System.getProperty("java.runtime.version");
      if (java == null) {
        java = Runtime.version().toString();
      }
      return "verifier " + BuildVersion.VERSION + " (Java " + java + ")";
    }
  }
}
