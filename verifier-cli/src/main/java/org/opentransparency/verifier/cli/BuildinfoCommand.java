package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.buildinfo.BuildInfo;
import org.opentransparency.verifier.buildinfo.BuildInfoCheck;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.report.SimpleJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verifier buildinfo verify}: artifacts against a Maven .buildinfo. */
@Command(
    name = "buildinfo",
    mixinStandardHelpOptions = true,
    description = "Checks artifacts against a Maven .buildinfo (reproducible-central's format).",
    subcommands = {BuildinfoCommand.Verify.class})
final class BuildinfoCommand implements Runnable {
  @ParentCommand VerifierCommand root;

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: verify");
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Prints OK, MISMATCH or MISSING for each artifact: its length and every checksum the",
        "buildinfo lists. Artifacts are found in --dir (default: the buildinfo's directory), by",
        "name anywhere below it, or given as ARTIFACT... Exit 0 only if all match."
      })
  static final class Verify implements Callable<Integer> {
    @ParentCommand BuildinfoCommand parent;

    @Mixin CommonOptions common;

    @Mixin LimitOptions limitOptions;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the artifacts are.")
    String dir;

    @Parameters(index = "0", paramLabel = "BUILDINFO")
    String buildinfo;

    @Parameters(index = "1..*", paramLabel = "ARTIFACT")
    List<String> artifacts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      CliEnvironment env = parent.root.env;
      Format format = common.format();
      if (dir != null && !artifacts.isEmpty()) {
        throw new CommandLine.ParameterException(
            common.spec.commandLine(), "give --dir or ARTIFACT..., not both");
      }
      Path file = env.resolve(buildinfo);
      BuildInfo info;
      try {
        info =
            BuildInfo.parse(
                BoundedRead.file(
                    file,
                    limitOptions.limits().maxJsonBytes(),
                    "maxJsonBytes",
                    "--max-json-bytes"));
      } catch (InvalidInputException e) {
        throw new CliException(buildinfo + ": " + e.getMessage());
      }
      List<BuildInfoCheck.Result> results;
      if (!artifacts.isEmpty()) {
        List<Path> files = new ArrayList<>();
        for (String a : artifacts) {
          Path p = env.resolve(a);
          if (!java.nio.file.Files.isRegularFile(p)) {
            throw new java.nio.file.NoSuchFileException(a);
          }
          files.add(p);
        }
        results = BuildInfoCheck.checkFiles(info, files);
      } else {
        Path where = dir != null ? env.resolve(dir) : file.toAbsolutePath().getParent();
        results = BuildInfoCheck.checkDirectory(info, where);
      }
      StringBuilder text = new StringBuilder();
      List<Map<String, Object>> rows = new ArrayList<>();
      boolean ok = true;
      for (BuildInfoCheck.Result r : results) {
        text.append(r).append('\n');
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", r.filename());
        row.put("status", r.status().name());
        row.put("message", r.detail());
        rows.add(row);
        ok &= r.status() == BuildInfoCheck.Status.OK;
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("verdict", ok ? "ok" : "failed");
      report.put("results", rows);
      common.report(env, format, out -> SimpleJson.write(report, out), text.toString());
      return ok ? ExitCodes.OK : ExitCodes.NO;
    }
  }
}
