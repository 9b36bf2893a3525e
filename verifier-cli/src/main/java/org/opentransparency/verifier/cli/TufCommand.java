package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.report.SimpleJson;
import org.opentransparency.verifier.tuf.TufClient;
import org.opentransparency.verifier.tuf.TufResult;
import org.opentransparency.verifier.tuf.TufTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code verifier tuf}: a TUF repository client (docs/tuf.md). Exit 0 when the operation succeeded
 * fully, 1 when any part failed (the repository's answer, or it could not be reached, or stored
 * metadata could not be read), 2 for bad arguments. With an http(s) URL these are the only commands
 * that open network connections.
 */
@Command(
    name = "tuf",
    mixinStandardHelpOptions = true,
    description = "Checks a TUF repository: init, refresh, download (docs/tuf.md).",
    subcommands = {TufCommand.Init.class, TufCommand.Refresh.class, TufCommand.Download.class})
final class TufCommand implements Runnable {
  @ParentCommand VerifierCommand root;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: init, refresh or download");
  }

  /** One transport for the process: its HTTP client keeps connections and threads for reuse. */
  private static final class Transport {
    static final TufTransport INSTANCE = TufTransport.standard();
  }

  abstract static class Base implements Callable<Integer> {
    @ParentCommand TufCommand parent;

    @Mixin CommonOptions common;

    @Option(
        names = "--metadata-dir",
        required = true,
        paramLabel = "DIR",
        description = "Where trusted metadata is stored (root.json, timestamp.json, ...).")
    String metadataDir;

    /** The subcommand's name, as picocli built it from the annotation. */
    String name() {
      return spec.name();
    }

    abstract TufResult run(CliEnvironment env, Path dir) throws IOException;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        return execute();
      } catch (CommandLine.TypeConversionException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }

    private int execute() {
      CliEnvironment env = parent.root.env;
      Format format = common.format();
      TufResult result;
      try {
        result = run(env, env.resolve(metadataDir));
      } catch (IOException e) {
        // The suite's protocol, and ours for TUF: any failure of the operation is 1.
        env.err().println("verifier: error: " + Errors.describe(e, "tuf " + name()));
        return ExitCodes.NO;
      }
      try {
        common.report(
            env,
            format,
            out -> SimpleJson.write(json("tuf " + name(), result), out),
            text("tuf " + name(), result));
      } catch (IOException e) {
        env.err().println("verifier: error: " + Errors.describe(e, "tuf " + name()));
        return ExitCodes.NO;
      }
      return result.isValid() ? ExitCodes.OK : ExitCodes.NO;
    }

    static Map<String, Object> json(String command, TufResult r) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("command", command);
      m.put("verdict", r.verdict().id());
      List<Map<String, Object>> reasons = new ArrayList<>();
      for (Reason reason : r.reasons()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", reason.code().id());
        o.put("message", reason.message());
        reasons.add(o);
      }
      m.put("reasons", reasons);
      m.put("trusted", new TreeMap<>(r.trusted()));
      List<Map<String, Object>> targets = new ArrayList<>();
      for (TufResult.Target t : r.targets()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", t.info().path());
        o.put("length", t.info().length());
        o.put("hashes", new TreeMap<>(t.info().hashes()));
        o.put("file", t.file().toString());
        o.put("cached", t.cached());
        targets.add(o);
      }
      m.put("targets", targets);
      return m;
    }

    static String text(String command, TufResult r) {
      StringBuilder sb = new StringBuilder();
      StringBuilder versions = new StringBuilder();
      new TreeMap<>(r.trusted())
          .forEach(
              (role, v) ->
                  versions
                      .append(versions.length() == 0 ? "" : ", ")
                      .append(role)
                      .append(" v")
                      .append(v));
      for (TufResult.Target t : r.targets()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %s %s (%d bytes) -> %s%n",
                !t.cached()
                    ? "downloaded"
                    : command.startsWith("verify") ? "matches   " : "cached    ",
                t.info().path(),
                t.info().length(),
                t.file()));
      }
      for (Reason reason : r.reasons()) {
        sb.append("  ").append(reason).append(System.lineSeparator());
      }
      String head = (r.isValid() ? "OK" : "FAILED") + " " + command;
      return head + (versions.length() == 0 ? "" : ": trusted " + versions) + "\n" + sb;
    }
  }

  /**
   * A repository URL as the user gave it: http, https or an absolute file URL, or a directory,
   * which resolves against the working directory the user ran the command in.
   */
  static URI url(CliEnvironment env, String value, String option) {
    try {
      URI u = new URI(value);
      if (u.getScheme() == null) {
        return env.resolve(value).toAbsolutePath().toUri();
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
        throw new CommandLine.TypeConversionException(
            option + ": only http, https and file URLs (or a directory) are read");
      }
      if (scheme.equals("file") && (u.isOpaque() || u.getPath() == null)) {
        throw new CommandLine.TypeConversionException(
            option
                + ": a file URL names an absolute path (file:/srv/repo or file:///srv/repo); give a"
                + " relative directory as it is: "
                + value);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new CommandLine.TypeConversionException(option + ": not a URL: " + value);
    }
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = "Stores ROOT as the trusted root, if it is root metadata signed by itself.")
  static final class Init extends Base {
    @Parameters(index = "0", paramLabel = "ROOT", description = "The trusted root.json.")
    String rootFile;

    @Override
    TufResult run(CliEnvironment env, Path dir) throws IOException {
      // No root is longer than the specification's cap; a larger file is refused as it is read.
      byte[] rootBytes =
          BoundedRead.file(
              env.resolve(rootFile), TufClient.ROOT_MAX_LENGTH, "maxTufMetadataBytes", null);
      return TufClient.init(dir, rootBytes, common.at(env));
    }
  }

  abstract static class Online extends Base {
    @Option(
        names = "--metadata-url",
        required = true,
        paramLabel = "URL",
        description = "The repository's metadata URL (http, https, file, or a directory).")
    String metadataUrl;

    TufClient client(CliEnvironment env, Path dir, URI targetBase) {
      URI md = url(env, metadataUrl, "--metadata-url");
      return TufClient.online(dir, md, targetBase, Transport.INSTANCE, common.at(env));
    }
  }

  @Command(
      name = "refresh",
      mixinStandardHelpOptions = true,
      description =
          "Updates the trusted metadata from the repository (root, timestamp, snapshot, targets).")
  static final class Refresh extends Online {

    @Override
    TufResult run(CliEnvironment env, Path dir) throws IOException {
      return client(env, dir, null).refresh();
    }
  }

  @Command(
      name = "download",
      mixinStandardHelpOptions = true,
      description =
          "Refreshes, then downloads each target in order into the target directory, checked"
              + " against the trusted metadata; a file already there with the right hashes is kept.")
  static final class Download extends Online {
    @Option(
        names = "--target-name",
        required = true,
        paramLabel = "PATH",
        description = "A target path (repeatable; handled in order, the first failure stops).")
    List<String> targetNames;

    @Option(
        names = "--target-base-url",
        required = true,
        paramLabel = "URL",
        description = "The repository's targets URL (http, https, file, or a directory).")
    String targetBaseUrl;

    @Option(
        names = "--target-dir",
        required = true,
        paramLabel = "DIR",
        description = "Where targets are stored, under their percent-encoded path.")
    String targetDir;

    @Override
    TufResult run(CliEnvironment env, Path dir) throws IOException {
      URI base = url(env, targetBaseUrl, "--target-base-url");
      return client(env, dir, base).download(targetNames, env.resolve(targetDir));
    }
  }
}
