package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.report.SimpleJson;
import org.opentransparency.verifier.report.UpdateReport;
import org.opentransparency.verifier.signature.UnknownRoleException;
import org.opentransparency.verifier.signature.UpdateVerification;
import org.opentransparency.verifier.signature.UpdateVerifier;
import org.opentransparency.verifier.tuf.TufClient;
import org.opentransparency.verifier.tuf.TufResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code verifier verify}: is FILE signed by the manifest's keys for ROLE? */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies that FILE is signed by the manifest's keys for ROLE (or, with --tuf-metadata,",
      "that it is a target of trusted TUF metadata).",
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
      paramLabel = "M",
      description = "The key manifest (required unless --tuf-metadata).")
  String manifest;

  @Option(names = "--role", paramLabel = "ROLE", description = "Required with --manifest.")
  String role;

  @Option(
      names = "--tuf-metadata",
      paramLabel = "DIR",
      description =
          "Check FILE against the trusted TUF metadata in DIR (as 'tuf refresh' stores it), offline: length and every hash.")
  String tufMetadata;

  @Option(
      names = "--target-name",
      paramLabel = "PATH",
      description = "With --tuf-metadata: FILE's TUF target path (default: FILE's base name).")
  String targetName;

  @Spec CommandSpec spec;

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
    if (tufMetadata != null) {
      return verifyTuf(env, format, at);
    }
    if (manifest == null || role == null || targetName != null) {
      throw new ParameterException(
          spec.commandLine(),
          "give --manifest and --role, or --tuf-metadata (with an optional --target-name)");
    }
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

  private int verifyTuf(CliEnvironment env, Format format, Instant at) throws IOException {
    if (manifest != null || role != null || signature != null || state != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--tuf-metadata cannot be combined with --manifest, --role, --signature or --state");
    }
    Path dir = env.resolve(tufMetadata);
    if (!Files.isRegularFile(dir.resolve("root.json"))) {
      throw new CliException(
          "verify: " + tufMetadata + ": no trusted root.json (see 'verifier tuf init')");
    }
    Path target = env.resolve(file);
    if (!Files.isRegularFile(target)) {
      throw new CliException("verify: " + file + ": no such file");
    }
    String name = targetName != null ? targetName : target.getFileName().toString();
    TufResult r = TufClient.offline(dir, at).checkFile(name, target);
    common.report(
        env,
        format,
        out -> SimpleJson.write(TufCommand.Base.json("verify", r), out),
        TufCommand.Base.text("verify " + file + " as " + name, r));
    return r.isValid() ? ExitCodes.OK : ExitCodes.NO;
  }
}
