package org.opentransparency.verifier.cli;

import org.opentransparency.verifier.Limits;
import picocli.CommandLine.Option;

/** The SPEC 4 limits a command reads under, each overridable. */
final class LimitOptions {
  @Option(
      names = "--max-json-bytes",
      paramLabel = "N",
      description = "Largest JSON document read (manifest, envelope, statement); default 16 MiB.")
  Long maxJsonBytes;

  @Option(
      names = "--max-signature-bytes",
      paramLabel = "N",
      description = "Largest signature file read; default 1 MiB.")
  Long maxSignatureBytes;

  Limits limits() {
    Limits.Builder b = Limits.defaults().toBuilder();
    try {
      if (maxJsonBytes != null) {
        b.maxJsonBytes(maxJsonBytes);
      }
      if (maxSignatureBytes != null) {
        b.maxSignatureBytes(maxSignatureBytes);
      }
    } catch (IllegalArgumentException e) {
      throw new CliException("limits: " + e.getMessage());
    }
    return b.build();
  }
}
