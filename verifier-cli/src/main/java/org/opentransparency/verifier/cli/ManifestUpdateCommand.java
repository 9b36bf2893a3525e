package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.manifest.ManifestVerification;
import org.opentransparency.verifier.manifest.TrustedManifestStore;
import org.opentransparency.verifier.report.ManifestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verifier manifest update --state DIR NEW...}: rotate the trusted manifest. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Moves the trusted manifest in DIR forward through NEW..., in order: each must be signed",
      "by a threshold of the previous version's root keys and be valid by itself; only the last",
      "must be unexpired. Keeps every step that verified; stops at the first that fails.",
      "An empty DIR trusts the first manifest given (trust on first use)."
    })
final class ManifestUpdateCommand implements Callable<Integer> {
  @ParentCommand ManifestCommand parent;

  @Mixin CommonOptions common;

  @Mixin LimitOptions limitOptions;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "DIR",
      description = "The state directory.")
  String state;

  @Parameters(paramLabel = "NEW", arity = "1..*")
  List<String> manifests;

  @Override
  public Integer call() throws IOException {
    CliEnvironment env = parent.env();
    Format format = common.format();
    Instant at = common.at(env);
    Limits limits = limitOptions.limits();
    List<byte[]> docs = new ArrayList<>();
    for (String m : manifests) {
      docs.add(ManifestCommand.read(env, m, limits));
    }
    TrustedManifestStore store = new TrustedManifestStore(env.resolve(state), limits);
    TrustedManifestStore.ManifestUpdate u = store.update(docs, at);
    StringBuilder text = new StringBuilder();
    for (ManifestVerification step : u.applied()) {
      text.append(ManifestReport.text(step)).append('\n');
    }
    if (!u.isValid()) {
      text.append(ManifestReport.text(u.result())).append('\n');
    }
    common.report(env, format, out -> ManifestReport.json(u.result(), out), text.toString());
    return u.isValid() ? ExitCodes.OK : ExitCodes.NO;
  }
}
