package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.compare.ArchiveComparator;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.CompareVerdict;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.compare.NormalizationRule;
import org.opentransparency.verifier.report.CompareHtml;
import org.opentransparency.verifier.report.CompareReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verifier compare}: are two builds the same, and if not, exactly what differs? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares two builds: files, archives or directories, through nested archives.",
      "",
      "Reads two files, archives (zip/jar/war, tar and compressed tar, deb/ar, 7z, cpio) or",
      "directories, recursively through nested archives: identical (same bytes), equivalent",
      "(same entries and contents; only timestamps, modes, order or compression differ) or",
      "different, with every differing entry, its metadata fields, a text diff or the first",
      "differing byte, and findings such as duplicate or escaping entry names."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:identical (or equivalent, with --mode content)",
      "1:different (or equivalent, in bitwise mode)",
      "2:could not compare: an input missing or too damaged to read, a limit hit"
    })
final class CompareCommand implements Callable<Integer> {
  @ParentCommand VerifierCommand root;

  @Mixin CommonOptions common;

  @Mixin LimitOptions limitOptions;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "bitwise (default): only identical passes; content: equivalent passes too.")
  String mode = "bitwise";

  @Option(names = "--ignore", paramLabel = "GLOB", description = "Leave out entries matching GLOB.")
  List<String> ignore = new ArrayList<>();

  @Option(
      names = "--normalize",
      paramLabel = "RULE",
      split = ",",
      description = "Named rules for build-environment noise ('--normalize help' lists them).")
  List<String> normalize = new ArrayList<>();

  @Option(
      names = "--max-diff-lines",
      paramLabel = "N",
      description = "Longest text diff shown per entry (default 200).")
  int maxDiffLines = 200;

  @Parameters(paramLabel = "LEFT RIGHT", arity = "0..*", description = "The two builds to compare.")
  List<String> inputs = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    CliEnvironment env = root.env;
    if (normalize.contains("help")) {
      StringBuilder help = new StringBuilder("Normalization rules (--normalize RULE,...):\n");
      for (NormalizationRule r : NormalizationRule.values()) {
        help.append(String.format(Locale.ROOT, "  %-20s %s%n", r.id(), r.description()));
      }
      env.out().print(help);
      return ExitCodes.OK;
    }
    if (inputs.size() != 2) {
      throw new CommandLine.ParameterException(
          common.spec.commandLine(), "expected LEFT and RIGHT");
    }
    String left = inputs.get(0);
    String right = inputs.get(1);
    Format format = common.format(EnumSet.of(Format.text, Format.json, Format.html));
    if (!mode.equals("bitwise") && !mode.equals("content")) {
      throw new CommandLine.ParameterException(
          common.spec.commandLine(), "--mode must be bitwise or content, not '" + mode + "'");
    }
    if (maxDiffLines < 0) {
      throw new CommandLine.ParameterException(
          common.spec.commandLine(), "--max-diff-lines must not be negative");
    }
    CompareOptions.Builder options =
        CompareOptions.builder()
            .contentMode(mode.equals("content"))
            .maxDiffLines(maxDiffLines)
            .limits(limitOptions.limits());
    ignore.forEach(options::ignore);
    for (String id : normalize) {
      options.normalize(
          NormalizationRule.fromId(id)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          common.spec.commandLine(),
                          "--normalize: unknown rule '" + id + "' (see --normalize help)")));
    }
    ComparisonResult r =
        ArchiveComparator.compare(
            env.resolve(left), left, env.resolve(right), right, options.build());
    if (format == Format.html) {
      try (java.io.OutputStream out = common.open(env)) {
        CompareHtml.write(r, out);
      }
    } else {
      common.report(env, format, out -> CompareReport.json(r, out), CompareReport.text(r));
    }
    if (r.verdict() == CompareVerdict.IDENTICAL
        || (r.verdict() == CompareVerdict.EQUIVALENT && mode.equals("content"))) {
      return ExitCodes.OK;
    }
    return ExitCodes.NO;
  }
}
