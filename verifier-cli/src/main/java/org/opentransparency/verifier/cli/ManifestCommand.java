package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.internal.AtomicFiles;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.internal.Times;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.ManifestVerification;
import org.opentransparency.verifier.manifest.ManifestVerifier;
import org.opentransparency.verifier.manifest.Role;
import org.opentransparency.verifier.report.ManifestReport;
import org.opentransparency.verifier.signature.KeyScheme;
import org.opentransparency.verifier.signature.SigningKey;
import org.opentransparency.verifier.signature.VerificationKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code verifier manifest}: create, sign, verify, show and rotate key manifests. */
@Command(
    name = "manifest",
    mixinStandardHelpOptions = true,
    description = "Creates, signs, verifies, shows and rotates signed key manifests.",
    subcommands = {
      ManifestCommand.Create.class,
      ManifestCommand.Sign.class,
      ManifestCommand.Verify.class,
      ManifestCommand.Show.class,
      ManifestUpdateCommand.class
    })
final class ManifestCommand implements Runnable {
  @ParentCommand VerifierCommand root;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: create, sign, verify, show or update");
  }

  CliEnvironment env() {
    return root.env;
  }

  /** Reads a manifest file within the JSON limit. */
  static byte[] read(CliEnvironment env, String file, Limits limits) throws IOException {
    return BoundedRead.file(
        env.resolve(file), limits.maxJsonBytes(), "maxJsonBytes", "--max-json-bytes");
  }

  /** Parses a manifest the user gave as input to an action (not as evidence): errors exit 2. */
  static KeyManifest parse(CliEnvironment env, String file, Limits limits) throws IOException {
    try {
      return KeyManifest.parse(read(env, file, limits), limits);
    } catch (InvalidInputException e) {
      throw new CliException(file + ": " + e.getMessage());
    }
  }

  @Command(
      name = "create",
      // Not the standard help mixin: its --version would take the place of the manifest's.
      description = {
        "Creates an unsigned key manifest. ROLES is a comma list (root, software,threat-rules);",
        "PUBFILE a SubjectPublicKeyInfo PEM or DER file; #SCHEME picks rsa-pkcs1-sha256 for an",
        "RSA key (default rsa-pss-sha256). A threshold not given is 1."
      })
  static final class Create implements Callable<Integer> {
    @ParentCommand ManifestCommand parent;

    @Mixin CommonOptions common;

    @Option(names = "--publisher", required = true, paramLabel = "NAME")
    String publisher;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Option(
        names = "--version",
        required = true,
        paramLabel = "N",
        description = "An integer >= 1.")
    long version;

    @Option(
        names = "--expires",
        required = true,
        paramLabel = "TIME|DURATION",
        description = "An instant, or a duration from now (or --at): P365D, 365d, 12h.")
    String expires;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "ROLES=PUBFILE[#SCHEME]",
        description = "A key and the roles it holds; repeat for each key.")
    List<String> keys;

    @Option(names = "--threshold", paramLabel = "ROLE=N", description = "Signatures a role needs.")
    Map<String, Integer> thresholds = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
      CliEnvironment env = parent.env();
      Instant now = common.at(env).truncatedTo(ChronoUnit.SECONDS);
      if (common.output == null) {
        throw new CommandLine.ParameterException(
            common.spec.commandLine(), "-o MANIFEST is required");
      }
      Instant expiresAt;
      try {
        expiresAt = Times.instantOrDuration(expires, now);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            common.spec.commandLine(), "--expires: " + e.getMessage());
      }
      List<ManifestKey> manifestKeys = new ArrayList<>();
      Map<String, Role> roles = new LinkedHashMap<>();
      for (String spec : keys) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
          throw new CommandLine.ParameterException(
              common.spec.commandLine(),
              "--key must be ROLES=PUBFILE[#SCHEME], got '" + spec + "'");
        }
        Set<String> keyRoles = new LinkedHashSet<>(List.of(spec.substring(0, eq).split(",")));
        String file = spec.substring(eq + 1);
        KeyScheme scheme = null;
        int hash = file.lastIndexOf('#');
        if (hash > 0) {
          String id = file.substring(hash + 1);
          scheme =
              KeyScheme.fromId(id)
                  .orElseThrow(
                      () ->
                          new CliException(
                              "manifest create: unknown scheme '"
                                  + id
                                  + "'; known: "
                                  + KeyScheme.knownIds()));
          file = file.substring(0, hash);
        }
        List<VerificationKey> fileKeys;
        try {
          byte[] bytes = BoundedRead.file(env.resolve(file), 1 << 20, "maxKeyBytes", null);
          fileKeys = VerificationKey.readAll(bytes, scheme);
        } catch (InvalidInputException e) {
          throw new CliException(file + ": " + e.getMessage());
        }
        for (String r : keyRoles) {
          if (!Role.isValidName(r)) {
            throw new CliException(
                "manifest create: role name '" + r + "' does not match [a-z0-9][a-z0-9-]*");
          }
          roles.computeIfAbsent(r, n -> new Role(n, 1));
        }
        // A KEYS file holds several keys; each is listed with the roles given.
        for (VerificationKey key : fileKeys) {
          manifestKeys.add(new ManifestKey(key, keyRoles, null, null, null));
        }
      }
      for (Map.Entry<String, Integer> t : thresholds.entrySet()) {
        if (!roles.containsKey(t.getKey())) {
          throw new CliException(
              "manifest create: --threshold names role '" + t.getKey() + "', which no key holds");
        }
        if (t.getValue() < 1) {
          throw new CliException(
              "manifest create: threshold of role '" + t.getKey() + "' must be at least 1");
        }
        roles.put(t.getKey(), new Role(t.getKey(), t.getValue()));
      }
      // Root first, then the other roles in the order first named.
      List<Role> ordered = new ArrayList<>();
      if (roles.containsKey(Role.ROOT)) {
        ordered.add(roles.get(Role.ROOT));
      }
      roles.values().stream().filter(r -> !r.name().equals(Role.ROOT)).forEach(ordered::add);
      if (version < 1) {
        throw new CliException("manifest create: --version must be an integer >= 1");
      }
      Envelope env2 =
          KeyManifest.unsigned(publisher, version, now, expiresAt, ordered, manifestKeys);
      try {
        // The same rules every reader applies: no root role, duplicate keys, thresholds too high.
        KeyManifest.fromEnvelope(env2, Limits.defaults());
      } catch (InvalidInputException e) {
        throw new CliException(
            "manifest create: " + e.getMessage().replaceFirst("^manifest: ", ""));
      }
      AtomicFiles.write(env.resolve(common.output), env2.toJson());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a signature to a manifest, in place or to -o FILE. Root keys sign their manifest;",
        "for a rotation, the previous version's root keys sign the new one too."
      })
  static final class Sign implements Callable<Integer> {
    @ParentCommand ManifestCommand parent;

    @Mixin CommonOptions common;

    @Mixin LimitOptions limitOptions;

    @Mixin SigningKeyOptions signing;

    @Parameters(paramLabel = "MANIFEST")
    String manifest;

    @Override
    public Integer call() throws IOException {
      CliEnvironment env = parent.env();
      Limits limits = limitOptions.limits();
      KeyManifest m = parse(env, manifest, limits);
      SigningKey signer = signing.load(env, null);
      // The manifest's word on the scheme wins (an RSA key may be listed as rsa-pkcs1-sha256).
      var listed = m.key(signer.publicKey().keyId());
      if (listed.isPresent() && listed.get().key().scheme() != signer.scheme()) {
        signer = signing.load(env, listed.get().key().scheme());
      }
      if (listed.isEmpty() || !listed.get().hasRole(Role.ROOT)) {
        if (!common.quiet) {
          env.err()
              .println(
                  "verifier: note: key "
                      + signer.publicKey().keyId()
                      + " is not a root key of this manifest; its signature counts only for a"
                      + " rotation from a manifest where it is one");
        }
      }
      Envelope signed =
          m.envelope()
              .withSignature(
                  new Envelope.Signature(
                      signer.publicKey().keyId(), signer.sign(m.envelope().pae())));
      String target = common.output != null ? common.output : manifest;
      AtomicFiles.write(env.resolve(target), signed.toJson());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a manifest: strict format, a threshold of distinct usable root keys, not expired.",
        "With --trusted OLD, also that it is OLD itself or OLD's valid direct successor."
      })
  static final class Verify implements Callable<Integer> {
    @ParentCommand ManifestCommand parent;

    @Mixin CommonOptions common;

    @Mixin LimitOptions limitOptions;

    @Option(names = "--trusted", paramLabel = "OLD", description = "The manifest trusted so far.")
    String trusted;

    @Parameters(paramLabel = "MANIFEST")
    String manifest;

    @Override
    public Integer call() throws IOException {
      CliEnvironment env = parent.env();
      Format format = common.format();
      Instant at = common.at(env);
      Limits limits = limitOptions.limits();
      ManifestVerification v = ManifestVerifier.verify(read(env, manifest, limits), at, limits);
      if (trusted != null && v.manifest() != null) {
        KeyManifest old = parse(env, trusted, limits);
        v = ManifestVerifier.verifySuccessor(old, v.manifest(), at, true);
      }
      report(env, common, format, v);
      return v.isValid() ? ExitCodes.OK : ExitCodes.NO;
    }
  }

  static void report(
      CliEnvironment env, CommonOptions common, Format format, ManifestVerification v)
      throws IOException {
    common.report(env, format, out -> ManifestReport.json(v, out), ManifestReport.text(v));
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints a manifest's publisher, roles and keys; checks nothing (see verify).")
  static final class Show implements Callable<Integer> {
    @ParentCommand ManifestCommand parent;

    @Mixin CommonOptions common;

    @Mixin LimitOptions limitOptions;

    @Parameters(paramLabel = "MANIFEST")
    String manifest;

    @Override
    public Integer call() throws IOException {
      CliEnvironment env = parent.env();
      Format format = common.format();
      KeyManifest m = parse(env, manifest, limitOptions.limits());
      common.report(env, format, out -> ManifestReport.showJson(m, out), ManifestReport.show(m));
      return ExitCodes.OK;
    }
  }
}
