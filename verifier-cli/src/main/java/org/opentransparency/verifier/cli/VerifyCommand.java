package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.report.UpdateReport;
import org.opentransparency.verifier.signature.UnknownRoleException;
import org.opentransparency.verifier.signature.UpdateVerification;
import org.opentransparency.verifier.signature.UpdateVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verifier verify}: is FILE signed by the manifest's keys for ROLE? */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies that FILE is signed by the manifest's keys for ROLE.",
      "",
      "Checks that FILE is signed by a threshold of distinct keys the manifest gives ROLE, each",
      "usable at --at (default now). The signature is --signature, else the first of FILE.dsse,",
      ".sig, .asc, .minisig, .p7s; its format is read from its content. With --state DIR, the",
      "manifest must be the trusted one or its verified successor, and an older version of the",
      "update than one accepted before is refused."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:valid",
      "1:invalid, with a reason code (also for a malformed or missing signature)",
      "2:could not check: FILE or the manifest missing, unknown role, a limit hit"
    })
final class VerifyCommand implements Callable<Integer> {
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

  @Option(names = "--signature", paramLabel = "SIG")
  String signature;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "Trusted manifest and accepted versions.")
  String state;

  @Parameters(paramLabel = "FILE")
  String file;

  @Override
  public Integer call() throws IOException {
    CliEnvironment env = root.env;
    Format format = common.format();
    Instant at = common.at(env);
    Limits limits = limitOptions.limits();
    byte[] manifestJson = ManifestCommand.read(env, manifest, limits);
    UpdateVerifier.Builder options = UpdateVerifier.options().limits(limits);
    if (state != null) {
      options.stateDirectory(env.resolve(state));
    }
    UpdateVerification v;
    try {
      v =
          options
              .build()
              .verify(
                  env.resolve(file),
                  signature == null ? null : env.resolve(signature),
                  manifestJson,
                  role,
                  at);
    } catch (UnknownRoleException e) {
      throw new CliException("verify: " + e.getMessage());
    }
    common.report(env, format, out -> UpdateReport.json(v, out), UpdateReport.text(v));
    return v.isValid() ? ExitCodes.OK : ExitCodes.NO;
  }
}
