package org.opentransparency.verifier.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The root command; it only dispatches. Its model is built by hand ({@link #spec}): picocli reads a
 * command's annotations through dynamic proxies, and for the root alone that was a fifth of {@code
 * --version}'s start-up.
 */
final class VerifierCommand implements Runnable {
  /**
   * The subcommands, by name. Main registers only the one named on the command line (all of them
   * for help or an unknown name): picocli reads each command's annotations when it is added, and
   * that reflection is most of a command's start-up time.
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("hash", HashCommand::new);
    m.put("compare", CompareCommand::new);
    m.put("buildinfo", BuildinfoCommand::new);
    m.put("keygen", KeygenCommand::new);
    m.put("manifest", ManifestCommand::new);
    m.put("sign", SignCommand::new);
    m.put("verify", VerifyCommand::new);
    m.put("audit", AuditCommand::new);
    m.put("tuf", TufCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(m);
  }

  /**
   * picocli's default factory, made on its first use. Its class initializer looks for Groovy's
   * {@code Closure} class, and that failed lookup opened our 23 MB jar on every start: a third of
   * {@code --version}'s CPU once the JDK 25 AOT cache supplies the classes (async-profiler). A
   * subcommand's annotations need the default factory anyway, so only the root gains.
   */
  static final CommandLine.IFactory FACTORY =
      new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
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
      return new String[] {
        "verifier " + BuildVersion.VERSION + " (Java " + Runtime.version() + ")"
      };
    }
  }
}
