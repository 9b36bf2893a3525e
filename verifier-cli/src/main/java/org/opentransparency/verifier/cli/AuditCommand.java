package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.audit.AuditResult;
import org.opentransparency.verifier.audit.Auditor;
import org.opentransparency.verifier.compare.CompareOptions;
import org.opentransparency.verifier.compare.NormalizationRule;
import org.opentransparency.verifier.report.AuditReport;
import org.opentransparency.verifier.signature.UnknownRoleException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verifier audit}: every check that applies to a release artifact, as one checklist. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every check that applies to ARTIFACT and prints one checklist and one verdict.",
      "",
      "Always: the signature against the manifest's keys for ROLE, as 'verifier verify' checks",
      "it (the signature beside ARTIFACT unless --signature is given). With --sums: the checksum",
      "file's line for ARTIFACT (names resolve against the checksum file's directory). With",
      "--buildinfo: ARTIFACT's length and checksums in a Maven .buildinfo. With --rebuilt: an",
      "independent rebuild compared by content; an equivalent rebuild (only timestamps, order,",
      "permissions or compression differ) passes, with the differences listed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every check that ran passed",
      "1:a check failed (bad or missing signature, checksum or buildinfo mismatch, rebuild differs)",
      "2:could not check: a named file missing or unreadable, unknown role, a limit hit"
    })
final class AuditCommand implements Callable<Integer> {
  @ParentCommand VerifierCommand root;

  @Mixin CommonOptions common;

  @Mixin LimitOptions limitOptions;

  @Option(
      names = "--manifest",
      required = true,
      paramLabel = "M",
      description = "The key manifest.")
  String manifest;

  @Option(names = "--role", required = true, paramLabel = "ROLE")
  String role;

  @Option(names = "--signature", paramLabel = "SIG", description = "The signature file.")
  String signature;

  @Option(
      names = "--rebuilt",
      paramLabel = "PATH",
      description = "An independent rebuild of ARTIFACT (file or directory).")
  String rebuilt;

  @Option(
      names = "--sums",
      paramLabel = "FILE",
      description = "A checksum file that must list ARTIFACT; repeat for several.")
  List<String> sums = new ArrayList<>();

  @Option(names = "--buildinfo", paramLabel = "FILE", description = "A Maven .buildinfo.")
  String buildinfo;

  @Option(
      names = "--normalize",
      split = ",",
      paramLabel = "RULE",
      description = "Normalization rules for the rebuild comparison (see 'compare --normalize').")
  List<String> normalize = new ArrayList<>();

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "Trusted manifest and accepted versions, as for 'verify'.")
  String state;

  @Parameters(paramLabel = "ARTIFACT")
  String artifact;

  @Override
  public Integer call() throws IOException, InterruptedException {
    CliEnvironment env = root.env;
    Format format = common.format(EnumSet.of(Format.text, Format.json, Format.html));
    Instant at = common.at(env);
    Limits limits = limitOptions.limits();
    byte[] manifestJson = ManifestCommand.read(env, manifest, limits);
    CompareOptions.Builder compare = CompareOptions.builder().contentMode(true).limits(limits);
    for (String id : normalize) {
      compare.normalize(
          NormalizationRule.fromId(id)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          common.spec.commandLine(),
                          "--normalize: unknown rule '"
                              + id
                              + "' (see compare --normalize help)")));
    }
    Auditor.Builder options = Auditor.options().limits(limits).compareOptions(compare.build());
    if (state != null) {
      options.stateDirectory(env.resolve(state));
    }
    Auditor.Request request =
        Auditor.request(path(env, artifact), manifestJson, role, at)
            .signature(signature == null ? null : path(env, signature))
            .rebuilt(rebuilt == null ? null : path(env, rebuilt))
            .buildinfo(buildinfo == null ? null : path(env, buildinfo));
    for (String s : sums) {
      request.sums(path(env, s));
    }
    // Reports show each path as it was typed.
    for (String typed : typedPaths()) {
      request.show(env.resolve(typed), typed);
    }
    AuditResult r;
    try {
      r = options.build().audit(request);
    } catch (UnknownRoleException e) {
      throw new CliException("audit: " + e.getMessage());
    }
    if (format == Format.html) {
      try (OutputStream out = common.open(env)) {
        AuditReport.html(r, out);
      }
    } else {
      common.report(
          env, format, out -> AuditReport.json(r, out), AuditReport.text(r, env.unicode()));
    }
    return r.passed() ? ExitCodes.OK : ExitCodes.NO;
  }

  private static Path path(CliEnvironment env, String typed) {
    return env.resolve(typed);
  }

  private List<String> typedPaths() {
    List<String> all = new ArrayList<>(sums);
    all.add(artifact);
    for (String p : new String[] {signature, rebuilt, buildinfo}) {
      if (p != null) {
        all.add(p);
      }
    }
    return all;
  }
}
