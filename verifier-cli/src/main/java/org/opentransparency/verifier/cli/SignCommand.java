package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.internal.AtomicFiles;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.internal.Times;
import org.opentransparency.verifier.manifest.Role;
import org.opentransparency.verifier.signature.SigningKey;
import org.opentransparency.verifier.signature.UpdateSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verifier sign}: a signed update statement, FILE.dsse. */
@Command(
    name = "sign",
    // Not the standard help mixin: its --version would take the place of the update's --version.
    description = {
      "Signs an update: writes FILE.dsse, a signed statement about FILE.",
      "",
      "FILE.dsse is an in-toto Statement v1 about FILE (its sha256 and sha512) for ROLE,",
      "with a version and an optional expiry, signed by KEY in a DSSE envelope. With --append,",
      "adds KEY's signature to the existing FILE.dsse instead (for roles needing several)."
    })
final class SignCommand implements Callable<Integer> {
  @ParentCommand VerifierCommand root;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Mixin CommonOptions common;

  @Mixin LimitOptions limitOptions;

  @Mixin SigningKeyOptions signing;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "The role the update is for (not with --append).")
  String role;

  @Option(
      names = "--version",
      paramLabel = "N",
      description =
          "The update's version, an integer >= 1 (default: the signing time in seconds since 1970, so later updates have higher versions).")
  Long version;

  @Option(
      names = "--expires",
      paramLabel = "DURATION|TIME",
      description = "When the update stops being valid: 7d, P7D, or an instant (default: never).")
  String expires;

  @Option(names = "--append", description = "Add a signature to the existing FILE.dsse.")
  boolean append;

  @Parameters(paramLabel = "FILE")
  String file;

  @Override
  public Integer call() throws IOException {
    CliEnvironment env = root.env;
    Instant now = common.at(env).truncatedTo(ChronoUnit.SECONDS);
    Path target = env.resolve(file);
    Path out = env.resolve(common.output != null ? common.output : file + ".dsse");
    SigningKey signer = signing.load(env, null);
    Envelope env2;
    if (append) {
      if (role != null || version != null || expires != null) {
        throw new CommandLine.ParameterException(
            common.spec.commandLine(),
            "--append keeps the statement as it is: no --role, --version or --expires");
      }
      Limits limits = limitOptions.limits();
      byte[] existing =
          BoundedRead.file(
              out, limits.maxSignatureBytes(), "maxSignatureBytes", "--max-signature-bytes");
      try {
        env2 =
            UpdateSigner.append(
                Envelope.parse(existing, "signature", limits), target, signer, limits);
      } catch (InvalidInputException e) {
        throw new CliException(env.workingDirectory().relativize(out) + ": " + e.getMessage());
      }
    } else {
      if (role == null) {
        throw new CommandLine.ParameterException(common.spec.commandLine(), "--role is required");
      }
      if (!Role.isValidName(role)) {
        throw new CommandLine.ParameterException(
            common.spec.commandLine(), "--role '" + role + "' does not match [a-z0-9][a-z0-9-]*");
      }
      long v = version != null ? version : now.getEpochSecond();
      if (v < 1) {
        throw new CommandLine.ParameterException(
            common.spec.commandLine(), "--version must be at least 1");
      }
      Instant expiresAt = null;
      if (expires != null) {
        try {
          expiresAt = Times.instantOrDuration(expires, now);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(
              common.spec.commandLine(), "--expires: " + e.getMessage());
        }
      }
      if (!Files.isRegularFile(target)) {
        throw new CliException(
            file
                + ": "
                + (Files.exists(target) ? "not a regular file" : "No such file or directory"));
      }
      env2 = UpdateSigner.sign(target, signer, role, v, now, expiresAt);
    }
    AtomicFiles.write(out, env2.toJson());
    return ExitCodes.OK;
  }
}
