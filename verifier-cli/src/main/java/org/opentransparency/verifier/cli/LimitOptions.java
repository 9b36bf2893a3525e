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

  @Option(
      names = "--max-depth",
      paramLabel = "N",
      description = "Deepest nesting of archives in archives; default 8.")
  Integer maxDepth;

  @Option(
      names = "--max-entries",
      paramLabel = "N",
      description = "Most entries in one archive; default 1,000,000.")
  Long maxEntries;

  @Option(
      names = "--max-total-bytes",
      paramLabel = "N",
      description = "Most uncompressed bytes read in all; default 64 GiB.")
  Long maxTotalBytes;

  @Option(
      names = "--max-ratio",
      paramLabel = "N",
      description = "Most an entry may expand over its compressed size; default 1000.")
  Long maxRatio;

  Limits limits() {
    Limits.Builder b = Limits.defaults().toBuilder();
    try {
      if (maxJsonBytes != null) {
        b.maxJsonBytes(maxJsonBytes);
      }
      if (maxSignatureBytes != null) {
        b.maxSignatureBytes(maxSignatureBytes);
      }
      if (maxDepth != null) {
        b.maxNestingDepth(maxDepth);
      }
      if (maxEntries != null) {
        b.maxEntries(maxEntries);
      }
      if (maxTotalBytes != null) {
        b.maxTotalBytes(maxTotalBytes);
      }
      if (maxRatio != null) {
        b.maxCompressionRatio(maxRatio);
      }
    } catch (IllegalArgumentException e) {
      throw new CliException("limits: " + e.getMessage());
    }
    return b.build();
  }
}
